import Foundation
import InspectAPI
import InspectCalendar
import InspectStore
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The audit trail: every write, every read of sealed data and every refusal, in the
/// database (append-only) and in the journal (`INSPECTD_AUDIT=1`, `MESSAGE_ID` below).
enum AuditTrail {
    /// The journal's `MESSAGE_ID` of every audit entry; explained in `deploy/catalog/inspectd.catalog`.
    static let messageID = "049419bb9ded436a92240e95127f78e3"
    /// The longest `detail` kept; a problem's detail is cut there.
    static let detailLimit = 500

    /// Records a change that came in without an API caller — a configuration reload (rule
    /// changes), a forecast file dropped into the watched directory — as role `system`, in
    /// the database and the journal like every other entry.
    static func recordSystemChange(
        state: DaemonState, logger: Logger, action: String, target: String, outcome: Int, detail: String
    ) {
        let cut = detail.count > detailLimit ? String(detail.prefix(detailLimit - 1)) + "…" : detail
        let entry = StoredAuditEntry(
            at: Int64(Date().timeIntervalSince1970), uid: getuid(), gid: getgid(), pid: getpid(), role: "system", action: action,
            target: target, outcome: outcome, detail: cut)
        var id = "unstored"
        do {
            id = String(try state.store.appendAudit(entry).id)
        } catch {
            logger.error("the audit trail could not store \(action): \(error)", metadata: ["event": "audit_failed"])
        }
        logger.notice(
            "audit \(id): system \(action) \(target) → \(outcome)\(cut.isEmpty ? "" : ": \(cut)")",
            metadata: [
                "event": "audit", "audit": "1", "journal_message_id": "\(messageID)", "audit_id": "\(id)", "uid": "\(entry.uid)",
                "role": "system", "action": "\(action)", "target": "\(target)", "outcome": "\(outcome)",
            ])
    }
}

extension APIRouter {
    /// A 403 naming the caller's role (or its lack) and what that role may use instead.
    func forbidden(_ request: APIRequest, caller: Caller, roles: Set<Role>) -> APIResponse {
        let open = roles.sorted(by: >).map(\.rawValue).joined(separator: ", ")
        guard caller.role != nil else {
            return .problem(
                .init(
                    code: .forbidden,
                    detail:
                        "uid \(caller.uid) (gid \(caller.gid)) has no role: none of its groups is in [access] admin_groups, supervisor_groups, unit_groups or inspector_groups; ask the HQ office to add one"
                ))
        }
        return refuse(caller, "may not \(request.method) \(request.path) (open to: \(open))")
    }

    /// A 403 for `caller`, with what its role and binding let it use.
    func refuse(_ caller: Caller, _ what: String) -> APIResponse {
        let role = caller.role ?? .supervisor
        var who = "uid \(caller.uid) is \(role == .admin || role == .inspector ? "an" : "a") \(role.rawValue)"
        if !caller.units.isEmpty { who += " for unit \(caller.units.joined(separator: ", "))" }
        if !caller.inspectors.isEmpty { who += " for inspector \(caller.inspectors.joined(separator: ", "))" }
        return .problem(.init(code: .forbidden, detail: "\(who) and \(what); a \(role.rawValue) may use \(Self.allowed(for: role))"))
    }

    /// Records one answer in the database and the journal. A failure to store it is logged
    /// (the answer has gone out; the journal entry still holds the record).
    func audit(_ request: APIRequest, caller: Caller, route: (path: String, parameters: [String: String])?, response: APIResponse) {
        let action = "\(request.method) \(route?.path ?? request.path)"
        let target = response.audit?.target ?? route?.parameters["id"] ?? ""
        var detail = response.audit?.detail ?? ""
        if response.status >= 400,
            let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let problem = object["detail"] as? String
        {
            detail = problem
        }
        if detail.count > AuditTrail.detailLimit { detail = String(detail.prefix(AuditTrail.detailLimit - 1)) + "…" }
        let role = caller.role?.rawValue ?? "none"
        let entry = StoredAuditEntry(
            at: nowSeconds, uid: caller.uid, gid: caller.gid, pid: caller.pid, role: role, action: action, target: target,
            outcome: response.status, detail: detail)
        var id = "unstored"
        do {
            id = String(try state.store.appendAudit(entry).id)
        } catch {
            logger.error("the audit trail could not store \(action) by uid \(caller.uid): \(error)", metadata: ["event": "audit_failed"])
        }
        logger.notice(
            "audit \(id): uid \(caller.uid) (\(role)) \(action)\(target.isEmpty ? "" : " \(target)") → \(response.status)\(detail.isEmpty ? "" : ": \(detail)")",
            metadata: [
                "event": "audit", "audit": "1", "journal_message_id": "\(AuditTrail.messageID)", "audit_id": "\(id)", "uid": "\(caller.uid)",
                "gid": "\(caller.gid)", "peer_pid": "\(caller.pid)", "role": "\(role)", "action": "\(action)", "target": "\(target)",
                "outcome": "\(response.status)",
            ])
    }

    /// `GET /v1/audit?since=&user=&limit=`: the trail, oldest first (admins only).
    func auditTrail(_ request: APIRequest) throws(StoreError) -> APIResponse {
        let zone = state.zone
        var since: Int64?
        if let text = request.query["since"], !text.isEmpty {
            if let date = CivilDate(iso: text) {
                since = zone.utcSeconds(fromLocal: Int64(date.daysSinceEpoch) * 86_400)
            } else if let instant = Self.instant(text, zone: zone) {
                since = instant
            } else {
                return .problem(
                    .init(code: .badRequest, detail: "since=\(text) is neither a date (YYYY-MM-DD) nor a time (YYYY-MM-DDTHH:MM, district time)"))
            }
        }
        var uid: UInt32?
        if let text = request.query["user"], !text.isEmpty {
            if let number = UInt32(text) {
                uid = number
            } else if let account = getpwnam(text) {
                uid = account.pointee.pw_uid
            } else {
                return .problem(.init(code: .notFound, detail: "user=\(text) is neither a uid nor a user on this system; give the uid"))
            }
        }
        var limit = 1000
        if let text = request.query["limit"], !text.isEmpty {
            guard let number = Int(text), (1...100_000).contains(number) else {
                return .problem(.init(code: .badRequest, detail: "limit=\(text) must be a whole number from 1 to 100000"))
            }
            limit = number
        }
        return .json(
            try state.store.auditEntries(since: since, uid: uid, limit: limit).map {
                AuditItem(
                    id: $0.id, at: zone.iso8601(utcSeconds: $0.at), uid: $0.uid, gid: $0.gid, pid: $0.pid, role: $0.role, action: $0.action,
                    target: $0.target, outcome: $0.outcome, detail: $0.detail)
            })
    }
}
