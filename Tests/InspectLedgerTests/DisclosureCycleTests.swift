import InspectCalendar
import InspectLedger
import Testing

/// The periods of the periodic disclosure: ISO weeks across a year end, months of every
/// length, when each is due, and which are written after downtime.
@Suite struct DisclosureCycleTests {
    let zone = DistrictTimeZone.chinaStandardTime
    let weekly = DisclosureSchedule(kind: .weekly, weekday: 3, dayOfMonth: 3, minute: 9 * 60)
    let monthly = DisclosureSchedule(kind: .monthly, weekday: 3, dayOfMonth: 3, minute: 9 * 60)

    func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    /// UTC seconds of a local `YYYY-MM-DD` at `HH:MM` in China (UTC+8).
    func local(_ day: String, _ hour: Int, _ minute: Int = 0) -> Int64 {
        zone.utcSeconds(fromLocal: Int64(date(day).daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60))
    }

    @Test func isoWeeksAcrossYearEnds() {
        let cases: [(String, Int, Int)] = [
            ("2026-11-29", 2026, 48), ("2026-12-28", 2026, 53), ("2026-12-31", 2026, 53), ("2027-01-03", 2026, 53),
            ("2027-01-04", 2027, 1), ("2024-12-30", 2025, 1), ("2025-12-28", 2025, 52), ("2021-01-03", 2020, 53),
            ("2020-01-01", 2020, 1), ("2026-01-01", 2026, 1),
        ]
        for (day, year, week) in cases {
            let found = DisclosureSchedule.isoWeek(of: date(day))
            #expect(found.year == year && found.week == week, "\(day): \(found)")
        }
    }

    @Test func aWeekRunsMondayToSundayAndKeepsItsIsoName() {
        let week = weekly.period(containing: date("2027-01-02"))
        #expect(week == DisclosurePeriod(from: date("2026-12-28"), to: date("2027-01-03"), name: "2026-W53"))
        #expect(week.fileStem == "disclosure-2026-W53")
        #expect(weekly.next(week) == DisclosurePeriod(from: date("2027-01-04"), to: date("2027-01-10"), name: "2027-W01"))
        #expect(weekly.previous(week).name == "2026-W52")
        #expect(weekly.period(containing: date("2026-03-02")).name == "2026-W10")
    }

    @Test func monthsOfEveryLength() {
        #expect(monthly.period(containing: date("2028-02-10")) == DisclosurePeriod(from: date("2028-02-01"), to: date("2028-02-29"), name: "2028-02"))
        #expect(monthly.period(containing: date("2027-02-28")).to == date("2027-02-28"))
        #expect(monthly.period(containing: date("2026-04-30")).to == date("2026-04-30"))
        let december = monthly.period(containing: date("2026-12-31"))
        #expect(december == DisclosurePeriod(from: date("2026-12-01"), to: date("2026-12-31"), name: "2026-12"))
        #expect(monthly.next(december).name == "2027-01" && monthly.previous(monthly.next(december)) == december)
        #expect(monthly.period(containing: date("2026-09-05")).name == "2026-09")
    }

    @Test func aPeriodFallsDueOnItsDayAfterItEndsAtTheTime() {
        let week = weekly.period(containing: date("2027-01-01"))
        #expect(weekly.writeDate(of: week) == date("2027-01-06"))
        #expect(weekly.dueAt(week, zone: zone) == local("2027-01-06", 9))
        #expect(weekly.latestDue(now: local("2027-01-06", 8, 59), zone: zone).name == "2026-W52")
        #expect(weekly.latestDue(now: local("2027-01-06", 9), zone: zone).name == "2026-W53")
        // A Sunday report time reaches back two weeks on the Monday before it.
        let sunday = DisclosureSchedule(kind: .weekly, weekday: 7, dayOfMonth: 1, minute: 23 * 60 + 59)
        #expect(sunday.latestDue(now: local("2027-01-04", 12), zone: zone).name == "2026-W52")
        let month = monthly.period(containing: date("2027-02-14"))
        #expect(monthly.dueAt(month, zone: zone) == local("2027-03-03", 9))
        #expect(monthly.latestDue(now: local("2027-03-03", 8, 59), zone: zone).name == "2027-01")
        #expect(monthly.latestDue(now: local("2027-03-03", 9), zone: zone).name == "2027-02")
    }

