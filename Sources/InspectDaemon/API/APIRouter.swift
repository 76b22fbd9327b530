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

    /// Roles that may call a route.
    static let everyone = Set(Role.allCases)
    static let staff: Set<Role> = [.admin, .supervisor]
    static let admins: Set<Role> = [.admin]

    /// Every route the API serves, with the roles that may call it. `unit` and `inspector`
    /// callers get only what their binding covers (the handlers filter by it): a unit its
    /// people's shifts and its own cases, an inspector their own shifts and leave.
    static let routes: [(method: String, path: String, roles: Set<Role>)] = [
        ("GET", "/v1/status", everyone),
        ("GET", "/v1/openapi.json", everyone),
        ("GET", "/v1/units", staff),
        ("GET", "/v1/inspectors", staff),
        ("GET", "/v1/sites", staff),
        ("POST", "/v1/imports/units", admins),
        ("POST", "/v1/imports/inspectors", admins),
        ("POST", "/v1/imports/sites", admins),
        ("GET", "/v1/calendar", staff),
        ("GET", "/v1/weather", staff),
        ("POST", "/v1/weather/imports", admins),
        ("GET", "/v1/cases", staff.union([.unit])),
        ("POST", "/v1/cases/imports", admins),
        ("GET", "/v1/cases/{id}", staff.union([.unit])),
        ("POST", "/v1/cases/{id}/update", [.admin, .unit]),
        ("GET", "/v1/units/lagging", staff),
        ("GET", "/v1/notices", staff),
        ("GET", "/v1/roster", everyone),
        ("GET", "/v1/roster/fairness", staff),
        ("GET", "/v1/roster/shifts/{id}/explain", staff),
        ("POST", "/v1/roster/shifts/{id}/assign", admins),
        // Not for inspectors or units: it lists the phones of everyone on duty.
        ("GET", "/v1/duty", staff),
        ("GET", "/v1/plans", staff),
        ("GET", "/v1/plans/{id}/verify", staff),
        ("POST", "/v1/leave", [.admin, .inspector]),
        ("GET", "/v1/leave", staff.union([.inspector])),
        ("POST", "/v1/conflicts", admins),
        ("GET", "/v1/conflicts", admins),
        // An inspector may record only the visits of their own teams (the handler checks).
        ("POST", "/v1/visits/record", [.admin, .inspector]),
        ("GET", "/v1/visits", staff),
        ("POST", "/v1/tasks", staff),
        ("GET", "/v1/tasks", staff),
        ("POST", "/v1/tasks/cancel", staff),
        ("POST", "/v1/campaigns", staff),
        ("GET", "/v1/disclosure", staff),
        ("GET", "/v1/audit", admins),
    ]

    /// What a role may call, for the messages of refusals.
    static func allowed(for role: Role) -> String {
        routes.filter { $0.roles.contains(role) }.map { "\($0.method) \($0.path)" }.joined(separator: ", ")
    }

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
    static func routes(for path: String) -> [(method: String, path: String, roles: Set<Role>, parameters: [String: String])] {
        let literal = routes.filter { $0.path == path }.map { ($0.method, $0.path, $0.roles, [String: String]()) }
        if !literal.isEmpty { return literal }
        return routes.compactMap { route in
            guard route.path.contains("{"), let values = match(route.path, path) else { return nil }
            return (route.method, route.path, route.roles, values)
        }
    }

    /// Answers a request, and records it in the audit trail when it writes (any POST),
    /// reveals sealed data, or is refused (403).
    public func respond(to request: APIRequest) async -> APIResponse {
        let peer = request.peer
        let grant = state.access.grant(uid: peer.uid, gid: peer.gid, groups: peer.groups)
        let caller = Caller(
            uid: peer.uid, gid: peer.gid, pid: peer.pid, groups: peer.groups, role: grant?.role, units: grant?.units ?? [],
            inspectors: grant?.inspectors ?? [])
        let route = Self.routes(for: request.path).first { $0.method == request.method }
        let response = await dispatch(request, caller: caller)
        if request.method == "POST" || response.status == 403 || response.audit?.sealed == true {
            audit(request, caller: caller, route: route.map { ($0.path, $0.parameters) }, response: response)
        }
        return response
    }

    private func dispatch(_ request: APIRequest, caller: Caller) async -> APIResponse {
        let matching = Self.routes(for: request.path)
        guard !matching.isEmpty else {
            return .problem(.init(code: .notFound, detail: "no resource at \(request.path); GET /v1/openapi.json lists them"))
        }
        guard let route = matching.first(where: { $0.method == request.method }) else {
            let allowed = matching.map(\.method).joined(separator: ", ")
            return .problem(.init(code: .methodNotAllowed, detail: "\(request.method) is not allowed on \(request.path); use \(allowed)"))
        }
        guard let role = caller.role, route.roles.contains(role) else {
            return forbidden(request, caller: caller, roles: route.roles)
        }
        do {
            switch (request.method, route.path) {
            case ("GET", "/v1/status"): return .json(try status(caller: caller))
            case ("GET", "/v1/openapi.json"):
                return APIResponse(status: 200, contentType: "application/json", body: Array(OpenAPIDocument.json.utf8))
            case ("GET", "/v1/units"): return .json(try state.store.units())
            case ("GET", "/v1/inspectors"): return .json(try state.store.inspectors())
            case ("GET", "/v1/sites"): return .json(try state.store.sites())
            case ("GET", "/v1/cases"): return try listCases(request, caller: caller)
            case ("POST", "/v1/cases/imports"): return try await importCases(request)
            case ("GET", "/v1/cases/{id}"): return try showCase(route.parameters["id"] ?? "", caller: caller)
            case ("POST", "/v1/cases/{id}/update"): return try await updateCase(route.parameters["id"] ?? "", request, caller: caller)
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
            case ("GET", "/v1/leave"): return try listLeave(request, caller: caller)
            case ("POST", "/v1/conflicts"): return try await declareConflict(request, caller: caller)
            case ("GET", "/v1/conflicts"): return try listConflicts()
            case ("POST", "/v1/visits/record"): return try recordVisit(request, caller: caller)
            case ("GET", "/v1/visits"): return try listVisits(request, caller: caller)
            case ("POST", "/v1/tasks"): return try await addTask(request, caller: caller)
            case ("GET", "/v1/tasks"): return try listTasks(request, caller: caller)
            case ("POST", "/v1/tasks/cancel"): return try await cancelTask(request, caller: caller)
            case ("POST", "/v1/campaigns"): return try await addCampaign(request, caller: caller)
            case ("GET", "/v1/disclosure"): return try disclosure(request)
            case ("GET", "/v1/audit"): return try auditTrail(request)
            case ("GET", "/v1/calendar"): return calendar(request)
            case ("GET", "/v1/weather"): return try weather(request)
            case ("POST", "/v1/weather/imports"): return try importForecast(request)
            case ("POST", let path) where path.hasPrefix("/v1/imports/"):
                let kind = DirectoryKind(rawValue: String(path.dropFirst("/v1/imports/".count)))!
                return importDirectory(kind, request: request).audited(AuditMark(target: kind.rawValue))
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
