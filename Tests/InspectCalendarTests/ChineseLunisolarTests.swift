import Testing
@testable import InspectCalendar

/// Checks the computed lunisolar holidays against tables made independently of this code.
@Suite struct ChineseLunisolarTests {
    // MARK: The lunar festivals, every supported year

    @Test func springFestivalMatchesTheReferenceTableEveryYear() {
        for year in ChineseLunisolar.supportedYears {
            #expect(ChineseLunisolar.springFestival(year) == ReferenceTable.year(year).firstDay, "\(year)")
        }
    }

    @Test func newYearsEveIsTheLastDayOfTheReferenceLunarYear() {
        for year in ChineseLunisolar.supportedYears {
            #expect(ChineseLunisolar.newYearsEve(year) == ReferenceTable.year(year - 1).lastDay, "\(year)")
        }
    }

    @Test func dragonBoatFestivalMatchesTheReferenceTableEveryYear() {
        for year in ChineseLunisolar.supportedYears {
            #expect(ChineseLunisolar.dragonBoatFestival(year) == ReferenceTable.year(year).day(5, of: 5), "\(year)")
        }
    }

    @Test func midAutumnFestivalMatchesTheReferenceTableEveryYear() {
        for year in ChineseLunisolar.supportedYears {
            #expect(ChineseLunisolar.midAutumnFestival(year) == ReferenceTable.year(year).day(15, of: 8), "\(year)")
        }
    }

    // MARK: 清明, every supported year

    @Test func qingmingMatchesThePublishedSolarTermTableEveryYear() {
        let days = Array(ReferenceTable.qingmingDayOfApril.utf8).map { Int($0 - UInt8(ascii: "0")) }
        #expect(days.count == ChineseLunisolar.supportedYears.count)
        for (year, day) in zip(ChineseLunisolar.supportedYears, days) {
            #expect(ChineseLunisolar.qingming(year) == CivilDate(year: year, month: 4, day: day), "\(year)")
        }
    }

    @Test func qingmingOnKnownDates() {
        for (year, day) in [
            (2008, 4), (2019, 5), (2020, 4), (2023, 5), (2024, 4), (2025, 4), (2026, 5), (2027, 5), (2028, 4),
            (1902, 6), (1903, 6), (1901, 5),
        ] {
            #expect(ChineseLunisolar.qingming(year) == CivilDate(year: year, month: 4, day: day), "\(year)")
        }
    }

    // MARK: Spot checks against the State Council notices and published calendars

    @Test func spotChecks() {
        #expect(ChineseLunisolar.springFestival(2025) == date(2025, 1, 29))
        #expect(ChineseLunisolar.springFestival(2026) == date(2026, 2, 17))
        #expect(ChineseLunisolar.springFestival(2027) == date(2027, 2, 6))
        #expect(ChineseLunisolar.newYearsEve(2026) == date(2026, 2, 16))
        #expect(ChineseLunisolar.dragonBoatFestival(2025) == date(2025, 5, 31))
        #expect(ChineseLunisolar.dragonBoatFestival(2026) == date(2026, 6, 19))
        #expect(ChineseLunisolar.midAutumnFestival(2025) == date(2025, 10, 6))
        #expect(ChineseLunisolar.midAutumnFestival(2026) == date(2026, 9, 25))
        #expect(ChineseLunisolar.qingming(2026) == date(2026, 4, 5))
        // The Beijing meridian before 1929: the new moon was at 23:51 local mean time on 3 February.
        #expect(ChineseLunisolar.springFestival(1916) == date(1916, 2, 3))
    }

    @Test func leapMonthsFollowTheNoMajorTermRule() {
        // 2023 had 闰二月; 2025 闰六月; 2033 闰十一月 (the "2033 problem" of older tables).
        #expect(ChineseLunisolar.monthsOfSui(endingIn: 2023).filter(\.isLeap).map(\.number) == [2])
        #expect(ChineseLunisolar.monthsOfSui(endingIn: 2025).filter(\.isLeap).map(\.number) == [6])
        #expect(ChineseLunisolar.monthsOfSui(endingIn: 2034).filter(\.isLeap).map(\.number) == [11])
        #expect(ChineseLunisolar.monthsOfSui(endingIn: 2026).count == 12)
    }

    // MARK: The astronomy against published instants

    @Test func newMoonMatchesMeeusWorkedExample() {
        // Meeus, Astronomical Algorithms, example 49.a: k = −283, JDE 2443192.65118.
        #expect(abs(ChineseLunisolar.Moon.newMoon(lunation: -283) - 2_443_192.65118) < 0.00001)
    }

