import Testing
@testable import InspectCalendar

@Suite struct CivilDateTests {
    @Test func roundTripsEveryDayOfFourCenturies() {
        var date = CivilDate(year: 1900, month: 1, day: 1)!
        for _ in 0..<(400 * 366) {
            #expect(CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date)
            let next = date.adding(days: 1)
            #expect(next > date)
            date = next
        }
    }

    @Test func knowsWeekdaysAndEpoch() {
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
        #expect(CivilDate(year: 2026, month: 11, day: 29)!.isoWeekday == 7)
        #expect(CivilDate(year: 2025, month: 1, day: 26)!.isoWeekday == 7)
        #expect(CivilDate(year: 1969, month: 12, day: 31)!.isoWeekday == 3)
        #expect(CivilDate(year: 2000, month: 3, day: 1)!.adding(days: -1) == CivilDate(year: 2000, month: 2, day: 29))
    }

    @Test func parsesOnlyStrictISODates() {
        #expect(CivilDate(iso: "2026-02-28") == CivilDate(year: 2026, month: 2, day: 28))
        for bad in ["2026-02-29", "2026-2-28", "26-02-28", "2026/02/28", "2026-02-28T", "", "２０２６-02-28"] {
            #expect(CivilDate(iso: bad) == nil, "\(bad)")
        }
    }

    @Test func formatsInstantsInTheDistrictZone() {
        let zone = DistrictTimeZone.chinaStandardTime
        let date = CivilDate(year: 2026, month: 11, day: 29)!
        let midnight = zone.startOfDay(date)
        #expect(zone.iso8601(utcSeconds: midnight) == "2026-11-29T00:00:00+08:00")
        #expect(zone.date(atUTC: midnight - 1) == date.adding(days: -1))
        #expect(zone.date(atUTC: midnight) == date)
    }

    @Test func periodsMustCoverTheDayOnce() {
        #expect(PlanningPeriod.coverageProblems(PlanningPeriod.defaults).isEmpty)
        let night = PlanningPeriod(id: "night", name: "夜班", startMinute: 22 * 60, endMinute: 6 * 60)
        let day = PlanningPeriod(id: "day", name: "白班", startMinute: 6 * 60, endMinute: 22 * 60)
        #expect(PlanningPeriod.coverageProblems([night, day]).isEmpty)
        let gap = PlanningPeriod.coverageProblems([PlanningPeriod.defaults[0], PlanningPeriod.defaults[2]])
        #expect(gap == ["16:00–24:00 is in no period; every minute of the day must belong to exactly one period"])
        let overlap = PlanningPeriod.coverageProblems(PlanningPeriod.defaults + [night])
        #expect(overlap.count == 2)
        let interval = night.interval(on: CivilDate(year: 2026, month: 1, day: 1)!, in: .chinaStandardTime)
        #expect(interval.end - interval.start == 8 * 3600)
    }
}
