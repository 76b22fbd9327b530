/// Which of a shift's visits still lack a recorded result, as the record reminders see it.
public struct ShiftRecordState: Sendable, Equatable {
    public var teamID: String
    /// When the shift ends, UTC seconds.
    public var endsAt: Int64
    /// The 0-based positions of the team's visits with no result recorded.
    public var unrecorded: [Int]

    public init(teamID: String, endsAt: Int64, unrecorded: [Int]) {
        self.teamID = teamID
        self.endsAt = endsAt
        self.unrecorded = unrecorded
    }
}

/// The two steps of a record reminder.
public enum RecordReminderStep: String, Sendable, Hashable, CaseIterable {
    /// To the team's members (`visit_reminder`).
    case team
    /// To the leader of each member's department (`visit_escalation`).
    case leader
}

/// When the record reminders fire, in seconds after a shift ends. `[visits]
/// record_reminder_hours`, `record_escalate_hours` and `record_catch_up_days`.
public struct RecordReminderPolicy: Sendable, Equatable {
    public var reminderAfter: Int64
    public var escalateAfter: Int64
    /// Only shifts that ended less than this long ago are looked at.
    public var catchUp: Int64

    public init(reminderHours: Int, escalateHours: Int, catchUpDays: Int) {
        reminderAfter = Int64(reminderHours) * 3600
        escalateAfter = Int64(escalateHours) * 3600
        catchUp = Int64(catchUpDays) * 86_400
    }

    public func delay(_ step: RecordReminderStep) -> Int64 {
        switch step {
        case .team: reminderAfter
        case .leader: escalateAfter
        }
    }

    /// The shifts worth reading at `now`: ended after `endedAfter` (within the catch-up
    /// window) and at or before `endedBy` (so at least the first step is due).
    public func window(now: Int64) -> (endedAfter: Int64, endedBy: Int64) {
        (now - catchUp, now - reminderAfter)
    }
}

/// A record reminder due: a step for one team, with the visits still unrecorded.
public struct DueRecordReminder: Sendable, Equatable {
    public var teamID: String
    public var step: RecordReminderStep
    /// When the step fell due, UTC seconds.
    public var dueAt: Int64
    /// The 0-based positions of the unrecorded visits, ascending.
    public var unrecorded: [Int]

    public init(teamID: String, step: RecordReminderStep, dueAt: Int64, unrecorded: [Int]) {
        self.teamID = teamID
        self.step = step
        self.dueAt = dueAt
        self.unrecorded = unrecorded
    }
}

/// Decides which record reminders are due (检查结果录入提醒). Pure: the caller passes the
/// shifts, the time and which steps already fired.
///
/// A step is due for a team when some of its visits are unrecorded, the step's delay after
/// the shift's end has passed, the shift ended within the catch-up window, and the step has
/// not fired for that team. After downtime every step that fell due within the window is due
/// once (both steps of a team, when both fell due meanwhile); shifts that ended before the
/// window never are, so an upgrade or a long outage does not flood anyone.
public enum RecordReminders {
    public static func due(
        _ shifts: [ShiftRecordState], policy: RecordReminderPolicy, now: Int64, fired: (String, RecordReminderStep) -> Bool
    ) -> [DueRecordReminder] {
        var due: [DueRecordReminder] = []
        for shift in shifts.sorted(by: { ($0.endsAt, $0.teamID) < ($1.endsAt, $1.teamID) }) {
            guard !shift.unrecorded.isEmpty, shift.endsAt > now - policy.catchUp else { continue }
            for step in RecordReminderStep.allCases {
                let dueAt = shift.endsAt + policy.delay(step)
                guard dueAt <= now, !fired(shift.teamID, step) else { continue }
                due.append(DueRecordReminder(teamID: shift.teamID, step: step, dueAt: dueAt, unrecorded: shift.unrecorded.sorted()))
            }
        }
        return due
    }
}
