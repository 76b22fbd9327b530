import Foundation
import InspectAPI
import InspectCalendar
import InspectCore
import InspectStore

extension APIRouter {
    static let taskReasons = ["complaint", "referral", "special", "verification"]
    static let taskStatuses = ["placed", "unplaced", "done", "cancelled", "expired"]

    var tasks: TaskDesk { TaskDesk(state: state, logger: logger) }

    /// A task's time: `YYYY-MM-DDTHH:MM` (district time, or with an offset), or a date, which
    /// stands for its start (`from`) or its end (`by`).
    static func taskTime(_ text: String, endOfDay: Bool, zone: DistrictTimeZone) -> Int64? {
        if let date = CivilDate(iso: text) { return zone.startOfDay(endOfDay ? date.adding(days: 1) : date) }
        return instant(text, zone: zone)
    }

    /// `POST /v1/tasks` with a `TaskAddRequest`: places a targeted inspection on an existing
    /// team-shift before its deadline, adding one visit to that team's sealed list; refused
    /// with why (409) when no team-shift fits, and then nothing is stored.
    func addTask(_ request: APIRequest, caller: Caller) async throws -> APIResponse {
        guard let body = try? JSONDecoder().decode(TaskAddRequest.self, from: Data(request.body)) else {
            return .problem(.init(code: .badRequest, detail: "the body is not a JSON object with site, by, from, reason, case, night and note"))
        }
        let mark = AuditMark(target: body.site, detail: "task \(body.reason) by \(body.by)")
        guard Self.taskReasons.contains(body.reason) else {
            return .problem(.init(code: .badRequest, detail: "reason \(body.reason) is not a task reason; use \(Self.taskReasons.joined(separator: ", "))"))
                .audited(mark)
        }
        let zone = state.zone
        let now = nowSeconds
        guard let by = Self.taskTime(body.by, endOfDay: true, zone: zone) else {
            return .problem(
                .init(code: .badRequest, detail: "by=\(body.by) is not a time; write YYYY-MM-DDTHH:MM (district time), with an offset, or a date YYYY-MM-DD (its end)")
            ).audited(mark)
        }
        var from = now
        if let text = body.from {
            guard let parsed = Self.taskTime(text, endOfDay: false, zone: zone) else {
                return .problem(
                    .init(code: .badRequest, detail: "from=\(text) is not a time; write YYYY-MM-DDTHH:MM (district time), with an offset, or a date YYYY-MM-DD (its start)")
                ).audited(mark)
            }
            from = max(parsed, now)
        }
        guard by > now else {
            return .problem(.init(code: .badRequest, detail: "by=\(body.by) has passed already; give a deadline in the future")).audited(mark)
        }
        guard from < by else {
            return .problem(.init(code: .badRequest, detail: "from=\(body.from ?? "now") is not before by=\(body.by); swap them")).audited(mark)
        }
        let note = body.note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= 500 else { return .problem(.init(code: .badRequest, detail: "the note is longer than 500 characters; shorten it")).audited(mark) }
        guard try state.store.sites().contains(where: { $0.id == body.site }) else {
            return .problem(.init(code: .notFound, detail: "no site \(body.site) in the directory; list sites with inspectctl sites")).audited(mark)
        }
        if let caseID = body.caseID {
            guard let item = try state.store.findCase(caseID) else {
                return .problem(.init(code: .notFound, detail: "no case \(caseID) in the ledger; list cases with inspectctl cases")).audited(mark)
            }
            if body.reason == "verification" {
                guard item.status == .rectified else {
                    return .problem(
                        .init(code: .conflict, detail: "case \(caseID) is \(item.status.rawValue), not rectified: only a rectified case is verified (复查)")
                    ).audited(mark)
                }
                if let open = try state.store.openTasks().first(where: { $0.caseID == caseID && $0.reason == "verification" }) {
                    return .problem(
                        .init(
                            code: .conflict,
                            detail: "case \(caseID) has an open verification task \(open.id) already; cancel it first (inspectctl task cancel \(open.id)) to plan another")
                    ).audited(mark)
                }
            }
        } else if body.reason == "verification" {
            return .problem(
                .init(code: .badRequest, detail: "a verification task (复查) needs --case naming the rectified case it verifies")
            ).audited(mark)
        }
        let task = StoredTask(
            siteID: body.site, fromAt: from, byAt: by, reason: body.reason, caseID: body.caseID, night: body.night, note: note, uid: caller.uid,
            createdAt: now)
        let desk = roster
        let taskDesk = tasks
        let outcome: TaskDesk.Added = try await desk.onPlanningQueue {
            try state.planLock.withLock { _ in
                let current = max(now, Int64(Date().timeIntervalSince1970))
                let context = try desk.context(now: current)
                switch try taskDesk.place(task, context: context) {
                case .refused(let why): return .refused(why)
                case .placed(let row):
                    return .stored(try state.store.addTasks([(task, row)], notBefore: current + RosterDesk.freezeMarginSeconds))
                }
            }
        }
        switch outcome {
        case .refused(let why):
            return .problem(.init(code: .conflict, detail: "task not added: \(why)")).audited(mark)
        case .stored(let tasks):
            let stored = tasks[0]
            // Not the hosting team-shift: the journal is no place for a sealed list.
            logger.notice(
                "task \(stored.id) (\(stored.reason), site \(stored.siteID)) placed by uid \(caller.uid)",
                metadata: ["event": "task_added", "task": "\(stored.id)", "site": "\(stored.siteID)", "uid": "\(caller.uid)"])
            var revealed: [String] = []
            let item = try taskItem(stored, role: caller.role, revealed: &revealed)
            let placed = AuditMark(target: body.site, detail: "task \(stored.id) \(stored.reason) placed")
            return .json(item, status: 201).audited(Self.sealedTaskRead(revealed, placed) ?? placed)
        }
    }

