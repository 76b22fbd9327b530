import Foundation
import InspectNotices

/// Reads the operator's notice templates (`<kind>.subject.mustache`,
/// `<kind>.body.mustache`) from the templates directory; the built-in ones fill the rest.
/// A missing directory means the built-ins; any broken or unknown file rejects them all,
/// so a half-edited set never comes into force.
enum TemplateLoader {
    static func load(directory: String) -> Result<NoticeTemplateSet, ConfigurationLoadError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            return mapped(NoticeTemplateSet.make(overrides: [:]), directory: directory)
        }
        guard isDirectory.boolValue else {
            return .failure(ConfigurationLoadError(problems: ["\(directory): notices.templates_directory is not a directory"]))
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }.sorted()
        } catch {
            return .failure(ConfigurationLoadError(problems: ["\(directory): cannot list the templates directory (\(error.localizedDescription))"]))
        }
        var overrides: [String: String] = [:]
        var problems: [String] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append("\(path): cannot read the template; check its permissions")
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append("\(path): the template is not UTF-8; save it as UTF-8")
                continue
            }
            overrides[name] = text
        }
        if !problems.isEmpty { return .failure(ConfigurationLoadError(problems: problems)) }
        return mapped(NoticeTemplateSet.make(overrides: overrides), directory: directory)
    }

    private static func mapped(
        _ result: Result<NoticeTemplateSet, TemplateProblems>, directory: String
    ) -> Result<NoticeTemplateSet, ConfigurationLoadError> {
        switch result {
        case .success(let set): .success(set)
        case .failure(let problems):
            .failure(ConfigurationLoadError(problems: problems.problems.map { (directory as NSString).appendingPathComponent($0.description) }))
        }
    }
}
