import InspectCalendar
import Testing

@testable import InspectLedger

private func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

@Suite struct WorkdayIndexTests {
    static let index = WorkdayIndex(calendar: .builtIn, years: 2026...2026)

    @Test func acrossTheNationalDayHolidayToTheMakeupSaturday() {
        // National Day 2026: 10-01…10-07 off, Saturday 10-10 a makeup workday.
        #expect(Self.index.date(addingWorkdays: 3, to: date("2026-09-30")) == date("2026-10-10"))
        #expect(Self.index.date(addingWorkdays: 1, to: date("2026-09-30")) == date("2026-10-08"))
        #expect(Self.index.date(addingWorkdays: 4, to: date("2026-09-30")) == date("2026-10-12"))
        #expect(Self.index.date(addingWorkdays: -3, to: date("2026-10-10")) == date("2026-09-30"))
        #expect(Self.index.date(addingWorkdays: -1, to: date("2026-10-08")) == date("2026-09-30"))
        // From inside the holiday.
        #expect(Self.index.date(addingWorkdays: 1, to: date("2026-10-03")) == date("2026-10-08"))
        #expect(Self.index.date(addingWorkdays: -1, to: date("2026-10-03")) == date("2026-09-30"))
        // Zero is the date itself, even a holiday.
        #expect(Self.index.date(addingWorkdays: 0, to: date("2026-10-03")) == date("2026-10-03"))
        // The makeup Sunday before (09-20) counts; the Mid-autumn days (09-25…27) do not.
        #expect(Self.index.date(addingWorkdays: -1, to: date("2026-09-21")) == date("2026-09-20"))
        #expect(Self.index.date(addingWorkdays: -3, to: date("2026-09-30")) == date("2026-09-24"))
        #expect(Self.index.isWorkday(date("2026-10-10")))
        #expect(!Self.index.isWorkday(date("2026-10-05")))
        #expect(!Self.index.isWorkday(date("2026-10-11")))
    }

    @Test func countsWorkdaysInAHalfOpenRange() {
        // (09-30, 10-10]: 10-08, 10-09, 10-10.
        #expect(Self.index.workdays(after: date("2026-09-30"), through: date("2026-10-10")) == 3)
        #expect(Self.index.workdays(after: date("2026-10-10"), through: date("2026-09-30")) == -3)
        #expect(Self.index.workdays(after: date("2026-10-01"), through: date("2026-10-07")) == 0)
        // Reaching outside the range: the whole of 2025 and 2027 by the calendar.
        let wide = Self.index.workdays(after: date("2024-12-31"), through: date("2027-12-31"))
        let expected = HolidayCalendar.builtIn.days(from: date("2025-01-01"), through: date("2027-12-31"))
            .filter(\.kind.countsAsWorkday).count
        #expect(wide == expected)
    }

    /// The index agrees with the calendar's own day-by-day count everywhere, also where
    /// the answer or the start lies outside the range (the fallback).
    @Test func agreesWithTheCalendarInsideAndOutsideTheRange() {
        let calendar = HolidayCalendar.builtIn
        let small = WorkdayIndex(calendar: calendar, from: date("2026-09-01"), through: date("2026-10-31"))
        var checked = 0
        for start in date("2026-08-20").through(date("2026-11-10")) {
            for count in [-30, -7, -3, -1, 0, 1, 3, 5, 20, 40] {
                #expect(
                    small.date(addingWorkdays: count, to: start) == calendar.addingWorkdays(count, to: start),
                    "\(start) \(count)")
                checked += 1
            }
        }
        #expect(checked == 83 * 10)
        #expect(small.first == date("2026-09-01"))
        #expect(small.last == date("2026-10-31"))
        #expect(small.contains(date("2026-10-31")))
        #expect(!small.contains(date("2026-11-01")))
    }

    @Test func aReversedRangeIsSwapped() {
        let index = WorkdayIndex(calendar: .builtIn, from: date("2026-12-31"), through: date("2026-01-01"))
        #expect(index.first == date("2026-01-01"))
        #expect(index.last == date("2026-12-31"))
    }
}
