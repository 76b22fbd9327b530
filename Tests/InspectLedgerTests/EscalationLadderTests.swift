import InspectCalendar
import Testing

@testable import InspectLedger

private func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

private let zone = DistrictTimeZone.chinaStandardTime

/// UTC seconds of a local wall-clock time in the district.
private func at(_ day: String, _ hour: Int, _ minute: Int = 0) -> Int64 {
    zone.startOfDay(date(day)) + Int64(hour * 3600 + minute * 60)
}

private func makeCase(
    _ id: String, source: CaseSource = .complaint, deadline: String, status: CaseStatus = .inProgress,
    milestones: [(String, String)] = []
) -> RectificationCase {
    RectificationCase(
        id: id, title: "问题 \(id)", source: source, category: "大气", site: nil, unit: "baihe", personName: "张伟",
        personPhone: "13800001234", milestones: milestones.map { Milestone(name: $0.0, due: date($0.1)) },
        deadline: date(deadline), status: status)
}

/// `caseID step anchor #repeat dueDate`, one string per firing, for compact expectations.
private func summary(_ firings: [DueFiring]) -> [String] {
    firings.map { "\($0.caseID) \($0.step.id) \($0.key.anchor) #\($0.key.repeatIndex) \($0.dueDate)" }
}

@Suite struct EscalationLadderTests {
    static let index = WorkdayIndex(calendar: .builtIn, years: 2025...2027)
    static let policy = EscalationPolicy.standard

    static func due(_ cases: [RectificationCase], now: Int64, policy: EscalationPolicy = policy, fired: Set<FiringKey> = [])
        -> [DueFiring]
    {
        EscalationLadder.due(cases: cases, policy: policy, calendar: index, zone: zone, now: now) { fired.contains($0) }
    }

    static func nextDue(_ cases: [RectificationCase], now: Int64, policy: EscalationPolicy = policy, fired: Set<FiringKey> = [])
        -> Int64?
    {
        EscalationLadder.nextDue(cases: cases, policy: policy, calendar: index, zone: zone, now: now) { fired.contains($0) }
    }

    /// A complaint due Wednesday 2026-09-30, the day before the National Day holiday, with a
    /// milestone on Monday 09-21 (the day after the makeup Sunday 09-20).
    static let holidayCase = makeCase("XF-1", deadline: "2026-09-30", milestones: [("制定整改方案", "2026-09-21")])

    @Test func workingDayOffsetsAcrossNationalDay() {
        let firings = Self.due([Self.holidayCase], now: at("2026-10-10", 9))
        #expect(
            summary(firings) == [
                // -3 working days from Mon 09-21: Sun 09-20 (makeup), Fri 09-18, Thu 09-17.
                "XF-1 reminder milestone:2026-09-21 #0 2026-09-17",
                // -3 working days from Wed 09-30: 09-29, 09-28, then over Mid-autumn (09-25…27) to Thu 09-24.
                "XF-1 deadline-reminder deadline #0 2026-09-24",
                "XF-1 overdue deadline #0 2026-10-01",
                // +3 working days from Wed 09-30: 10-08, 10-09, and the makeup Saturday 10-10.
                "XF-1 supervision deadline #0 2026-10-10",
                "XF-1 summons deadline #0 2026-10-10",
            ])
        let supervision = firings[3]
        #expect(supervision.dueAt == at("2026-10-10", 9))
        #expect(zone.iso8601(utcSeconds: supervision.dueAt) == "2026-10-10T09:00:00+08:00")
        #expect(supervision.anchorName == "截止日期")
        #expect(supervision.anchorDate == date("2026-09-30"))
        #expect(supervision.step.recipients == [.unitLeader, .hqOffice])
        #expect(supervision.step.kind == .supervision)
        #expect(supervision.key == FiringKey(caseID: "XF-1", stepID: "supervision", anchor: "deadline", repeatIndex: 0))
        #expect(firings[0].anchorName == "制定整改方案")
        #expect(firings[0].anchorDate == date("2026-09-21"))
        #expect(firings[0].key.anchor == "milestone:2026-09-21")

