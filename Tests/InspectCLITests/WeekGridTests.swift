import InspectAPI
import InspectCalendar
import Testing

@testable import InspectCLI

@Suite struct WeekGridTests {
    static let periods = [("night", "夜班", "00:00", "08:00"), ("day", "白班", "08:00", "16:00"), ("evening", "晚班", "16:00", "24:00")]
    static let monday = CivilDate(iso: "2026-10-05")!

    /// National Day week: holidays Monday to Wednesday, a makeup workday on Saturday.
    static let days: [CalendarDay] = (0..<7).map { offset in
        let date = monday.adding(days: offset)
        let kind: DayKind = offset < 3 ? .holiday : offset == 5 ? .makeupWorkday : offset == 6 ? .restday : .workday
        return CalendarDay(
            date: date, kind: kind, name: kind == .holiday || kind == .makeupWorkday ? "国庆节" : nil, provisional: false, inLieu: false,
            source: "test")
    }

    /// How many teams each zone has on a date's period, and whether it rains.
    static func teams(_ date: CivilDate, _ period: String) -> (count: Int, rain: Bool) {
        switch (date.description, period) {
        case ("2026-10-06", "evening"): (2, true)
        case ("2026-10-09", "day"): (4, false)
        case (_, "day") where date.isoWeekday <= 5 && date.isoWeekday > 3: (2, false)
        default: (1, false)
        }
    }

    static let report: RosterReport = {
        var shifts: [RosterShift] = []
        for offset in 0..<7 {
            let date = monday.adding(days: offset)
            for (period, name, start, end) in periods {
                let (count, rain) = teams(date, period)
                for zone in ["north", "central", "south"] {
                    // 10-08's night is a team short in the south.
                    if date.description == "2026-10-08" && period == "night" && zone == "south" { continue }
                    for team in 1...count {
                        let endDate = end == "24:00" ? date.adding(days: 1).description + "T00:00" : "\(date)T\(end)"
                        shifts.append(
                            RosterShift(
                                id: "\(date)/\(period)/\(zone)/\(team)", date: date.description, period: period, periodName: name,
                                start: "\(date)T\(start):00+08:00", end: endDate + ":00+08:00", dayKind: "workday", holiday: nil, rain: rain,
                                zone: zone, team: team, members: [], pinned: false, sealed: false, releaseAt: "\(date)T\(start):00+08:00",
                                visits: [], plan: 1))
                    }
                }
            }
        }
        let shortfall = RosterShortfall(
            date: "2026-10-08", period: "night", zone: "south", missingTeams: 1, missingMembers: 3, reason: "no police officer free")
        return RosterReport(shifts: shifts, shortfalls: [shortfall], from: "2026-10-05", to: "2026-10-11", plan: nil)
    }()

    static func grid(_ language: Language, width: Int? = 80, color: Bool = false) -> String {
        WeekGrid.render(report, days: days, monday: monday, Presentation(language: language, width: width, color: color))
    }

