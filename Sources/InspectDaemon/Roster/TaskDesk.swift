import Foundation
import InspectCalendar
import InspectCore
import InspectLedger
import InspectRoster
import InspectStore
import Logging

/// Targeted inspections (专项检查、信访核查、复查): places a task's visit on an existing
/// team-shift's sealed list, outside the random draw, and places it again when a re-plan
/// changes or drops its team. Callers hold the plan lock (`state.planLock`), so placement
/// and re-planning never interleave.
struct TaskDesk: Sendable {
    let state: DaemonState
    let logger: Logger

    /// Tasks stored, or why they were not.
    enum Added: Sendable {
        case stored([StoredTask])
        case refused(String)
    }

    /// A task placed, or why it could not be.
    enum Placement {
        case placed(TaskPlacementRow)
        case refused(String)
    }

    /// The roster's teams from today to the horizon's end as placement candidates for `site`,
    /// with counts of visits including the `extra` ones already promised (team id → count).
    /// `teams`: the roster from today to the horizon's end when read already (a campaign
    /// reads it once for all its sites).
    func candidates(
        _ context: RosterDesk.Context, siteID: String, extra: [String: Int] = [:], teams: [StoredTeam]? = nil
    ) throws(StoreError) -> [TaskPlacement.Candidate] {
        let homes = Dictionary(context.inspectors.map { ($0.id, $0.homeLocality) }, uniquingKeysWith: { first, _ in first })
        let roster: [StoredTeam]
        if let teams { roster = teams } else { roster = try state.store.rosterTeams(from: context.today, through: context.lastDate) }
        return roster.map { team in
            TaskPlacement.Candidate(
                teamID: team.id, zone: team.zone, startsAt: team.startsAt, endsAt: team.endsAt, night: team.night,
                released: team.releasedAt != nil,
                homes: Dictionary(team.memberIDs.map { ($0, homes[$0] ?? nil) }, uniquingKeysWith: { first, _ in first }),
                conflicted: Set(team.memberIDs.filter { context.conflicts[$0]?.contains(siteID) ?? false }),
                visits: team.visits.count + (extra[team.id] ?? 0), workday: DayKind(rawValue: team.dayKind)?.countsAsWorkday ?? false)
        }
    }

    func request(_ task: StoredTask, site: Site, context: RosterDesk.Context, preferred: String? = nil) -> TaskPlacement.Request {
        TaskPlacement.Request(
            siteID: site.id, locality: site.locality, zone: context.rules.zones.first { $0.localities.contains(site.locality) }?.id,
            from: task.fromAt, by: task.byAt, night: task.night, preferredTeam: preferred, workdaysOnly: task.reason == "verification")
    }

    /// Where `task` goes, or a sentence saying why nowhere. `extra`: visits promised to teams
    /// by tasks placed earlier in the same answer (a campaign).
    func place(
        _ task: StoredTask, context: RosterDesk.Context, preferred: String? = nil, leastLoaded: Bool = false, extra: [String: Int] = [:],
        teams: [StoredTeam]? = nil
    ) throws(StoreError) -> Placement {
        guard let site = context.sites.first(where: { $0.id == task.siteID }) else {
            return .refused("site \(task.siteID) is not in the directory; list sites with inspectctl sites")
        }
        let frozenUntil = context.now + RosterDesk.freezeMarginSeconds
        let request = request(task, site: site, context: context, preferred: preferred)
        let candidates = try candidates(context, siteID: site.id, extra: extra, teams: teams)
        let result =
            leastLoaded
            ? TaskPlacement.placeLeastLoaded(request, among: candidates, frozenUntil: frozenUntil)
            : TaskPlacement.place(request, among: candidates, frozenUntil: frozenUntil)
        switch result {
        case .success(let teamID):
            return .placed(TaskPlacementRow(teamID: teamID, locality: site.locality, risk: site.risk.rawValue))
        case .failure(let refusal):
            return .refused(describe(refusal, request: request, context: context))
        }
    }

    /// Why no team fits, in one sentence.
    func describe(_ refusal: TaskPlacement.Refusal, request: TaskPlacement.Request, context: RosterDesk.Context) -> String {
        let zone = context.snapshot.zone
        let window = "between \(zone.iso8601(utcSeconds: request.from)) and \(zone.iso8601(utcSeconds: request.by))"
        guard let zoneID = request.zone else {
            return "the site's locality \(request.locality) is in no [roster] zone, so no team visits it; add it to a zone"
        }
        guard refusal.inWindow > 0 else {
            // Nothing that moves day by day (such as the horizon's end): this text is stored
            // and compared to tell a new problem from one already reported.
            return "no \(request.night ? "night " : "")shift of zone \(zoneID) lies wholly \(window) (a shift must start at or after the first and end by the second; later shifts are planned as the \(context.snapshot.configuration.roster.horizonDays)-day horizon moves on)"
        }
        var parts: [String] = []
        func part(_ count: Int, _ text: String) {
            if count > 0 { parts.append("\(count) \(text)") }
        }
        part(refusal.started, "started or start within \(RosterDesk.freezeMarginSeconds / 60) minutes")
        part(refusal.released, "had their site list released already")
        part(refusal.wrongPeriod, request.night ? "are day shifts (the task asks for a night shift)" : "are night shifts (add --night for one)")
        part(refusal.notWorkday, "are on rest days or holidays (a verification visit is made on a working day)")
        part(refusal.homeLocality, "have a member from locality \(request.locality) (recusal)")
        part(refusal.conflict, "have a member with a declared conflict with site \(request.siteID)")
        let shifts = "\(refusal.inWindow) team-shift\(refusal.inWindow == 1 ? "" : "s")"
        return "no team in zone \(zoneID) fits \(window): of the \(shifts) in that window, \(parts.joined(separator: ", "))"
    }