        // A second before 09:00 on the makeup Saturday, supervision and summons are not yet due.
        let before = Self.due([Self.holidayCase], now: at("2026-10-10", 8, 59) + 59)
        #expect(summary(before).count == 3)
        #expect(Self.nextDue([Self.holidayCase], now: at("2026-10-10", 8, 59) + 59, fired: Set(before.map(\.key))) == at("2026-10-10", 9))
    }

    @Test func negativeWorkingDayOffsetBackOverTheHoliday() {
        // Deadline Friday 10-09: -3 working days is 10-08, then back over 10-01…10-07 to 09-30, 09-29.
        let item = makeCase("XF-2", deadline: "2026-10-09")
        let firings = Self.due([item], now: at("2026-09-29", 9))
        #expect(summary(firings) == ["XF-2 deadline-reminder deadline #0 2026-09-29"])
        #expect(Self.due([item], now: at("2026-09-28", 23, 59)).isEmpty)
    }

    @Test func eachKeyFiresOnce() {
        let now = at("2026-10-10", 9)
        let first = Self.due([Self.holidayCase], now: now)
        #expect(first.count == 5)
        var fired = Set(first.map(\.key))
        #expect(Self.due([Self.holidayCase], now: now, fired: fired).isEmpty)
        #expect(Self.due([Self.holidayCase], now: now + 3600, fired: fired).isEmpty)
        // Only what has not been recorded comes back.
        fired.remove(FiringKey(caseID: "XF-1", stepID: "overdue", anchor: "deadline", repeatIndex: 0))
        #expect(summary(Self.due([Self.holidayCase], now: now, fired: fired)) == ["XF-1 overdue deadline #0 2026-10-01"])
    }

    @Test func catchUpAfterDowntimeFiresEachMissedStepOnceAndOnlyTheLatestRepeat() {
        // Down from before the reminders until 2026-11-10 10:00. Accountability (+17 days,
        // weekly) fell due 10-17, 10-24, 10-31 and 11-07: only the repeat of 11-07 fires.
        let now = at("2026-11-10", 10)
        let firings = Self.due([Self.holidayCase], now: now)
        #expect(
            summary(firings) == [
                "XF-1 reminder milestone:2026-09-21 #0 2026-09-17",
                "XF-1 deadline-reminder deadline #0 2026-09-24",
                "XF-1 overdue deadline #0 2026-10-01",
                "XF-1 supervision deadline #0 2026-10-10",
                "XF-1 summons deadline #0 2026-10-10",
                "XF-1 accountability deadline #3 2026-11-07",
            ])
        // Earlier repeats having fired does not matter; the latest has not.
        let olderRepeats = Set((0...2).map { FiringKey(caseID: "XF-1", stepID: "accountability", anchor: "deadline", repeatIndex: $0) })
        #expect(summary(Self.due([Self.holidayCase], now: now, fired: olderRepeats)).last == "XF-1 accountability deadline #3 2026-11-07")
        // Once everything has fired, the next is repeat 4 on 11-14.
        let fired = Set(firings.map(\.key))
        #expect(Self.due([Self.holidayCase], now: now, fired: fired).isEmpty)
        #expect(Self.nextDue([Self.holidayCase], now: now, fired: fired) == at("2026-11-14", 9))
        // At 09:00 on 11-14 repeat 4 is due.
        #expect(summary(Self.due([Self.holidayCase], now: at("2026-11-14", 9), fired: fired)) == ["XF-1 accountability deadline #4 2026-11-14"])
    }

    @Test func stepsAreMootOnceTheCaseIsRectified() {
        let now = at("2026-11-10", 10)
        for status in [CaseStatus.rectified, .verified, .closed, .shutDown] {
            var item = Self.holidayCase
            item.status = status
            #expect(Self.due([item], now: now).isEmpty, "\(status)")
            #expect(Self.nextDue([item], now: now) == nil, "\(status)")
        }
        // Open cases escalate like cases in progress.
        var open = Self.holidayCase
        open.status = .open
        #expect(Self.due([open], now: now).count == 6)
        // Rectified on 10-05 after the overdue notice; verification failed and the case is
        // back in progress on 11-10: what fell due meanwhile fires once, as after downtime.
        let firedBefore = Set(Self.due([Self.holidayCase], now: at("2026-10-05", 10)).map(\.key))
        #expect(firedBefore.count == 3)
        #expect(
            summary(Self.due([Self.holidayCase], now: now, fired: firedBefore)) == [
                "XF-1 supervision deadline #0 2026-10-10",
                "XF-1 summons deadline #0 2026-10-10",
                "XF-1 accountability deadline #3 2026-11-07",
            ])
    }

    @Test func centralInspectionCasesUseTheirOwnLadder() {
        let central = makeCase("ZY-1", source: .centralInspection, deadline: "2026-09-30")
        let complaint = makeCase("XF-9", deadline: "2026-09-30")
        let firings = Self.due([complaint, central], now: at("2026-10-10", 9))
        #expect(
            summary(firings) == [
                // -5 working days from 09-30: 09-29, 09-28, 09-24, 09-23, 09-22.
                "ZY-1 deadline-reminder deadline #0 2026-09-22",
                "XF-9 deadline-reminder deadline #0 2026-09-24",
                "XF-9 overdue deadline #0 2026-10-01",
                "ZY-1 overdue deadline #0 2026-10-01",
                "ZY-1 summons deadline #0 2026-10-05",
                // +1 working day from 09-30 is 10-08 after the holiday.
                "ZY-1 supervision deadline #0 2026-10-08",
                "ZY-1 accountability deadline #0 2026-10-09",
                "XF-9 supervision deadline #0 2026-10-10",
                "XF-9 summons deadline #0 2026-10-10",
            ])
        #expect(firings[0].step.recipients == [.responsiblePerson, .unitContact, .unitLeader])
        #expect(firings[5].step.recipients == [.unitLeader, .deputyCommander, .hqOffice])
    }

    @Test func firingsDueTogetherAreOrderedByCaseIdThenStep() {
        // Same deadline: every firing is due at the same instants; input order is not id order.
        let cases = ["C", "A", "B"].map { makeCase($0, deadline: "2026-09-30") }
        let firings = Self.due(cases, now: at("2026-10-10", 9))
        #expect(
            summary(firings) == [
                "A deadline-reminder deadline #0 2026-09-24", "B deadline-reminder deadline #0 2026-09-24",
                "C deadline-reminder deadline #0 2026-09-24",
                "A overdue deadline #0 2026-10-01", "B overdue deadline #0 2026-10-01", "C overdue deadline #0 2026-10-01",
                "A supervision deadline #0 2026-10-10", "A summons deadline #0 2026-10-10",
                "B supervision deadline #0 2026-10-10", "B summons deadline #0 2026-10-10",
                "C supervision deadline #0 2026-10-10", "C summons deadline #0 2026-10-10",
            ])
        // Sorted input gives the same.
        #expect(Self.due(cases.sorted { $0.id < $1.id }, now: at("2026-10-10", 9)) == firings)
        #expect(firings.map(\.dueAt) == firings.map(\.dueAt).sorted())
    }

    @Test func casesSharingAnIdGiveEachKeyOnce() {
        // A broken ledger (the import refuses duplicate ids): only the first case counts.
        var second = makeCase("D", deadline: "2026-09-01")
        second.title = "second"
        let cases = [makeCase("D", deadline: "2026-09-30"), makeCase("B", deadline: "2026-09-30"), second]
        let firings = Self.due(cases, now: at("2026-10-02", 9))
        #expect(Set(firings.map(\.key)).count == firings.count)
        #expect(firings.filter { $0.caseID == "D" }.map(\.anchorDate) == [date("2026-09-30"), date("2026-09-30")])
        // Sorted input takes the other path to the same answer.
        let sorted = [cases[1], cases[0], cases[2]]
        #expect(Self.due(sorted, now: at("2026-10-02", 9)) == firings)
    }

    @Test func milestoneKeysStayPutWhenAnEarlierMilestoneIsAdded() {
        let one = [Milestone(name: "完成整改", due: CivilDate(iso: "2026-11-16")!)]
        let two = [Milestone(name: "制定方案", due: CivilDate(iso: "2026-11-02")!)] + one
        #expect(EscalationLadder.milestoneAnchorKey(one, 0) == EscalationLadder.milestoneAnchorKey(two, 1))
        let sameDay = two + [Milestone(name: "验收", due: CivilDate(iso: "2026-11-16")!)]
        #expect(EscalationLadder.milestoneAnchorKey(sameDay, 2) == "milestone:2026-11-16/1")
    }

    @Test func everyMilestoneIsAnAnchorInDateOrder() {
        let item = makeCase(
            "M", deadline: "2026-12-31", milestones: [("制定整改方案", "2026-11-02"), ("完成设备安装", "2026-11-16")])
        let firings = Self.due([item], now: at("2026-11-20", 10))
        #expect(
            summary(firings) == [
                "M reminder milestone:2026-11-02 #0 2026-10-28",
                "M reminder milestone:2026-11-16 #0 2026-11-11",
            ])
        #expect(firings.map(\.anchorName) == ["制定整改方案", "完成设备安装"])
    }

    @Test func nextDueIsTheEarliestUnfiredStepAfterNow() {
        let cases = [Self.holidayCase, makeCase("Z", deadline: "2026-12-01", status: .open)]
        // On 09-01 nothing has fallen due: the milestone reminder of XF-1 on 09-17 is first.
        #expect(Self.due(cases, now: at("2026-09-01", 12)).isEmpty)
        #expect(Self.nextDue(cases, now: at("2026-09-01", 12)) == at("2026-09-17", 9))
        // A step recorded as fired ahead of time is passed over.
        let early: Set<FiringKey> = [FiringKey(caseID: "XF-1", stepID: "reminder", anchor: "milestone:2026-09-21", repeatIndex: 0)]
        #expect(Self.nextDue(cases, now: at("2026-09-01", 12), fired: early) == at("2026-09-24", 9))
        // Steps already due are not "next": at 09:00 exactly the reminder is due, not next.
        #expect(Self.nextDue(cases, now: at("2026-09-17", 9)) == at("2026-09-24", 9))
        // Nothing outstanding: nil.
        #expect(Self.nextDue([], now: at("2026-09-01", 12)) == nil)
        // A repeat fired ahead of time moves next to the repeat after it.
        let now = at("2026-10-20", 12)
        var fired = Set(Self.due([Self.holidayCase], now: now).map(\.key))
        #expect(Self.nextDue([Self.holidayCase], now: now, fired: fired) == at("2026-10-24", 9))
        fired.insert(FiringKey(caseID: "XF-1", stepID: "accountability", anchor: "deadline", repeatIndex: 1))
        #expect(Self.nextDue([Self.holidayCase], now: now, fired: fired) == at("2026-10-31", 9))
        // With a ladder without repeats, once all has fired there is nothing next.
        let once = EscalationPolicy(steps: Self.policy.steps.map { step in
            var step = step
            step.repeatEvery = nil
            return step
        })
        let all = Set(Self.due([Self.holidayCase], now: now, policy: once).map(\.key))
        #expect(Self.nextDue([Self.holidayCase], now: now, policy: once, fired: all) == nil)
    }

    @Test func repeatsInWorkingDaysSkipTheHoliday() {
        // Chase every 2 working days from 1 working day after the deadline (Tue 09-29):
        // 09-30, then 10-09 (10-08, 10-09), then 10-12 (10-10 makeup Saturday, 10-12).
        let policy = EscalationPolicy(
            steps: [
                EscalationStep(
                    id: "chase", anchor: .deadline, offset: 1, unit: .workingDays, recipients: [.unitContact], kind: .overdue,
                    repeatEvery: 2)
            ], notifyAtMinute: 8 * 60 + 30)
        let item = makeCase("W", deadline: "2026-09-29")
        #expect(summary(Self.due([item], now: at("2026-10-11", 10), policy: policy)) == ["W chase deadline #1 2026-10-09"])
        #expect(Self.due([item], now: at("2026-10-11", 10), policy: policy)[0].dueAt == at("2026-10-09", 8, 30))
        #expect(Self.nextDue([item], now: at("2026-10-11", 10), policy: policy) == at("2026-10-12", 8, 30))
        #expect(summary(Self.due([item], now: at("2026-10-12", 8, 30), policy: policy)) == ["W chase deadline #2 2026-10-12"])
        #expect(summary(Self.due([item], now: at("2026-10-12", 8, 29), policy: policy)) == ["W chase deadline #1 2026-10-09"])
    }

    @Test func theHolidayCalendarOverloadAgreesWithTheIndex() {
        let cases = [Self.holidayCase, makeCase("ZY-2", source: .centralInspection, deadline: "2026-10-09")]
        let now = at("2026-11-10", 10)
        let viaCalendar = EscalationLadder.due(cases: cases, policy: Self.policy, calendar: HolidayCalendar.builtIn, zone: zone, now: now) { _ in false }
        #expect(viaCalendar == Self.due(cases, now: now))
        #expect(viaCalendar.count == 11)
        #expect(
            EscalationLadder.nextDue(cases: cases, policy: Self.policy, calendar: HolidayCalendar.builtIn, zone: zone, now: now) { _ in false }
                == Self.nextDue(cases, now: now))
    }

    @Test func farApartAnchorDatesStillWork() {
        // Year 100 widens the dense slot window; year 4000 is too far and takes the dictionary.
        let policy = EscalationPolicy(steps: [
            EscalationStep(id: "late", anchor: .deadline, offset: 2, unit: .calendarDays, recipients: [.hqOffice], kind: .overdue)
        ])
        let cases = [
            makeCase("OLD", deadline: "0100-03-01"), makeCase("NEW", deadline: "2026-10-01"),
            makeCase("OLD2", deadline: "0100-03-01"), makeCase("FUTURE", deadline: "4000-01-01"),
        ]
        let now = at("2026-10-03", 9)
        let firings = EscalationLadder.due(cases: cases, policy: policy, calendar: Self.index, zone: zone, now: now) { _ in false }
        #expect(summary(firings) == ["OLD late deadline #0 0100-03-03", "OLD2 late deadline #0 0100-03-03", "NEW late deadline #0 2026-10-03"])
        let fired = Set(firings.map(\.key))
        #expect(
            EscalationLadder.nextDue(cases: cases, policy: policy, calendar: Self.index, zone: zone, now: now) { fired.contains($0) }
                == at("4000-01-03", 9))
    }

    @Test func aDueFiringCanBeMadeByHand() {
        let step = Self.policy.steps[3]
        let firing = DueFiring(
            caseID: "XF-1", step: step, anchor: "deadline", repeatIndex: 0, anchorName: "截止日期", anchorDate: date("2026-09-30"),
            dueDate: date("2026-10-10"), dueAt: at("2026-10-10", 9))
        #expect(firing == Self.due([Self.holidayCase], now: at("2026-10-10", 9))[3])
        #expect(firing.description == "XF-1/supervision/deadline/0 due 2026-10-10 (截止日期 2026-09-30)")
    }
}