    @Test func theChineseWeekAtEightyColumns() {
        #expect(
            Self.grid(.zh) == """
                2026 年第 41 周，2026-10-05 至 2026-10-11
                时段  10-05     10-06     10-07     10-08     10-09     10-10     10-11
                      周一 休   周二 休   周三 休   周四      周五      周六 班   周日
                      国庆节    国庆节    国庆节                        国庆节
                ---------------------------------------------------------------------------
                夜班  北1 中1   北1 中1   北1 中1   北1 中1   北1 中1   北1 中1   北1 中1
                00:00 南1       南1       南1       !缺1      南1       南1       南1
                ---------------------------------------------------------------------------
                白班  北1 中1   北1 中1   北1 中1   北1 北2   北4组     北1 中1   北1 中1
                08:00 南1       南1       南1       中1 中2   中4组     南1       南1
                                                    南1 南2   南4组
                ---------------------------------------------------------------------------
                晚班  北1 中1   雨 北2组  北1 中1   北1 中1   北1 中1   北1 中1   北1 中1
                16:00 南1       中2组     南1       南1       南1       南1       南1
                                南2组
                ---------------------------------------------------------------------------
                北 = 片区 north；中 = 片区 central；南 = 片区 south；北2 = 北片区第 2 组
                北3组 = 北片区 3 个组；雨 = 降雨时段；!缺1 = 缺 1 个组；休 = 节假日
                班 = 调休上班
                明细：inspectctl roster --from 2026-10-05 --to 2026-10-11
                """)
    }

    @Test func theEnglishWeekAtEightyColumns() {
        #expect(
            Self.grid(.en) == """
                Week 2026-W41, 2026-10-05 to 2026-10-11
                period 10-05     10-06     10-07     10-08     10-09     10-10     10-11
                       Mon hol   Tue hol   Wed hol   Thu       Fri       Sat work  Sun
                       国庆节    国庆节    国庆节                        国庆节
                ----------------------------------------------------------------------------
                夜班   N1 C1 S1  N1 C1 S1  N1 C1 S1  N1 C1 !-1 N1 C1 S1  N1 C1 S1  N1 C1 S1
                00:00
                ----------------------------------------------------------------------------
                白班   N1 C1 S1  N1 C1 S1  N1 C1 S1  N1 N2 C1  N:4 C:4   N1 C1 S1  N1 C1 S1
                08:00                                C2 S1 S2  S:4
                ----------------------------------------------------------------------------
                晚班   N1 C1 S1  ☔ N1 N2  N1 C1 S1  N1 C1 S1  N1 C1 S1  N1 C1 S1  N1 C1 S1
                16:00            C1 C2 S1
                                 S2
                ----------------------------------------------------------------------------
                N = zone north; C = zone central; S = zone south; N2 = team 2 of N
                N:3 = 3 teams in N; ☔ = rain period; !-1 = 1 team short; hol = holiday
                work = makeup workday
                Details: inspectctl roster --from 2026-10-05 --to 2026-10-11
                """)
    }

    @Test(arguments: [Language.en, .zh], [80, 100, 60, nil])
    func everyLineFitsTheWidth(language: Language, width: Int?) {
        for color in [false, true] {
            let lines = Self.grid(language, width: width, color: color).split(separator: "\n")
            let limit = width ?? WeekGrid.defaultWidth
            #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= limit }, "\(lines.map { DisplayWidth.of(String($0)) })")
            #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
        }
    }

    @Test func onlyTheShortfallIsColoured() {
        let colored = Self.grid(.zh, color: true)
        #expect(colored.contains("\u{1B}[1;31m!缺1\u{1B}[0m"))
        #expect(colored.components(separatedBy: "\u{1B}[").count == 3, "one escape to start red, one to reset")
        #expect(colored.replacingOccurrences(of: "\u{1B}[1;31m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "") == Self.grid(.zh))
    }

    @Test func anEmptyWeekSaysSo() {
        let empty = RosterReport(shifts: [], shortfalls: [], from: "2026-10-05", to: "2026-10-11", plan: nil)
        let text = WeekGrid.render(empty, days: Self.days, monday: Self.monday, Presentation(language: .en, width: 80, color: false))
        #expect(text.contains("\nno shifts planned\n"))
    }

    @Test(arguments: [
        ("2026-10-05", "2026-10-05", 2026, 41), ("2026-10-11", "2026-10-05", 2026, 41), ("2026-01-01", "2025-12-29", 2026, 1),
        ("2027-01-01", "2026-12-28", 2026, 53), ("2024-12-30", "2024-12-30", 2025, 1), ("2021-01-03", "2020-12-28", 2020, 53),
    ])
    func isoWeeks(date: String, monday: String, year: Int, week: Int) {
        let day = CivilDate(iso: date)!
        #expect(WeekGrid.monday(of: day).description == monday)
        #expect(WeekGrid.isoWeek(of: day) == (year, week))
    }

    @Test func zoneAbbreviationsAreShortAndDistinct() {
        #expect(WeekGrid.zoneAbbreviations(["north", "central", "south"], .zh) == ["north": "北", "central": "中", "south": "南"])
        #expect(WeekGrid.zoneAbbreviations(["north", "central", "south"], .en) == ["north": "N", "central": "C", "south": "S"])
        #expect(WeekGrid.zoneAbbreviations(["alpha", "apple", "beta"], .en) == ["alpha": "Al", "apple": "Ap", "beta": "B"])
        #expect(WeekGrid.zoneAbbreviations(["zone1", "zone2"], .zh) == ["zone1": "Zone1", "zone2": "Zone2"])
        #expect(WeekGrid.zoneAbbreviations(["north", "nw"], .en) == ["north": "No", "nw": "Nw"])
        #expect(WeekGrid.teamLabel("Zone1", 2) == "Zone1-2")
        #expect(WeekGrid.teamLabel("北", 2) == "北2")
    }
}