    /// Places again every open task whose visit is on no list (its team changed, was redrawn
    /// or removed; or it never fitted), preferring its former team. Logs what moved and what
    /// cannot be placed. Returns the tasks left unplaced.
    @discardableResult
    func placeTasksWithoutVisit(now: Int64, context given: RosterDesk.Context? = nil) throws -> [StoredTask] {
        let waiting = try state.store.tasksWithoutVisit()
        guard !waiting.isEmpty else { return [] }
        let context = try given ?? RosterDesk(state: state, logger: logger).context(now: now)
        var unplaced: [StoredTask] = []
        for task in waiting {
            switch try place(task, context: context, preferred: task.teamID) {
            case .placed(let row):
                try state.store.placeTask(task.id, siteID: task.siteID, placement: row, problem: "", notBefore: now + RosterDesk.freezeMarginSeconds)
                // Task and site only: the hosting team-shift is sealed until its list's release.
                logger.notice(
                    "task \(task.id) (\(task.reason), site \(task.siteID)) placed again",
                    metadata: ["event": "task_placed", "task": "\(task.id)", "site": "\(task.siteID)"])
            case .refused(let why):
                var stored = task
                stored.status = "unplaced"
                stored.problem = why
                if task.status != "unplaced" || task.problem != why {
                    try state.store.placeTask(task.id, siteID: task.siteID, placement: nil, problem: why, notBefore: now)
                }
                // Reported once, when it becomes unplaced; a changed reason is only stored.
                if task.status != "unplaced" {
                    logger.warning(
                        "task \(task.id) (\(task.reason), site \(task.siteID)) cannot be placed: \(why)",
                        metadata: ["event": "task_unplaced", "task": "\(task.id)", "site": "\(task.siteID)"])
                }
                unplaced.append(stored)
            }
        }
        return unplaced
    }

    /// The verification visit (复查) of a case just marked rectified: a task for its site
    /// whose shift is on a working day and ends by the end of `[verification]
    /// within_working_days` working days from today. Kept as `unplaced` (logged, shown in
    /// status, tried again at each re-plan) when no team-shift fits; none for a case
    /// without a site (a journal warning), nor when the case has an open one already.
    /// Takes the plan lock.
    @discardableResult
    func scheduleVerification(of item: RectificationCase, uid: UInt32, now given: Int64) throws -> StoredTask? {
        guard let siteID = item.site, !siteID.isEmpty else {
            logger.warning(
                "case \(item.id) is rectified but names no site, so no verification visit (复查) is scheduled; verify it by hand",
                metadata: ["event": "verification_without_site", "case": "\(item.id)"])
            return nil
        }
        return try state.planLock.withLock { _ -> StoredTask? in
            // The clock is read again once the lock is held: a plan may have run meanwhile.
            let now = max(given, Int64(Date().timeIntervalSince1970))
            guard try !state.store.openTasks().contains(where: { $0.caseID == item.id && $0.reason == "verification" }) else {
                return nil
            }
            let snapshot = state.snapshot
            let zone = snapshot.zone
            let today = zone.date(atUTC: now)
            let index = WorkdayIndex(calendar: snapshot.calendar, from: today, through: today.adding(days: 400))
            let last = index.date(addingWorkdays: snapshot.configuration.verification.withinWorkingDays, to: today)
            var task = StoredTask(
                siteID: siteID, fromAt: now, byAt: zone.startOfDay(last.adding(days: 1)), reason: "verification", caseID: item.id,
                note: "复查: \(item.title)", uid: uid, createdAt: now)
            let context = try RosterDesk(state: state, logger: logger).context(now: now)
            var placement: TaskPlacementRow?
            switch try place(task, context: context) {
            case .placed(let row): placement = row
            case .refused(let why): task.problem = why
            }
            let stored = try state.store.addTasks([(task, placement)], notBefore: now + RosterDesk.freezeMarginSeconds)[0]
            if placement != nil {
                logger.notice(
                    "verification visit of case \(item.id) (task \(stored.id), site \(siteID)) placed, due by the end of \(last)",
                    metadata: ["event": "verification_placed", "case": "\(item.id)", "task": "\(stored.id)", "site": "\(siteID)"])
            } else {
                logger.warning(
                    "verification visit of case \(item.id) (task \(stored.id), site \(siteID)) cannot be placed yet: \(task.problem)",
                    metadata: ["event": "task_unplaced", "case": "\(item.id)", "task": "\(stored.id)", "site": "\(siteID)"])
                if let warnings = try? warnings() { state.replaceTaskWarnings(warnings) }
            }
            return stored
        }
    }