    /// `GET /v1/tasks?status=`: targeted tasks, newest first.
    func listTasks(_ request: APIRequest, caller: Caller) throws -> APIResponse {
        var status: String?
        if let text = request.query["status"], !text.isEmpty {
            guard Self.taskStatuses.contains(text) else {
                return .problem(.init(code: .badRequest, detail: "status=\(text) is not a task status; use \(Self.taskStatuses.joined(separator: ", "))"))
            }
            status = text
        }
        let sites = Dictionary(try state.store.sites().map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var revealed: [String] = []
        let items = try state.store.tasks(status: status).map { try taskItem($0, names: sites, role: caller.role, revealed: &revealed) }
        let response = APIResponse.json(items)
        return Self.sealedTaskRead(revealed).map(response.audited) ?? response
    }

    /// `POST /v1/tasks/cancel` with a `TaskCancelRequest`: cancels an open task and takes its
    /// visit off a list whose shift has not started.
    func cancelTask(_ request: APIRequest, caller: Caller) async throws -> APIResponse {
        guard let body = try? JSONDecoder().decode(TaskCancelRequest.self, from: Data(request.body)) else {
            return .problem(.init(code: .badRequest, detail: "the body is not a JSON object with the task's id"))
        }
        let mark = AuditMark(target: "task \(body.id)", detail: "cancel")
        let desk = roster
        let outcome: Result<StoredTask?, StoreError> = try await desk.onPlanningQueue {
            state.planLock.withLock { _ in
                do throws(StoreError) {
                    return .success(try state.store.cancelTask(body.id, notBefore: nowSeconds + RosterDesk.freezeMarginSeconds))
                } catch {
                    return .failure(error)
                }
            }
        }
        switch outcome {
        case .success(nil):
            return .problem(.init(code: .notFound, detail: "no task \(body.id); list them with inspectctl task list")).audited(mark)
        case .success(let task?):
            logger.notice("task \(task.id) cancelled by uid \(caller.uid)", metadata: ["event": "task_cancelled", "task": "\(task.id)"])
            if let warnings = try? tasks.warnings() { state.replaceTaskWarnings(warnings) }
            var revealed: [String] = []
            let item = try taskItem(task, role: caller.role, revealed: &revealed)
            return .json(item).audited(Self.sealedTaskRead(revealed, mark) ?? mark)
        case .failure(.rejected(let problems)):
            return .problem(.init(code: .conflict, detail: "task \(body.id) not cancelled: \(problems.map(\.message).joined(separator: "; "))")).audited(mark)
        case .failure(let error):
            throw error
        }
    }

    /// A task as the API shows it to `role`. While its visit's list is sealed, the hosting
    /// shift and the visit are withheld from everyone but admins (`sealed` says so); an
    /// admin's read of them is reported through `revealed` for the audit trail.
    func taskItem(_ task: StoredTask, names: [String: String]? = nil, role: Role?, revealed: inout [String]) throws -> TaskItem {
        let zone = state.zone
        let name = try names?[task.siteID] ?? state.store.sites().first { $0.id == task.siteID }?.name ?? task.siteID
        var visit: String?
        var shift = task.teamID
        var sealed = false
        // Whatever the task's status: a cancelled task forgets its former host, and any host
        // still named stays withheld until its list's release.
        if let teamID = task.teamID {
            guard let team = try state.store.rosterTeam(teamID) else { return try taskItem(withoutShift: task, name: name) }
            if let position = team.visits.firstIndex(where: { $0.taskID == task.id }) {
                visit = Self.visitID(teamID: teamID, position: position)
            }
            let lead = Int64(state.configuration.visits.releaseLeadMinutes) * 60
            if nowSeconds < team.startsAt - lead {
                if role == .admin {
                    revealed.append(teamID)
                } else {
                    sealed = true
                    shift = nil
                    visit = nil
                }
            }
        }
        return TaskItem(
            id: task.id, site: task.siteID, name: name, from: zone.iso8601(utcSeconds: task.fromAt), by: zone.iso8601(utcSeconds: task.byAt),
            reason: task.reason, caseID: task.caseID, night: task.night, note: task.note, status: task.status, shift: shift, visit: visit,
            sealed: sealed, problem: task.problem.isEmpty ? nil : task.problem, campaign: task.campaign,
            created: zone.iso8601(utcSeconds: task.createdAt), uid: task.uid)
    }

    /// A task whose former host is gone from the roster: shown without it.
    func taskItem(withoutShift task: StoredTask, name: String) throws -> TaskItem {
        let zone = state.zone
        return TaskItem(
            id: task.id, site: task.siteID, name: name, from: zone.iso8601(utcSeconds: task.fromAt), by: zone.iso8601(utcSeconds: task.byAt),
            reason: task.reason, caseID: task.caseID, night: task.night, note: task.note, status: task.status, shift: nil, visit: nil,
            sealed: false, problem: task.problem.isEmpty ? nil : task.problem, campaign: task.campaign,
            created: zone.iso8601(utcSeconds: task.createdAt), uid: task.uid)
    }

    /// The audit mark for an admin's answer that showed sealed hosting shifts.
    static func sealedTaskRead(_ revealed: [String], _ mark: AuditMark? = nil) -> AuditMark? {
        guard !revealed.isEmpty else { return mark }
        let shown = revealed.prefix(5).joined(separator: ", ") + (revealed.count > 5 ? ", …" : "")
        return AuditMark(
            target: mark?.target ?? (revealed.count == 1 ? revealed[0] : ""),
            detail: [mark?.detail ?? "", "\(revealed.count) sealed task host(s) shown: \(shown)"].filter { !$0.isEmpty }.joined(separator: "; "),
            sealed: true)
    }
}

extension APIRouter {
    /// At most this many sites in one campaign.
    static let campaignSiteLimit = 2000

