import Foundation
import InspectAPI
import InspectCore
import InspectStore
import Logging

/// Routes API requests to their handlers and enforces roles.
public struct APIRouter: Sendable {
    let state: DaemonState
    let version: String
    let logger = Logger(label: "inspectd")

    public init(state: DaemonState, version: String) {
        self.state = state
        self.version = version
    }

    /// Every route the API serves, with the least role that may call it.
    static let routes: [(method: String, path: String, role: Role)] = [
        ("GET", "/v1/status", .supervisor),
        ("GET", "/v1/openapi.json", .supervisor),
        ("GET", "/v1/units", .supervisor),
        ("GET", "/v1/inspectors", .supervisor),
        ("GET", "/v1/sites", .supervisor),
        ("POST", "/v1/imports/units", .admin),
        ("POST", "/v1/imports/inspectors", .admin),
        ("POST", "/v1/imports/sites", .admin),
        ("GET", "/v1/calendar", .supervisor),
        ("GET", "/v1/weather", .supervisor),
        ("POST", "/v1/weather/imports", .admin),
        ("GET", "/v1/cases", .supervisor),
        ("POST", "/v1/cases/imports", .admin),
        ("GET", "/v1/cases/{id}", .supervisor),
        ("POST", "/v1/cases/{id}/update", .admin),
        ("GET", "/v1/units/lagging", .supervisor),
        ("GET", "/v1/notices", .supervisor),
        ("GET", "/v1/roster", .supervisor),
        ("GET", "/v1/roster/fairness", .supervisor),
        ("GET", "/v1/roster/shifts/{id}/explain", .supervisor),
        ("POST", "/v1/roster/shifts/{id}/assign", .admin),
        ("GET", "/v1/duty", .supervisor),
        ("GET", "/v1/plans", .supervisor),
        ("GET", "/v1/plans/{id}/verify", .supervisor),
        ("POST", "/v1/leave", .admin),
        ("GET", "/v1/leave", .supervisor),
        ("POST", "/v1/conflicts", .admin),
        ("GET", "/v1/conflicts", .admin),
    ]

    /// The values of a route's `{name}` segments when `path` matches `template`, else nil.
    /// Literal routes win over templates (`/v1/cases/imports` is not case "imports").
    static func match(_ template: String, _ path: String) -> [String: String]? {
        let patterns = template.split(separator: "/", omittingEmptySubsequences: false)
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard patterns.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (pattern, segment) in zip(patterns, segments) {
            if pattern.hasPrefix("{") && pattern.hasSuffix("}") {
                guard !segment.isEmpty, let decoded = String(segment).removingPercentEncoding else { return nil }
                values[String(pattern.dropFirst().dropLast())] = decoded
            } else if pattern != segment {
                return nil
            }
        }
        return values
    }

    /// The routes for `path`: the literal ones if any match, else the templated ones.
    static func routes(for path: String) -> [(method: String, path: String, role: Role, parameters: [String: String])] {
        let literal = routes.filter { $0.path == path }.map { ($0.method, $0.path, $0.role, [String: String]()) }
        if !literal.isEmpty { return literal }
        return routes.compactMap { route in
            guard route.path.contains("{"), let values = match(route.path, path) else { return nil }
            return (route.method, route.path, route.role, values)
        }
    }

    public func respond(to request: APIRequest) async -> APIResponse {
        let matching = Self.routes(for: request.path)
        guard !matching.isEmpty else {
            return .problem(.init(code: .notFound, detail: "no resource at \(request.path); GET /v1/openapi.json lists them"))
        }
        guard let route = matching.first(where: { $0.method == request.method }) else {
            let allowed = matching.map(\.method).joined(separator: ", ")
            return .problem(.init(code: .methodNotAllowed, detail: "\(request.method) is not allowed on \(request.path); use \(allowed)"))
        }
        let peer = request.peer
        let role = state.access.role(uid: peer.uid, gid: peer.gid, groups: peer.groups)
        guard let role, role >= route.role else {
            let need = route.role == .admin ? "an admin group (access.admin_groups)" : "a group in access.supervisor_groups or access.admin_groups"
            return .problem(.init(code: .forbidden, detail: "uid \(peer.uid) may not \(request.method) \(request.path); it needs membership of \(need)"))
        }
        let caller = Caller(uid: peer.uid, gid: peer.gid, pid: peer.pid, groups: peer.groups, role: role)
        do {
            switch (request.method, route.path) {
            case ("GET", "/v1/status"): return .json(try status(caller: caller))
            case ("GET", "/v1/openapi.json"):
                return APIResponse(status: 200, contentType: "application/json", body: Array(OpenAPIDocument.json.utf8))
            case ("GET", "/v1/units"): return .json(try state.store.units())
            case ("GET", "/v1/inspectors"): return .json(try state.store.inspectors())
            case ("GET", "/v1/sites"): return .json(try state.store.sites())
            case ("GET", "/v1/cases"): return try listCases(request)
            case ("POST", "/v1/cases/imports"): return try importCases(request)
            case ("GET", "/v1/cases/{id}"): return try showCase(route.parameters["id"] ?? "")
            case ("POST", "/v1/cases/{id}/update"): return try updateCase(route.parameters["id"] ?? "", request)
            case ("GET", "/v1/units/lagging"): return try laggingUnits()
            case ("GET", "/v1/notices"): return try listNotices(request)
            case ("GET", "/v1/roster"): return try rosterReport(request, caller: caller)
            case ("GET", "/v1/roster/fairness"): return try fairness(request)
            case ("GET", "/v1/roster/shifts/{id}/explain"): return try explain(route.parameters["id"] ?? "", caller: caller)
            case ("POST", "/v1/roster/shifts/{id}/assign"): return try await assign(route.parameters["id"] ?? "", request, caller: caller)
            case ("GET", "/v1/duty"): return try duty(request, caller: caller)
            case ("GET", "/v1/plans"): return try plans(request, caller: caller)
            case ("GET", "/v1/plans/{id}/verify"): return try verifyDraw(route.parameters["id"] ?? "", caller: caller)
            case ("POST", "/v1/leave"): return try await addLeave(request, caller: caller)
            case ("GET", "/v1/leave"): return try listLeave(request)
            case ("POST", "/v1/conflicts"): return try await declareConflict(request, caller: caller)
            case ("GET", "/v1/conflicts"): return try listConflicts()
            case ("GET", "/v1/calendar"): return calendar(request)
            case ("GET", "/v1/weather"): return try weather(request)
            case ("POST", "/v1/weather/imports"): return try importForecast(request)
            case ("POST", let path) where path.hasPrefix("/v1/imports/"):
                let kind = DirectoryKind(rawValue: String(path.dropFirst("/v1/imports/".count)))!
                return importDirectory(kind, request: request)
            default:
                return .problem(.init(code: .notFound, detail: "no handler for \(request.method) \(request.path)"))
            }
        } catch {
            return .problem(.init(code: .storeUnavailable, detail: "\(error)"))
        }
    }

    private func status(caller: Caller) throws(StoreError) -> StatusReport {
        let counts = try state.store.directoryCounts()
        return StatusReport(
            district: state.configuration.district.name,
            version: version,
            pid: getpid(),
            statusText: state.statusText,
            startedAt: Timestamp.string(state.startedAt),
            uptimeSeconds: state.uptimeSeconds,
            configPath: state.configPath,
            lastReload: state.lastReload,
            database: .init(path: state.store.path, schemaVersion: try state.store.schemaVersion()),
            counts: .init(units: counts.units, inspectors: counts.inspectors, sites: counts.sites),
            caller: caller,
            warnings: state.warnings
        )
    }
}