    /// Cancels the open verification tasks of a case that left `rectified` by other means
    /// (verified, reopened or closed by hand): its visit would decide nothing. A visit whose
    /// shift has started stays (its result is recorded as usual). Takes the plan lock.
    /// A visit on a list already released stays (taking it off would renumber the visits
    /// the team was told); its result is recorded as usual and decides nothing.
    func cancelVerifications(ofCase caseID: String, now given: Int64) throws {
        // Most cases have none: then the plan lock is not taken at all.
        guard try state.store.openTasks().contains(where: { $0.caseID == caseID && $0.reason == "verification" }) else { return }
        try state.planLock.withLock { _ in
            let now = max(given, Int64(Date().timeIntervalSince1970))
            for task in try state.store.openTasks() where task.caseID == caseID && task.reason == "verification" {
                do {
                    _ = try state.store.cancelTask(task.id, notBefore: now + RosterDesk.freezeMarginSeconds)
                    logger.notice(
                        "verification task \(task.id) of case \(caseID) cancelled: the case is no longer rectified",
                        metadata: ["event": "task_cancelled", "task": "\(task.id)", "case": "\(caseID)"])
                } catch StoreError.rejected {
                    logger.notice(
                        "verification task \(task.id) of case \(caseID) stays: its visit's shift has started or its list was released; its result will not change the case",
                        metadata: ["event": "task_kept", "task": "\(task.id)", "case": "\(caseID)"])
                }
            }
        }
        state.replaceTaskWarnings(try warnings())
    }

    /// Once a round of the roster service: expires the tasks whose deadline passed before
    /// any team-shift could take them, and gives every rectified case with a site and no
    /// open verification task a new one — after an expired one, after a visit that decided
    /// nothing (`not_found`, `closed`: the case stays rectified), or when the daemon stopped
    /// between a case's status change and its scheduling (two transactions).
    func sweep(now: Int64) throws {
        let expired = try state.planLock.withLock { _ in
            try state.store.expireTasks(deadlineBy: max(now, Int64(Date().timeIntervalSince1970)) + RosterDesk.freezeMarginSeconds)
        }
        let zone = state.zone
        for task in expired {
            logger.warning(
                "task \(task.id) (\(task.reason), site \(task.siteID)) expired: no team-shift could take it by \(zone.iso8601(utcSeconds: task.byAt))\(task.reason == "verification" ? "; a new verification visit is scheduled for case \(task.caseID ?? "-")" : "")",
                metadata: ["event": "task_expired", "task": "\(task.id)", "site": "\(task.siteID)"])
        }
        // A visit that found the site closed or not found is not repeated: another would find
        // the same. Those cases are left to the HQ (a status warning says which). One
        // cancelled by hand (inspectctl task cancel) is someone's decision: not undone here.
        // The store leaves both out.
        for (item, last) in try state.store.casesWantingVerification() {
            guard let stored = try scheduleVerification(of: item, uid: 0, now: now) else { continue }
            let why = last?.status == "expired" ? "its verification task \(last?.id ?? 0) expired" : "it had none"
            logger.notice(
                "case \(item.id) is still rectified and \(why): verification visit (复查) task \(stored.id) scheduled",
                metadata: ["event": "verification_rescheduled", "case": "\(item.id)", "task": "\(stored.id)"])
        }
        state.replaceTaskWarnings(try warnings())
    }

    /// The warnings for `inspectctl status` about unplaced tasks.
    /// And about rectified cases whose verification visit decided nothing.
    func warnings() throws(StoreError) -> [String] {
        var warnings: [String] = []
        let unplaced = try state.store.tasks(status: "unplaced")
        // The most pressing one: the earliest deadline.
        if let first = unplaced.min(by: { ($0.byAt, $0.id) < ($1.byAt, $1.id) }) {
            warnings.append(
                "tasks: \(unplaced.count) targeted task\(unplaced.count == 1 ? "" : "s") not placed, first task \(first.id) (\(first.reason), site \(first.siteID)): \(first.problem); see inspectctl task list --status unplaced"
            )
        }
        let undecided = try state.store.undecidedVerifications()
        if let first = undecided.first {
            warnings.append(
                "verification: \(undecided.count) rectified case\(undecided.count == 1 ? "" : "s") whose verification visit found the site closed or not found, first case \(first.caseID) (task \(first.taskID)); decide it by hand (inspectctl cases update \(first.caseID) --status shut_down, verified or in_progress) or add another visit (inspectctl task add --reason verification --case \(first.caseID))"
            )
        }
        return warnings
    }
}
