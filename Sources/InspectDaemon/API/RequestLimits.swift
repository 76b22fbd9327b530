import InspectAPI

/// The limits every API request is checked against before it reaches a route, so that a
/// hostile or broken client gets a clear 4xx instead of costing the daemon memory or stack.
///
/// - Body: at most ``maximumBodyBytes`` (16 MiB, the largest import file), else 413.
/// - Request target (path and query): at most ``maximumTargetBytes`` (8 KiB), else 414.
/// - The small JSON bodies read with Foundation's `JSONDecoder` (leave, conflicts, case
///   updates, roster edits): at most ``maximumJSONBodyBytes`` (64 KiB), else 413, and
///   arrays and objects nested at most ``maximumJSONDepth`` (32) deep, else 400.
///
/// The values are documented in README.md under "Limits".
enum RequestLimits {
    static let maximumBodyBytes = 16 * 1024 * 1024
    static let maximumTargetBytes = 8 * 1024
    static let maximumJSONBodyBytes = 64 * 1024
    static let maximumJSONDepth = 32

    /// The routes whose body is a small JSON document.
    static let jsonBodyRoutes: Set<String> = [
        "/v1/leave", "/v1/conflicts", "/v1/cases/{id}/update", "/v1/roster/shifts/{id}/assign",
    ]

    /// The problem with `request`, if it passes a limit; the route itself is not run then.
    static func problem(with request: APIRequest, target: String) -> Problem? {
        if target.utf8.count > maximumTargetBytes {
            return Problem(
                code: .uriTooLong,
                detail: "the request target is \(target.utf8.count) bytes, more than the limit of \(maximumTargetBytes); "
                    + "send fewer or shorter query parameters")
        }
        guard request.method == "POST",
            APIRouter.routes(for: request.path).contains(where: { $0.method == "POST" && jsonBodyRoutes.contains($0.path) })
        else { return nil }
        if request.body.count > maximumJSONBodyBytes {
            return Problem(
                code: .payloadTooLarge,
                detail: "the JSON body is \(request.body.count) bytes, more than the limit of \(maximumJSONBodyBytes) for \(request.path)")
        }
        if let depth = jsonNestingExceeding(maximumJSONDepth, in: request.body) {
            return Problem(
                code: .badRequest,
                detail: "the JSON body nests arrays and objects more than \(maximumJSONDepth) deep (byte \(depth)); "
                    + "send the flat object the API documents")
        }
        return nil
    }

    /// The offset of the first `[` or `{` (outside strings) that opens a level deeper than
    /// `limit`, else nil. One pass, no allocation: cheap enough for every small body.
    static func jsonNestingExceeding(_ limit: Int, in bytes: [UInt8]) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        for (offset, byte) in bytes.enumerated() {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return offset }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return nil
    }
}