    @Test func newMoonsAndSolarTermsWithinAMinuteOfPublishedTimes() {
        // (lunation or solar longitude, UTC instant as the US Naval Observatory publishes it, to the minute)
        let newMoons: [(Int, CivilDate, Int, Int)] = [
            (0, date(2000, 1, 6), 18, 14), (218, date(2017, 8, 21), 18, 30),
            (300, date(2024, 4, 8), 18, 21), (310, date(2025, 1, 29), 12, 36),
        ]
        for (lunation, day, hour, minute) in newMoons {
            let computed = ChineseLunisolar.DynamicalTime.universalTime(of: ChineseLunisolar.Moon.newMoon(lunation: lunation))
            #expect(abs(computed - julianDay(day, hour, minute)) * 86_400 < 60, "new moon \(day)")
        }
        let terms: [(Double, CivilDate, Int, Int)] = [
            (0, date(2000, 3, 20), 7, 35), (90, date(2000, 6, 21), 1, 48), (270, date(2000, 12, 21), 13, 37),
            (0, date(2024, 3, 20), 3, 6), (270, date(2024, 12, 21), 9, 20),
        ]
        for (longitude, day, hour, minute) in terms {
            let published = julianDay(day, hour, minute)
            let moment = ChineseLunisolar.Sun.moment(reachingLongitude: longitude, near: published)
            #expect(abs(ChineseLunisolar.DynamicalTime.universalTime(of: moment) - published) * 86_400 < 60, "\(longitude)° \(day)")
        }
    }

    @Test func runsQuickly() {
        let start = ContinuousClock.now
        for year in ChineseLunisolar.supportedYears { _ = ChineseLunisolar.midAutumnFestival(year) }
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    private func date(_ year: Int, _ month: Int, _ day: Int) -> CivilDate {
        CivilDate(year: year, month: month, day: day)!
    }

    private func julianDay(_ day: CivilDate, _ hour: Int, _ minute: Int) -> Double {
        ChineseLunisolar.julianDay(of: day) + Double(hour * 60 + minute) / 1440
    }
}

/// The reference the computation is checked against, decoded here and nowhere else.
private enum ReferenceTable {
    /// The widely published `lunarInfo` table of the Chinese calendar for lunar years
    /// 1900–2100, derived from the Hong Kong Observatory's Gregorian–lunar conversion tables,
    /// copied from jjonline/calendar.js, `src/constant/Lunar.js` (commit 5cf6b12b7b35).
    /// That copy is the corrected one: older copies in circulation differ at 1933 (0x06e95),
    /// 1996 (0x055c0), 2033 (0x04bd7, the "2033 problem") and 2060 (0x0a2e0), and their 1996
    /// and 2033 words would fail these tests.
    ///
    /// One word per lunar year: bits 15...4 are months 1...12 (set: 30 days, clear: 29), the
    /// low 4 bits are the leap month (0: none), bit 16 is the leap month's length.
    static let lunarInfo: [Int] = [
        0x04bd8, 0x04ae0, 0x0a570, 0x054d5, 0x0d260, 0x0d950, 0x16554, 0x056a0, 0x09ad0, 0x055d2,  // 1900-1909
        0x04ae0, 0x0a5b6, 0x0a4d0, 0x0d250, 0x1d255, 0x0b540, 0x0d6a0, 0x0ada2, 0x095b0, 0x14977,  // 1910-1919
        0x04970, 0x0a4b0, 0x0b4b5, 0x06a50, 0x06d40, 0x1ab54, 0x02b60, 0x09570, 0x052f2, 0x04970,  // 1920-1929
        0x06566, 0x0d4a0, 0x0ea50, 0x16a95, 0x05ad0, 0x02b60, 0x186e3, 0x092e0, 0x1c8d7, 0x0c950,  // 1930-1939
        0x0d4a0, 0x1d8a6, 0x0b550, 0x056a0, 0x1a5b4, 0x025d0, 0x092d0, 0x0d2b2, 0x0a950, 0x0b557,  // 1940-1949
        0x06ca0, 0x0b550, 0x15355, 0x04da0, 0x0a5b0, 0x14573, 0x052b0, 0x0a9a8, 0x0e950, 0x06aa0,  // 1950-1959
        0x0aea6, 0x0ab50, 0x04b60, 0x0aae4, 0x0a570, 0x05260, 0x0f263, 0x0d950, 0x05b57, 0x056a0,  // 1960-1969
        0x096d0, 0x04dd5, 0x04ad0, 0x0a4d0, 0x0d4d4, 0x0d250, 0x0d558, 0x0b540, 0x0b6a0, 0x195a6,  // 1970-1979
        0x095b0, 0x049b0, 0x0a974, 0x0a4b0, 0x0b27a, 0x06a50, 0x06d40, 0x0af46, 0x0ab60, 0x09570,  // 1980-1989
        0x04af5, 0x04970, 0x064b0, 0x074a3, 0x0ea50, 0x06b58, 0x05ac0, 0x0ab60, 0x096d5, 0x092e0,  // 1990-1999
        0x0c960, 0x0d954, 0x0d4a0, 0x0da50, 0x07552, 0x056a0, 0x0abb7, 0x025d0, 0x092d0, 0x0cab5,  // 2000-2009
        0x0a950, 0x0b4a0, 0x0baa4, 0x0ad50, 0x055d9, 0x04ba0, 0x0a5b0, 0x15176, 0x052b0, 0x0a930,  // 2010-2019
        0x07954, 0x06aa0, 0x0ad50, 0x05b52, 0x04b60, 0x0a6e6, 0x0a4e0, 0x0d260, 0x0ea65, 0x0d530,  // 2020-2029
        0x05aa0, 0x076a3, 0x096d0, 0x04afb, 0x04ad0, 0x0a4d0, 0x1d0b6, 0x0d250, 0x0d520, 0x0dd45,  // 2030-2039
        0x0b5a0, 0x056d0, 0x055b2, 0x049b0, 0x0a577, 0x0a4b0, 0x0aa50, 0x1b255, 0x06d20, 0x0ada0,  // 2040-2049
        0x14b63, 0x09370, 0x049f8, 0x04970, 0x064b0, 0x168a6, 0x0ea50, 0x06b20, 0x1a6c4, 0x0aae0,  // 2050-2059
        0x092e0, 0x0d2e3, 0x0c960, 0x0d557, 0x0d4a0, 0x0da50, 0x05d55, 0x056a0, 0x0a6d0, 0x055d4,  // 2060-2069
        0x052d0, 0x0a9b8, 0x0a950, 0x0b4a0, 0x0b6a6, 0x0ad50, 0x055a0, 0x0aba4, 0x0a5b0, 0x052b0,  // 2070-2079
        0x0b273, 0x06930, 0x07337, 0x06aa0, 0x0ad50, 0x14b55, 0x04b60, 0x0a570, 0x054e4, 0x0d160,  // 2080-2089
        0x0e968, 0x0d520, 0x0daa0, 0x16aa6, 0x056d0, 0x04ae0, 0x0a9d4, 0x0a2d0, 0x0d150, 0x0f252,  // 2090-2099
        0x0d520,  // 2100
    ]

