import InspectLedger
import InspectNotices
import InspectStore
import Logging

/// Reminds teams of visits whose result is not recorded (检查结果录入提醒), and later the
/// leaders of their departments: decides what is due and commits the notices in one
/// transaction. Deciding twice decides nothing new (the notices' dedupe keys, see
/// ``VisitReminderComposer``), so a restart or a catch-up repeats nothing.
struct VisitReminderDesk: Sendable {
    let state: DaemonState
    let logger: Logger

    /// Decides and commits the reminders due at `now`; returns the notices added.
    @discardableResult
    func decide(now: Int64) throws(StoreError) -> [Notice] {
        let visits = state.snapshot.configuration.visits
        let policy = RecordReminderPolicy(
            reminderHours: visits.recordReminderHours, escalateHours: visits.recordEscalateHours, catchUpDays: visits.recordCatchUpDays)
        let window = policy.window(now: now)
        try reportUnreleased(endedAfter: window.endedAfter, now: now)
        let candidates = try state.store.teamsWithUnrecordedVisits(endedAfter: window.endedAfter, endedBy: window.endedBy)
        guard !candidates.isEmpty else { return [] }
        let settled = state.settledRecordSteps.withLock { $0 }
        let fired = try state.store.noticeKeys(withPrefixes: candidates.map { VisitReminderComposer.keyPrefix(team: $0.team.id) })
        let due = RecordReminders.due(
            candidates.map { ShiftRecordState(teamID: $0.team.id, endsAt: $0.team.endsAt, unrecorded: $0.unrecorded) }, policy: policy, now: now
        ) { team, step in
            let prefix = VisitReminderComposer.keyPrefix(team: team, step: step)
            return settled.contains(prefix) || fired.contains { $0 == prefix || $0.hasPrefix(prefix + ":") }
        }
        guard !due.isEmpty else { return [] }
        let context = try RosterDesk(state: state, logger: logger).context(now: now)
        let composer = VisitReminderComposer(context: context, now: now)
        let teams = Dictionary(candidates.map { ($0.team.id, $0.team) }, uniquingKeysWith: { first, _ in first })
        var notices: [(notice: Notice, payload: [UInt8])] = []
        for item in due {
            let made = teams[item.teamID].map { composer.notices(item, team: $0) } ?? []
            if made.isEmpty { settle(item) }
            notices += made
        }
        guard !notices.isEmpty else { return [] }
        try state.store.saveRosterNotices(notices, meta: [:], at: now)
        logger.info(
            "\(notices.count) reminder\(notices.count == 1 ? "" : "s") of unrecorded visits decided",
            metadata: [
                "event": "visit_reminders_decided", "count": "\(notices.count)",
                "teams": "\(Set(due.map(\.teamID)).sorted().joined(separator: ","))",
            ])
        state.noticesDecided.ring()
        return notices.map(\.notice)
    }

    /// A step due that makes no notice — no member has a department to escalate to, or the
    /// team's inspectors are gone from the directory — is settled for this run with one
    /// journal warning, rather than rebuilt every minute until it leaves the catch-up window.
    /// Nothing is sent to anyone else: the HQ reads the warning (`INSPECTD_EVENT=visit_reminder_unaddressed`).
    /// A restart warns once again while the shift is within the window.
    func settle(_ item: DueRecordReminder) {
        let key = VisitReminderComposer.keyPrefix(team: item.teamID, step: item.step)
        guard state.settledRecordSteps.withLock({ $0.insert(key).inserted }) else { return }
        logger.warning(
            "the \(item.step == .team ? "reminder" : "escalation") of shift \(item.teamID)'s \(item.unrecorded.count) unrecorded visit\(item.unrecorded.count == 1 ? "" : "s") has no one to go to (\(item.step == .team ? "no members" : "no member's department is in units.csv")); not sent",
            metadata: ["event": "visit_reminder_unaddressed", "shift": "\(item.teamID)", "step": "\(item.step.rawValue)"])
    }

    /// Shifts that ended (within the catch-up window) without their list ever being released
    /// to the team — the daemon was down when it was due, say — get no reminder: the team
    /// never saw the sites. They are told to the HQ instead: a journal warning once for each
    /// such shift (per daemon run) and a status warning (`STATUS=`, `inspectctl status`)
    /// while any is within the window.
    func reportUnreleased(endedAfter: Int64, now: Int64) throws(StoreError) {
        let teams = try state.store.endedUnreleasedTeams(endedAfter: endedAfter, endedBy: now)
        let earlier = state.replaceUnreleasedShifts(teams)
        let new = teams.filter { !earlier.contains($0) }
        guard !new.isEmpty else { return }
        logger.warning(
            "\(new.count) ended shift\(new.count == 1 ? " was" : "s were") never released to the team (\(new.joined(separator: ", "))): no reminder of unrecorded visits goes out for \(new.count == 1 ? "it" : "them"); the HQ should check with the team\(new.count == 1 ? "" : "s")",
            metadata: ["event": "visit_shifts_unreleased", "teams": "\(new.joined(separator: ","))"])
    }
}
