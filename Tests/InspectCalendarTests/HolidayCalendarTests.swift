import InspectCore
import Testing

@testable import InspectCalendar

/// The official 2025 and 2026 arrangements, written out from the State Council notices
/// independently of the built-in file: holiday blocks and makeup workdays.
private let officialBlocks: [(String, String, String)] = [
    ("2025-01-01", "2025-01-01", "元旦"),
    ("2025-01-28", "2025-02-04", "春节"),
    ("2025-04-04", "2025-04-06", "清明节"),
    ("2025-05-01", "2025-05-05", "劳动节"),
    ("2025-05-31", "2025-06-02", "端午节"),
    ("2025-10-01", "2025-10-05", "国庆节"),
    ("2025-10-06", "2025-10-06", "中秋节"),
    ("2025-10-07", "2025-10-08", "国庆节"),
    ("2026-01-01", "2026-01-03", "元旦"),
    ("2026-02-15", "2026-02-23", "春节"),
    ("2026-04-04", "2026-04-06", "清明节"),
    ("2026-05-01", "2026-05-05", "劳动节"),
    ("2026-06-19", "2026-06-21", "端午节"),
    ("2026-09-25", "2026-09-27", "中秋节"),
    ("2026-10-01", "2026-10-07", "国庆节"),
]
private let officialMakeupWorkdays: [(String, String)] = [
    ("2025-01-26", "春节"), ("2025-02-08", "春节"), ("2025-04-27", "劳动节"), ("2025-09-28", "国庆节"),
    ("2025-10-11", "国庆节"), ("2026-01-04", "元旦"), ("2026-02-14", "春节"), ("2026-02-28", "春节"),
    ("2026-05-09", "劳动节"), ("2026-09-20", "国庆节"), ("2026-10-10", "国庆节"),
]

private func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

@Suite struct HolidayCalendarTests {
    @Test func everyDateOf2025And2026HasItsOfficialKindAndName() {
        var expected: [CivilDate: (DayKind, String?)] = [:]
        for (first, last, name) in officialBlocks {
            for day in date(first).through(date(last)) { expected[day] = (.holiday, name) }
        }
        for (day, name) in officialMakeupWorkdays { expected[date(day)] = (.makeupWorkday, name) }
        let days = HolidayCalendar.builtIn.days(from: date("2025-01-01"), through: date("2026-12-31"))
        #expect(days.count == 730)
        var counts: [DayKind: Int] = [:]
        for day in days {
            let (kind, name) = expected[day.date] ?? (day.date.isWeekend ? .restday : .workday, nil)
            #expect(day.kind == kind, "\(day.date)")
            #expect(day.name == name, "\(day.date)")
            #expect(!day.provisional, "\(day.date)")
            counts[day.kind, default: 0] += 1
        }
        #expect(counts[.holiday] == 28 + 33)
        #expect(counts[.makeupWorkday] == 11)
    }

    @Test func weekEdgesFollowTheAdjustedWorkingDays() {
        let calendar = HolidayCalendar.builtIn
        let makeupSaturday = calendar.day(date("2026-02-14"))
        #expect(makeupSaturday.date.isoWeekday == 6)
        #expect(makeupSaturday.kind == .makeupWorkday && makeupSaturday.kind.countsAsWorkday)
        let inLieuMonday = calendar.day(date("2026-02-23"))
        #expect(inLieuMonday.date.isoWeekday == 1)
        #expect(inLieuMonday.kind == .holiday && inLieuMonday.inLieu && inLieuMonday.name == "春节")
        #expect(calendar.day(date("2025-02-03")).inLieu)
        #expect(calendar.day(date("2026-11-28")).kind == .restday)
        #expect(calendar.day(date("2026-11-30")).kind == .workday)
        #expect(calendar.day(date("2026-10-01")).source == BuiltInHolidays.sourceName)
    }

    @Test func workingDayOffsetsSkipTheNationalDayHoliday() {
        let calendar = HolidayCalendar.builtIn
        #expect(calendar.addingWorkdays(1, to: date("2026-09-30")) == date("2026-10-08"))
        #expect(calendar.addingWorkdays(2, to: date("2026-09-30")) == date("2026-10-09"))
        #expect(calendar.addingWorkdays(3, to: date("2026-09-30")) == date("2026-10-10"))  // makeup Saturday
        #expect(calendar.addingWorkdays(-1, to: date("2026-10-08")) == date("2026-09-30"))
        #expect(calendar.addingWorkdays(5, to: date("2026-09-14")) == date("2026-09-20"))  // makeup Sunday
        #expect(calendar.addingWorkdays(0, to: date("2026-10-01")) == date("2026-10-01"))
    }

