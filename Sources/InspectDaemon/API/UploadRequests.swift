import Foundation
import InspectAPI
import InspectCore

/// What every file upload (directory, forecast and case imports) shares: the file's
/// name and encoding from the query, and how a rejected file is answered.
extension APIRouter {
    /// `file=` as a bare file name, or `fallback`.
    func uploadedFileName(_ request: APIRequest, default fallback: String) -> String {
        request.query["file"].flatMap { $0.isEmpty ? nil : ($0 as NSString).lastPathComponent } ?? fallback
    }

    /// `encoding=auto|utf8|gb18030`: nil for auto.
    func requestedEncoding(_ request: APIRequest) -> Result<TextEncoding?, Problem> {
        switch request.query["encoding"] ?? "auto" {
        case "auto", "": return .success(nil)
        case let name:
            guard let known = TextEncoding(rawValue: name) else {
                return .failure(.init(code: .badRequest, detail: "unknown encoding \"\(name)\"; use auto, utf8 or gb18030"))
            }
            return .success(known)
        }
    }

    /// 422 with every problem as an item (`"value" message`), and how many were left out.
    func rejection(_ problems: [ImportProblem], omitted: Int, file: String, what: String) -> APIResponse {
        var items = problems.map { problem in
            ProblemItem(
                file: problem.file, line: problem.line > 0 ? problem.line : nil, column: problem.column,
                message: problem.value.map { "\"\($0)\" \(problem.message)" } ?? problem.message)
        }
        if omitted > 0 { items.append(ProblemItem(file: file, message: "… and \(omitted) more problems")) }
        let count = problems.count + omitted
        return .problem(.init(code: .invalidImport, detail: "\(file): \(count) problem\(count == 1 ? "" : "s"); \(what)", errors: items))
    }
}
