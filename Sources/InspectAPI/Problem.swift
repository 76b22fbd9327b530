/// An error answer, as RFC 9457 problem details (`application/problem+json`).
///
/// `code` is stable: clients and scripts branch on it, never on `title` or `detail`.
public struct Problem: Codable, Sendable, Equatable, Error {
    /// A URI naming the kind of problem: `urn:inspectd:problem:<code>`.
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var code: String
    /// Itemised problems (e.g. every bad row of an import), when there are several.
    public var errors: [ProblemItem]?

    public init(code: ProblemCode, detail: String, errors: [ProblemItem]? = nil) {
        self.type = "urn:inspectd:problem:\(code.rawValue)"
        self.title = code.title
        self.status = code.status
        self.detail = detail
        self.code = code.rawValue
        self.errors = errors
    }
}

/// One itemised problem: where (file, line, column) and what is wrong.
public struct ProblemItem: Codable, Sendable, Equatable {
    public var file: String?
    public var line: Int?
    public var column: String?
    public var message: String

    public init(file: String? = nil, line: Int? = nil, column: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line: column "x": message`, as a person reads it.
    public var description: String {
        var location = [file, line.map(String.init)].compactMap { $0 }.joined(separator: ":")
        if let column { location += location.isEmpty ? "column \"\(column)\"" : ": column \"\(column)\"" }
        return location.isEmpty ? message : "\(location): \(message)"
    }
}

/// The stable problem codes of the API, with their HTTP status.
public enum ProblemCode: String, Codable, Sendable, CaseIterable {
    case badRequest = "bad_request"
    case forbidden
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case payloadTooLarge = "payload_too_large"
    /// The request target (path and query) is longer than the API reads.
    case uriTooLong = "uri_too_long"
    case unsupportedMediaType = "unsupported_media_type"
    case invalidImport = "invalid_import"
    /// A change the data's current state does not allow (closing a case not yet verified).
    case conflict
    case storeUnavailable = "store_unavailable"
    case internalError = "internal_error"

    public var status: Int {
        switch self {
        case .badRequest: 400
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .payloadTooLarge: 413
        case .uriTooLong: 414
        case .unsupportedMediaType: 415
        case .invalidImport: 422
        case .conflict: 409
        case .storeUnavailable: 503
        case .internalError: 500
        }
    }

    public var title: String {
        switch self {
        case .badRequest: "The request is malformed"
        case .forbidden: "Your account has no role that allows this"
        case .notFound: "No such resource"
        case .methodNotAllowed: "Method not allowed on this resource"
        case .payloadTooLarge: "The request body is too large"
        case .uriTooLong: "The request target is too long"
        case .unsupportedMediaType: "Unsupported content type"
        case .invalidImport: "The file has errors; nothing was imported"
        case .conflict: "The change is not allowed in the current state"
        case .storeUnavailable: "The database cannot be used right now"
        case .internalError: "Internal error"
        }
    }
}