    /// `POST /v1/campaigns` with a `CampaignAddRequest`: one `special` task per matching
    /// site with the window from..to, each placed on the least-loaded fitting team-shift
    /// (counting the campaign's own visits, so they spread over teams and periods). All or
    /// nothing: when any site cannot be placed, nothing is stored and the answer (409) lists
    /// which and why.
    func addCampaign(_ request: APIRequest, caller: Caller) async throws -> APIResponse {
        guard let body = try? JSONDecoder().decode(CampaignAddRequest.self, from: Data(request.body)) else {
            return .problem(.init(code: .badRequest, detail: "the body is not a JSON object with name, from, to and one of sites, kind or category"))
        }
        let name = body.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let mark = AuditMark(target: "campaign \(name)", detail: "\(body.from)–\(body.to)")
        guard !name.isEmpty, name.count <= 100 else {
            return .problem(.init(code: .badRequest, detail: "the campaign needs a name of 1 to 100 characters")).audited(mark)
        }
        let selectors = [body.sites != nil, body.kind != nil, body.category != nil].filter { $0 }.count
        guard selectors == 1 else {
            return .problem(.init(code: .badRequest, detail: "give exactly one of sites (--sites-from), kind (--kind) or category (--category)")).audited(mark)
        }
        guard let first = CivilDate(iso: body.from), let last = CivilDate(iso: body.to) else {
            return .problem(.init(code: .badRequest, detail: "from=\(body.from) to=\(body.to): write dates as YYYY-MM-DD")).audited(mark)
        }
        guard first <= last else { return .problem(.init(code: .badRequest, detail: "from=\(first) is after to=\(last); swap them")).audited(mark) }
        guard body.note.count <= 500 else { return .problem(.init(code: .badRequest, detail: "the note is longer than 500 characters; shorten it")).audited(mark) }
        let directory = try state.store.sites()
        var chosen: [Site]
        if let ids = body.sites {
            let byID = Dictionary(directory.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let unknown = ids.filter { byID[$0] == nil }
            guard unknown.isEmpty else {
                return .problem(
                    .init(code: .notFound, detail: "not in the directory: \(unknown.prefix(20).joined(separator: ", "))\(unknown.count > 20 ? ", …" : ""); list sites with inspectctl sites")
                ).audited(mark)
            }
            var seen = Set<String>()
            chosen = ids.filter { seen.insert($0).inserted }.compactMap { byID[$0] }
        } else if let kind = body.kind {
            chosen = directory.filter { $0.kind == kind }
        } else {
            let category = body.category ?? ""
            let sites = Set(try state.store.cases().filter { $0.category == category }.compactMap(\.site))
            chosen = directory.filter { sites.contains($0.id) }
        }
        guard !chosen.isEmpty else {
            return .problem(.init(code: .notFound, detail: "no site matches; nothing to plan")).audited(mark)
        }
        guard chosen.count <= Self.campaignSiteLimit else {
            return .problem(.init(code: .badRequest, detail: "\(chosen.count) sites: a campaign has at most \(Self.campaignSiteLimit); split it")).audited(mark)
        }
        let zone = state.zone
        let now = nowSeconds
        let fromAt = max(now, zone.startOfDay(first))
        let byAt = zone.startOfDay(last.adding(days: 1))
        guard byAt > fromAt else { return .problem(.init(code: .badRequest, detail: "to=\(last) has passed already")).audited(mark) }
        let desk = roster
        let taskDesk = tasks
        let note = body.note.trimmingCharacters(in: .whitespacesAndNewlines)
        let sites = chosen
        let outcome: TaskDesk.Added = try await desk.onPlanningQueue {
            try state.planLock.withLock { _ in
                let current = max(now, Int64(Date().timeIntervalSince1970))
                let context = try desk.context(now: current)
                // The roster is read once for every site; the campaign's own visits count through `extra`.
                let teams = try state.store.rosterTeams(from: context.today, through: context.lastDate)
                var extra: [String: Int] = [:]
                var placed: [(task: StoredTask, placement: TaskPlacementRow?)] = []
                var refusals: [String] = []
                for site in sites {
                    let task = StoredTask(
                        siteID: site.id, fromAt: fromAt, byAt: byAt, reason: "special", note: note, campaign: name, uid: caller.uid, createdAt: current)
                    switch try taskDesk.place(task, context: context, leastLoaded: true, extra: extra, teams: teams) {
                    case .placed(let row):
                        extra[row.teamID, default: 0] += 1
                        placed.append((task, row))
                    case .refused(let why):
                        refusals.append("\(site.id): \(why)")
                    }
                }
                guard refusals.isEmpty else {
                    let more = refusals.count > 20 ? "; and \(refusals.count - 20) more" : ""
                    return .refused("\(refusals.count) of \(sites.count) sites cannot be placed: " + refusals.prefix(20).joined(separator: "; ") + more)
                }
                return .stored(try state.store.addTasks(placed, notBefore: current + RosterDesk.freezeMarginSeconds))
            }
        }
        switch outcome {
        case .refused(let why):
            return .problem(.init(code: .conflict, detail: "campaign \(name) not added, nothing stored: \(why)")).audited(mark)
        case .stored(let stored):
            logger.notice(
                "campaign \(name): \(stored.count) special tasks placed by uid \(caller.uid)",
                metadata: ["event": "campaign_added", "campaign": "\(name)", "tasks": "\(stored.count)", "uid": "\(caller.uid)"])
            let names = Dictionary(directory.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            var revealed: [String] = []
            let items = try stored.map { try taskItem($0, names: names, role: caller.role, revealed: &revealed) }
            let added = AuditMark(target: "campaign \(name)", detail: "\(stored.count) tasks \(first)–\(last)")
            return .json(CampaignOutcome(name: name, tasks: items), status: 201).audited(Self.sealedTaskRead(revealed, added) ?? added)
        }
    }
}
