import InspectCalendar
import Testing

@testable import InspectLedger

private func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

private let today = date("2026-11-20")

/// A case of `unit` whose deadline was `daysAgo` days before `today` (negative: still ahead).
private func item(_ unit: String, _ daysAgo: Int, _ status: CaseStatus = .inProgress) -> RectificationCase {
    RectificationCase(
        id: "\(unit)-\(daysAgo)-\(status.rawValue)", title: "问题", source: .complaint, category: "大气", site: nil, unit: unit,
        personName: "张伟", personPhone: "13800001234", milestones: [], deadline: today.adding(days: -daysAgo), status: status)
}

private func cases(_ unit: String, overdueBy days: [Int], onTime: Int) -> [RectificationCase] {
    days.map { item(unit, $0) } + (0..<onTime).map { item(unit, -1 - $0) }
}

@Suite struct LaggingUnitsTests {
    static let thresholds = LaggingThresholds()  // 3 cases overdue > 7 days, or ratio ≥ 20%

    static func standing(_ cases: [RectificationCase], _ unit: String) -> UnitStanding {
        LaggingUnits.standings(cases: cases, today: today, thresholds: thresholds).first { $0.unit == unit }!
    }

    @Test func laggingByLongOverdueCases() {
        // 3 of 20 overdue by more than 7 days: ratio 15%, below 20%, but three long-overdue cases.
        let unit = Self.standing(cases("a", overdueBy: [8, 9, 30], onTime: 17), "a")
        #expect(unit.outstanding == 20)
        #expect(unit.overdue == 3)
        #expect(unit.longOverdue == 3)
        #expect(unit.overdueRatio == 0.15)
        #expect(unit.maxDaysOverdue == 30)
        #expect(unit.meanDaysOverdue == 47.0 / 3)
        #expect(unit.lagging)
        #expect(unit.reasons == ["3 cases are overdue by more than 7 days (lagging from 3)"])
        // Overdue by exactly 7 days is not "more than 7": only two long-overdue cases.
        let notYet = Self.standing(cases("b", overdueBy: [7, 9, 30], onTime: 17), "b")
        #expect(notYet.longOverdue == 2)
        #expect(!notYet.lagging)
        #expect(notYet.reasons.isEmpty)
    }

    @Test func laggingByOverdueRatio() {
        // 1 of 5 overdue: 20%, at the threshold.
        let atThreshold = Self.standing(cases("a", overdueBy: [1], onTime: 4), "a")
        #expect(atThreshold.lagging)
        #expect(atThreshold.reasons == ["1 of 5 outstanding cases are overdue (20%; lagging from 20%)"])
        // 1 of 6: 16.7%, below.
        let below = Self.standing(cases("b", overdueBy: [1], onTime: 5), "b")
        #expect(!below.lagging)
        // Both rules at once give both reasons.
        let both = Self.standing(cases("c", overdueBy: [10, 11, 12], onTime: 0), "c")
        #expect(
            both.reasons == [
                "3 cases are overdue by more than 7 days (lagging from 3)",
                "3 of 3 outstanding cases are overdue (100%; lagging from 20%)",
            ])
        // The ratio rule needs at least one overdue case, even with a threshold of 0.
        let zero = LaggingUnits.standings(
            cases: cases("d", overdueBy: [], onTime: 2), today: today,
            thresholds: LaggingThresholds(overdueCases: 3, overdueDays: 7, overdueRatio: 0))
        #expect(!zero[0].lagging)
    }

    @Test func onlyOutstandingCasesPastTheirDeadlineAreOverdue() {
        let unit = Self.standing(
            [
                item("a", 0),  // due today: not overdue
                item("a", 30, .rectified), item("a", 30, .verified), item("a", 30, .closed), item("a", 30, .shutDown),
                item("a", 2, .open),
            ], "a")
        #expect(unit.outstanding == 2)
        #expect(unit.overdue == 1)
        #expect(unit.maxDaysOverdue == 2)
        #expect(unit.overdueRatio == 0.5)
    }

    @Test func unitsWithNothingOutstandingAreListed() {
        let standings = LaggingUnits.standings(
            cases: [item("done", 40, .closed), item("done", 3, .verified)] + cases("busy", overdueBy: [], onTime: 2), today: today,
            thresholds: Self.thresholds)
        let done = standings.first { $0.unit == "done" }!
        #expect(done.outstanding == 0)
        #expect(done.overdue == 0)
        #expect(done.overdueRatio == 0)
        #expect(done.meanDaysOverdue == 0)
        #expect(!done.lagging)
        #expect(standings.count == 2)
        #expect(LaggingUnits.standings(cases: [], today: today, thresholds: Self.thresholds).isEmpty)
    }

    @Test func rankedWorstFirst() {
        let all =
            cases("quiet", overdueBy: [], onTime: 3)  // nothing overdue
            + cases("ratio-low", overdueBy: [2], onTime: 9)  // 10%, not lagging
            + cases("long", overdueBy: [8, 8, 8], onTime: 27)  // lagging by long overdue, 10%
            + cases("half", overdueBy: [1], onTime: 1)  // lagging, 50%
            + cases("half-more", overdueBy: [1, 1], onTime: 2)  // lagging, 50%, two overdue
            + cases("half-older", overdueBy: [1, 5], onTime: 2)  // lagging, 50%, two overdue, 5 days
            + cases("b-tie", overdueBy: [3], onTime: 3)  // lagging, 25%
            + cases("a-tie", overdueBy: [3], onTime: 3)  // same as b-tie: by id
            + cases("ratio-lower", overdueBy: [4], onTime: 19)  // 5%, not lagging
        let ranking = LaggingUnits.standings(cases: all, today: today, thresholds: Self.thresholds).map(\.unit)
        #expect(ranking == ["half-older", "half-more", "half", "a-tie", "b-tie", "long", "ratio-low", "ratio-lower", "quiet"])
    }

    @Test func escalatesAtMostOncePerPeriodWhileLagging() {
        let lagging = Self.standing(cases("a", overdueBy: [10, 11, 12], onTime: 0), "a")
        let fine = Self.standing(cases("b", overdueBy: [], onTime: 2), "b")
        let every7 = Self.thresholds
        #expect(LaggingUnits.escalationDue(standing: lagging, lastEscalated: nil, today: today, thresholds: every7))
        #expect(!LaggingUnits.escalationDue(standing: lagging, lastEscalated: today, today: today, thresholds: every7))
        #expect(!LaggingUnits.escalationDue(standing: lagging, lastEscalated: today.adding(days: -6), today: today, thresholds: every7))
        #expect(LaggingUnits.escalationDue(standing: lagging, lastEscalated: today.adding(days: -7), today: today, thresholds: every7))
        #expect(LaggingUnits.escalationDue(standing: lagging, lastEscalated: today.adding(days: -30), today: today, thresholds: every7))
        #expect(!LaggingUnits.escalationDue(standing: fine, lastEscalated: nil, today: today, thresholds: every7))
        let every3 = LaggingThresholds(escalateEveryDays: 3)
        #expect(LaggingUnits.escalationDue(standing: lagging, lastEscalated: today.adding(days: -3), today: today, thresholds: every3))
        #expect(!LaggingUnits.escalationDue(standing: lagging, lastEscalated: today.adding(days: -2), today: today, thresholds: every3))
    }
}