    func range(_ period: DisclosurePeriod) -> ClosedRange<CivilDate> { period.from...period.to }

    @Test func aFirstStartWritesOnlyTheLatestAndDowntimeCatchesUpOnTheRest() {
        let now = local("2027-01-06", 9)
        #expect(weekly.duePeriods(now: now, zone: zone, written: [], limit: 12).map(\.name) == ["2026-W53"])
        let w50 = weekly.period(containing: date("2026-12-09"))
        #expect(weekly.duePeriods(now: now, zone: zone, written: [range(w50)], limit: 12).map(\.name) == ["2026-W51", "2026-W52", "2026-W53"])
        #expect(weekly.duePeriods(now: now, zone: zone, written: [range(w50)], limit: 2).map(\.name) == ["2026-W52", "2026-W53"])
        #expect(weekly.duePeriods(now: now, zone: zone, written: [range(weekly.period(containing: date("2027-01-01")))], limit: 12).isEmpty)
        let october = monthly.period(containing: date("2026-10-31"))
        #expect(monthly.duePeriods(now: local("2027-01-03", 9), zone: zone, written: [range(october)], limit: 12).map(\.name) == ["2026-11", "2026-12"])
    }

    /// A report dated in the future (written while the clock ran ahead) does not hold back
    /// the periods due once the clock is right, and no period ending today or later is due.
    @Test func aClockThatRanAheadSkipsNoPeriodAndNothingUnfinishedIsWritten() {
        let now = local("2027-01-06", 9)
        let w50 = weekly.period(containing: date("2026-12-09"))
        let future = weekly.period(containing: date("2027-05-20"))
        #expect(weekly.duePeriods(now: now, zone: zone, written: [range(w50), range(future)], limit: 12).map(\.name) == ["2026-W51", "2026-W52", "2026-W53"])
        #expect(weekly.duePeriods(now: now, zone: zone, written: [range(future)], limit: 12).map(\.name) == ["2026-W53"])
        let today = zone.date(atUTC: now)
        for written in [[], [range(w50)], [range(future)]] {
            for schedule in [weekly, monthly] {
                #expect(schedule.duePeriods(now: now, zone: zone, written: written, limit: 12).allSatisfy { $0.to < today })
            }
        }
    }

    /// Switching the cycle publishes no visit twice: what is due starts after the latest
    /// date any report covers, whatever its cycle.
    @Test func switchingTheCycleStartsAfterTheLatestWrittenDate() {
        // Weekly up to 2026-W48 (to Sunday 2026-11-29), then monthly: November is cut to
        // its last day, 11-30 (a Monday), and December follows whole.
        let w48 = weekly.period(containing: date("2026-11-29"))
        let months = monthly.duePeriods(now: local("2027-01-03", 9), zone: zone, written: [range(w48)], limit: 12)
        #expect(months.map(\.name) == ["2026-11", "2026-12"])
        #expect(months.map(\.from) == [date("2026-11-30"), date("2026-12-01")] && months.map(\.to) == [date("2026-11-30"), date("2026-12-31")])
        // Monthly up to 2026-11, then weekly: 2026-W49 (11-30 to 12-06) starts 12-01.
        let november = monthly.period(containing: date("2026-11-15"))
        let weeks = weekly.duePeriods(now: local("2026-12-16", 9), zone: zone, written: [range(november)], limit: 12)
        #expect(weeks.map(\.name) == ["2026-W49", "2026-W50"] && weeks.first?.from == date("2026-12-01"))
        // Monthly written through December: nothing weekly up to 2026-12-31 is due again.
        let december = monthly.period(containing: date("2026-12-15"))
        #expect(weekly.duePeriods(now: local("2027-01-06", 9), zone: zone, written: [range(november), range(december)], limit: 12).map(\.name) == ["2026-W53"])
        #expect(weekly.duePeriods(now: local("2027-01-06", 9), zone: zone, written: [range(november), range(december)], limit: 12).first?.from == date("2027-01-01"))
    }
}
