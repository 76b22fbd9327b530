import Foundation
import InspectAPI

/// One HTTP request to the local API, with who sent it.
public struct APIRequest: Sendable {
    public var method: String
    /// The path without the query, as sent, e.g. `/v1/status`. Still percent-encoded: a
    /// route's `{name}` segments are decoded one by one when it is matched, so a value may
    /// hold an encoded `/` (a shift id such as `2026-12-01%2Fnight%2Fnorth%2F1`).
    public var path: String
    public var query: [String: String]
    public var contentType: String?
    public var body: [UInt8]
    public var peer: PeerCredentials

    public init(method: String, target: String, contentType: String?, body: [UInt8], peer: PeerCredentials) {
        self.method = method
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.path = parts.first.map(String.init) ?? "/"
        var query: [String: String] = [:]
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(keyValue[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
                let value = keyValue.count == 2
                    ? (String(keyValue[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "")
                    : ""
                query[key] = value
            }
        }
        self.query = query
        self.contentType = contentType
        self.body = body
        self.peer = peer
    }
}

/// One HTTP response of the local API.
public struct APIResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    /// What the audit trail should say about this answer, set by handlers that touch
    /// something (`target`) or reveal sealed data (`sealed`).
    var audit: AuditMark?

    public init(status: Int, contentType: String, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return encoder
    }()

    /// A JSON answer.
    public static func json(_ value: some Encodable, status: Int = 200) -> APIResponse {
        do {
            return APIResponse(status: status, contentType: "application/json", body: Array(try encoder.encode(value)))
        } catch {
            return problem(Problem(code: .internalError, detail: "could not encode the answer: \(error)"))
        }
    }

    /// An RFC 9457 problem-details answer.
    public static func problem(_ problem: Problem) -> APIResponse {
        let body = (try? encoder.encode(problem)).map(Array.init) ?? Array(#"{"code":"internal_error"}"#.utf8)
        return APIResponse(status: problem.status, contentType: "application/problem+json", body: body)
    }
}

/// A handler's note for the audit trail.
struct AuditMark: Sendable {
    /// What was touched: an inspector, shift, case or plan id.
    var target: String
    var detail: String = ""
    /// The answer revealed sealed data (an unreleased site list, a draw before its period ended).
    var sealed = false
}

extension APIResponse {
    /// This answer, with `mark` for the audit trail.
    func audited(_ mark: AuditMark) -> APIResponse {
        var copy = self
        copy.audit = mark
        return copy
    }
}