    @Test func yearsPastTheOfficialScheduleAreProvisionalAndComputed() {
        let calendar = HolidayCalendar.builtIn
        let eve = calendar.day(date("2027-02-05"))
        #expect(eve.provisional && eve.kind == .holiday && eve.name == "春节" && eve.source == "computed")
        // 2027-02-06 (初一) is a Saturday and 02-07 a Sunday: given back on Tue 9 and Wed 10 February.
        #expect(calendar.day(date("2027-02-09")).inLieu)
        #expect(calendar.day(date("2027-02-10")).kind == .holiday)
        #expect(calendar.day(date("2027-02-11")).kind == .workday)
        #expect(calendar.day(date("2027-01-01")).kind == .holiday)
        #expect(calendar.day(date("2027-01-02")).kind == .restday)
        let year2027 = calendar.days(from: date("2027-01-01"), through: date("2027-12-31"))
        #expect(year2027.filter { !$0.provisional }.isEmpty)
        #expect(year2027.filter { $0.kind == .makeupWorkday }.isEmpty)
        #expect(calendar.firstProvisionalDate(from: date("2026-11-29"), through: date("2026-12-27")) == nil)
        #expect(calendar.firstProvisionalDate(from: date("2026-11-29"), through: date("2027-01-26")) == date("2027-01-01"))
    }