    /// 正月初一 of lunar year 1900 (庚子), the table's starting point.
    static let firstDayOf1900 = CivilDate(year: 1900, month: 1, day: 31)!

    /// Day of April of 清明 for 1901...2099, one digit a year, decoded from the `sTermInfo`
    /// table of jjonline/calendar.js, `calendar.js` (commit 060cb7b0e227): each year's entry
    /// is 30 hex digits; its hex digits 6–10 read as a number give, in decimal, the days of
    /// 惊蛰 (1 digit), 春分 (2), 清明 (1) and 谷雨 (2), e.g. 1900's "97bd0" = 621520.
    static let qingmingDayOfApril =
        "5665566556655565556555655565556555655565556555555555555555555555555555555554555455545554555455545554"
        + "555455544554455445544554455445544554455444544454445444544454445444544454444444444444444444444444444"

    /// One lunar year as the table has it.
    struct LunarYear {
        /// 正月初一.
        let firstDay: CivilDate
        /// (number, is leap, days) in calendar order.
        let months: [(number: Int, isLeap: Bool, days: Int)]

        /// The last day, 除夕.
        var lastDay: CivilDate { firstDay.adding(days: months.reduce(0) { $0 + $1.days } - 1) }

        /// Day `day` (1...30) of the ordinary month `number`.
        func day(_ day: Int, of number: Int) -> CivilDate {
            let before = months.prefix { $0.number != number || $0.isLeap }.reduce(0) { $0 + $1.days }
            return firstDay.adding(days: before + day - 1)
        }
    }

    /// The months of lunar year `year` decoded from its word.
    static func months(_ year: Int) -> [(number: Int, isLeap: Bool, days: Int)] {
        let word = lunarInfo[year - 1900]
        let leapMonth = word & 0xf
        var months: [(number: Int, isLeap: Bool, days: Int)] = []
        for number in 1...12 {
            months.append((number, false, word & (0x10000 >> number) != 0 ? 30 : 29))
            if number == leapMonth { months.append((number, true, word & 0x10000 != 0 ? 30 : 29)) }
        }
        return months
    }

    /// Lunar year `year` (1900...2100), counted forward from 1900's New Year.
    static func year(_ year: Int) -> LunarYear {
        var firstDay = firstDayOf1900
        for earlier in 1900..<year { firstDay = firstDay.adding(days: months(earlier).reduce(0) { $0 + $1.days }) }
        return LunarYear(firstDay: firstDay, months: months(year))
    }
}
