import InspectLedger
import Testing

/// When the reminders of unrecorded visits fall due: the two steps after the shift's end,
/// once each, within the catch-up window only.
@Suite struct RecordRemindersTests {
    static let hour: Int64 = 3600
    let policy = RecordReminderPolicy(reminderHours: 12, escalateHours: 48, catchUpDays: 3)
    let end: Int64 = 1_796_000_000

    func due(_ shifts: [ShiftRecordState], at now: Int64, fired: Set<String> = []) -> [String] {
        RecordReminders.due(shifts, policy: policy, now: now) { fired.contains("\($0)/\($1.rawValue)") }
            .map { "\($0.teamID)/\($0.step.rawValue)@\(($0.dueAt - end) / Self.hour)h:\($0.unrecorded)" }
    }

    @Test func theTeamStepFallsDueAfterTheReminderHoursAndTheLeaderStepAfterTheEscalateHours() {
        let shift = ShiftRecordState(teamID: "T", endsAt: end, unrecorded: [2, 0])
        #expect(due([shift], at: end + 12 * Self.hour - 1).isEmpty)
        #expect(due([shift], at: end + 12 * Self.hour) == ["T/team@12h:[0, 2]"])
        #expect(due([shift], at: end + 48 * Self.hour - 1, fired: ["T/team"]).isEmpty)
        #expect(due([shift], at: end + 48 * Self.hour, fired: ["T/team"]) == ["T/leader@48h:[0, 2]"])
        #expect(due([shift], at: end + 60 * Self.hour, fired: ["T/team", "T/leader"]).isEmpty)
    }

    @Test func afterDowntimeBothStepsFallDueOnceAtTheFirstLook() {
        let shift = ShiftRecordState(teamID: "T", endsAt: end, unrecorded: [1])
        #expect(due([shift], at: end + 50 * Self.hour) == ["T/team@12h:[1]", "T/leader@48h:[1]"])
    }

    @Test func aFullyRecordedShiftNeverFallsDue() {
        #expect(due([ShiftRecordState(teamID: "T", endsAt: end, unrecorded: [])], at: end + 50 * Self.hour).isEmpty)
    }

    @Test func shiftsThatEndedBeforeTheCatchUpWindowNeverFallDue() {
        let shift = ShiftRecordState(teamID: "T", endsAt: end, unrecorded: [0])
        // Three days: the last moment the shift is looked at, then never again.
        #expect(due([shift], at: end + 72 * Self.hour - 1).count == 2)
        #expect(due([shift], at: end + 72 * Self.hour).isEmpty)
        #expect(due([shift], at: end + 400 * Self.hour).isEmpty)
        let window = policy.window(now: end + 72 * Self.hour)
        #expect(window.endedAfter == end && window.endedBy == end + 60 * Self.hour)
    }

    @Test func dueStepsComeInTheOrderTheShiftsEnded() {
        let shifts = [
            ShiftRecordState(teamID: "B", endsAt: end + Self.hour, unrecorded: [0]),
            ShiftRecordState(teamID: "A", endsAt: end + 2 * Self.hour, unrecorded: [0]),
            ShiftRecordState(teamID: "C", endsAt: end, unrecorded: [0]),
        ]
        #expect(due(shifts, at: end + 14 * Self.hour).map { String($0.prefix(1)) } == ["C", "B", "A"])
    }
}