    @Test func theHorizonWarningNamesTheFileToAdd() throws {
        let warning = try #require(
            CalendarHorizonWarning(
                calendar: .builtIn, today: date("2026-11-29"), horizonEnd: date("2027-01-26"),
                calendarDirectory: "/etc/inspectd/calendar.d/"))
        #expect(warning.fileToAdd == "/etc/inspectd/calendar.d/2027.tsv")
        #expect(warning.description.contains("dates from 2027-01-01 are provisional"))
        #expect(
            CalendarHorizonWarning(
                calendar: .builtIn, today: date("2026-11-29"), horizonEnd: date("2026-12-31"), calendarDirectory: "/x") == nil)
    }

    static let schedule2027 = """
        date\tkind\tname\tname_zh\tin_lieu
        # 2027 as announced (example)
        2027-01-01\tholiday\tNew Year's Day\t元旦\tno
        2027-02-05\tholiday\tSpring Festival\t春节\tno
        2027-02-06\tholiday\tSpring Festival\t春节\tno
        2027-02-07\tholiday\tSpring Festival\t春节\tno
        2027-02-08\tholiday\tSpring Festival\t春节\tno
        2027-02-09\tholiday\tSpring Festival\t春节\tyes
        2027-02-10\tholiday\tSpring Festival\t春节\tyes
        2027-02-11\tholiday\tSpring Festival\t春节\tyes
        2027-02-20\tmakeup_workday\tSpring Festival\t春节\t-

        """

    @Test func anOperatorFileAddsAYear() throws {
        let schedule = try HolidayScheduleFile.parseTSV(Self.schedule2027, file: "2027.tsv").get()
        #expect(schedule.years == [2027])
        let calendar = try HolidayCalendar.layering(builtIn: .builtIn, operatorSchedules: [schedule]).get()
        let makeup = calendar.day(date("2027-02-20"))
        #expect(makeup.kind == .makeupWorkday && !makeup.provisional && makeup.source == "2027.tsv")
        #expect(calendar.day(date("2027-02-11")).kind == .holiday)
        #expect(calendar.day(date("2027-10-01")).kind == .workday)  // covered year: only what the file lists
        #expect(calendar.firstProvisionalDate(from: date("2026-11-29"), through: date("2027-12-31")) == nil)
        #expect(calendar.day(date("2028-01-01")).provisional)
        #expect(calendar.day(date("2026-10-01")).kind == .holiday)
    }

    @Test func anOperatorFileReplacesTheBuiltInYearItCovers() throws {
        let correction = try HolidayScheduleFile.parseTSV(
            "date\tkind\tname\tname_zh\tin_lieu\n2026-01-01\tholiday\tNew Year's Day\t元旦\tno\n", file: "fix.tsv"
        ).get()
        let calendar = try HolidayCalendar.layering(builtIn: .builtIn, operatorSchedules: [correction]).get()
        #expect(calendar.day(date("2026-02-16")).kind == .workday)
        #expect(calendar.day(date("2025-02-03")).kind == .holiday)
    }

    @Test func aBrokenFileNamesEveryBadLine() {
        let text = """
            date\tkind\tname\tname_zh\tin_lieu
            2027-02-30\tholiday\tSpring Festival\t春节\tno
            2027-02-08\tday_off\tSpring Festival\t春节\tno
            2027-02-17\tmakeup_workday\tSpring Festival\t春节\t-
            2027-02-09\tholiday\tSpring Festival\t春节\tmaybe
            2027-02-09\tholiday\tSpring Festival\t春节\tno
            2027-02-10\tholiday\tSpring Festival
            """
        guard case .failure(let failure) = HolidayScheduleFile.parseTSV(text, file: "2027.tsv") else {
            Issue.record("a broken file was accepted")
            return
        }
        #expect(
            failure.lines == [
                "2027.tsv:2: column \"date\": \"2027-02-30\" is not a date; write YYYY-MM-DD, such as 2027-02-06",
                "2027.tsv:3: column \"kind\": \"day_off\" is not a kind of day; write holiday or makeup_workday",
                "2027.tsv:4: column \"date\": \"2027-02-17\" is a Wednesday; a makeup workday (调休上班) is always a Saturday or Sunday",
                "2027.tsv:5: column \"in_lieu\": \"maybe\" must be yes (a day off in lieu) or no for a holiday",
                "2027.tsv:7: has 3 fields, expected 5 separated by tabs (date, kind, name, name_zh, in_lieu)",
            ])
        guard case .failure(let header) = HolidayScheduleFile.parseTSV("date,kind\n", file: "x.tsv") else {
            Issue.record("a comma header was accepted")
            return
        }
        #expect(header.problems.first?.line == 1)
        guard case .failure(let empty) = HolidayScheduleFile.parseTSV("", file: "empty.tsv") else {
            Issue.record("an empty file was accepted")
            return
        }
        #expect(empty.lines == ["empty.tsv:1: is empty; write the header date, kind, name, name_zh, in_lieu (tab-separated), then one line per date"])
    }

    @Test func duplicateDatesAreRefusedWithTheFirstLine() {
        let text = "date\tkind\tname\tname_zh\tin_lieu\n2027-01-01\tholiday\tNew Year's Day\t元旦\tno\n2027-01-01\tholiday\tNew Year's Day\t元旦\tno\n"
        guard case .failure(let failure) = HolidayScheduleFile.parseTSV(text, file: "d.tsv") else {
            Issue.record("a duplicate was accepted")
            return
        }
        #expect(failure.lines == ["d.tsv:3: column \"date\": \"2027-01-01\" is listed twice; it is already on line 2"])
    }

    @Test func operatorFilesThatDisagreeAreRefused() throws {
        let first = try HolidayScheduleFile.parseTSV(
            "date\tkind\tname\tname_zh\tin_lieu\n2027-02-20\tmakeup_workday\tSpring Festival\t春节\t-\n", file: "a.tsv"
        ).get()
        let second = try HolidayScheduleFile.parseTSV(
            "date\tkind\tname\tname_zh\tin_lieu\n2027-02-20\tholiday\tSpring Festival\t春节\tyes\n", file: "b.tsv"
        ).get()
        guard case .failure(let failure) = HolidayCalendar.layering(builtIn: .builtIn, operatorSchedules: [first, second]) else {
            Issue.record("a conflict was accepted")
            return
        }
        #expect(failure.lines == ["b.tsv:2: column \"date\": \"2027-02-20\" is a holiday here but a makeup_workday in a.tsv line 2; correct one of the two files"])
    }

    @Test func readsAnICalendarFileOfHolidays() throws {
        let ics = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//example//holidays//ZH\r
            BEGIN:VEVENT\r
            UID:2027-spring@example\r
            DTSTART;VALUE=DATE:20270205\r
            DTEND;VALUE=DATE:20270212\r
            SUMMARY:春节 休\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:2027-spring-work@example\r
            DTSTART;VALUE=DATE:20270220\r
            SUMMARY:春节 补\r
             班\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            DTSTART;VALUE=DATE:20271001\r
            DURATION:P7D\r
            SUMMARY:National Day Holiday\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let schedule = try HolidayScheduleFile.parseICalendar(ics, file: "2027.ics").get()
        #expect(schedule.entries.count == 7 + 1 + 7)
        #expect(schedule.entries.first { $0.date == date("2027-02-20") }?.kind == .makeupWorkday)
        #expect(schedule.entries.first { $0.date == date("2027-02-11") }?.name == "春节")
        #expect(schedule.entries.first { $0.date == date("2027-10-07") }?.name == "国庆节")
        #expect(!schedule.entries.contains { $0.date == date("2027-02-12") })
    }

    @Test func refusesBrokenICalendarFiles() {
        let cases: [(String, String)] = [
            ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270231\nSUMMARY:春节\nEND:VEVENT\nEND:VCALENDAR\n",
             "h.ics:3: column \"DTSTART\": \"20270231\" is not a date; write YYYYMMDD, such as 20270206"),
            ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=YEARLY\nSUMMARY:元旦\nEND:VEVENT\nEND:VCALENDAR\n",
             "h.ics:4: column \"RRULE\": recurring events are not supported, because holidays move every year; list each year's dates as separate events"),
            ("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nSUMMARY:元旦\n",
             "h.ics:4: ends inside an event; close it with END:VEVENT"),
            ("BEGIN:VCALENDAR\nEND:VCALENDAR\n", "h.ics:1: has no all-day events; add one VEVENT per holiday"),
            ("hello world\n", "h.ics:1: \"hello world\" is not an iCalendar content line (NAME:value)"),
        ]
        for (text, message) in cases {
            guard case .failure(let failure) = HolidayScheduleFile.parseICalendar(text, file: "h.ics") else {
                Issue.record("accepted: \(text)")
                continue
            }
            #expect(failure.lines.first == message)
        }
    }
}
