import InspectAPI
import Testing

@testable import InspectCLI

@Suite struct RosterRenderingTests {
    static func shift(
        _ id: String, _ periodName: String, start: String, end: String, dayKind: String = "workday", holiday: String? = nil,
        rain: Bool = false, members: [RosterMember], pinned: Bool = false, sealed: Bool = false, releaseAt: String? = nil,
        visits: [String] = []
    ) -> RosterShift {
        let parts = id.split(separator: "/").map(String.init)
        return RosterShift(
            id: id, date: parts[0], period: parts[1], periodName: periodName, start: start, end: end, dayKind: dayKind, holiday: holiday,
            rain: rain, zone: parts[2], team: Int(parts[3])!, members: members, pinned: pinned, sealed: sealed,
            releaseAt: releaseAt ?? start,
            visits: visits.map { RosterVisit(site: $0, name: "site \($0)", locality: "baihe", risk: "A", reason: "cadence") }, plan: 3)
    }

    static let evening = shift(
        "2026-10-01/evening/north/1", "晚班", start: "2026-10-01T16:00:00+08:00", end: "2026-10-02T00:00:00+08:00", dayKind: "holiday",
        holiday: "国庆节", rain: true,
        members: [
            RosterMember(id: "I001", name: "张伟", department: "sthj", certified: true),
            RosterMember(id: "I017", name: "欧阳明月", department: "gaj", certified: true),
            RosterMember(id: "I203", name: "李强", department: "zrzy", certified: false),
        ],
        pinned: true, sealed: true, releaseAt: "2026-10-01T15:00:00+08:00")

    static let night = shift(
        "2026-10-02/night/south/2", "夜班", start: "2026-10-02T00:00:00+08:00", end: "2026-10-02T08:00:00+08:00",
        members: [
            RosterMember(id: "I002", name: "Li Na", department: "gaj", certified: true),
            RosterMember(id: "I003", name: "王五, \"小王\"", department: "sw", certified: true),
        ],
        visits: ["S0012", "S0345"])

    static let shortfall = RosterShortfall(
        date: "2026-10-02", period: "night", zone: "south", missingTeams: 1, missingMembers: 3,
        reason: "only 2 public-security officers free")

    static let report = RosterReport(shifts: [evening, night], shortfalls: [shortfall], from: "2026-10-01", to: "2026-10-02", plan: nil)

    @Test func rosterTableIsTheWholeExpectedText() {
        #expect(
            RosterRendering.rosterText(Self.report, .plain) == """
                Roster 2026-10-01 to 2026-10-02, no plan yet
                date        period  time         day      rain  zone   team  members                                  visits              pinned
                2026-10-01  晚班    16:00–24:00  国庆节   rain  north  1     张伟★(sthj), 欧阳明月★(gaj), 李强(zrzy)  sealed until 15:00  pinned
                2026-10-02  夜班    00:00–08:00  workday        south  2     Li Na★(gaj), 王五, "小王"★(sw)           2: S0012 S0345
                ★ certified (持执法证). Shift ids for roster explain, assign and pin: DATE/PERIOD/ZONE/TEAM, such as 2026-10-01/evening/north/1.

                SHORT: 2026-10-02 night south: 1 team short (3 people): only 2 public-security officers free
                """)
    }

    @Test func rosterColumnsLineUpByDisplayWidthWithChineseText() {
        let lines = RosterRendering.rosterText(Self.report, .plain).split(separator: "\n").map(String.init)
        // Where a cell starts, in terminal cells, on the header and on each row.
        func column(_ line: String, _ cell: String) -> Int? {
            line.range(of: cell).map { DisplayWidth.of(String(line[..<$0.lowerBound])) }
        }
        #expect(column(lines[1], "members") == column(lines[2], "张伟★"))
        #expect(column(lines[1], "members") == column(lines[3], "Li Na★"))
        #expect(column(lines[1], "visits") == column(lines[2], "sealed until"))
        #expect(column(lines[1], "visits") == column(lines[3], "2: S0012"))
        #expect(column(lines[1], "rain") == column(lines[2], "rain  north"))
        #expect(column(lines[1], "zone") == column(lines[3], "south"))
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") })
    }

    @Test func shortfallsAreEachOnTheirOwnLoudLine() {
        let second = RosterShortfall(date: "2026-10-03", period: "day", zone: "north", missingTeams: 2, missingMembers: 6, reason: "leave")
        #expect(
            RosterRendering.shortfallLines([Self.shortfall, second], .en) == [
                "SHORT: 2026-10-02 night south: 1 team short (3 people): only 2 public-security officers free",
                "SHORT: 2026-10-03 day north: 2 teams short (6 people): leave",
            ])
        let empty = RosterReport(shifts: [], shortfalls: [second], from: "2026-10-03", to: "2026-10-03", plan: nil)
        #expect(
            RosterRendering.rosterText(empty, .plain).split(separator: "\n").last == "SHORT: 2026-10-03 day north: 2 teams short (6 people): leave")
        #expect(RosterRendering.rosterText(empty, .plain).contains("no shifts planned"))
    }

    @Test func csvHasOneRowPerMemberAndQuotesByRFC4180() {
        let lonely = Self.shift(
            "2026-10-03/day/east/1", "白班", start: "2026-10-03T08:00:00+08:00", end: "2026-10-03T16:00:00+08:00", members: [])
        let report = RosterReport(
            shifts: [Self.evening, Self.night, lonely], shortfalls: [], from: "2026-10-01", to: "2026-10-03", plan: nil)
        let csv = RosterRendering.rosterCSV(report)
        #expect(csv.hasSuffix("\r\n"))
        let lines = csv.components(separatedBy: "\r\n").dropLast()
        #expect(
            Array(lines) == [
                "shift,date,period,start,end,day_kind,rain,zone,team,member,name,department,certified,sealed,visits",
                "2026-10-01/evening/north/1,2026-10-01,evening,2026-10-01T16:00:00+08:00,2026-10-02T00:00:00+08:00,holiday,true,north,1,I001,张伟,sthj,true,true,",
                "2026-10-01/evening/north/1,2026-10-01,evening,2026-10-01T16:00:00+08:00,2026-10-02T00:00:00+08:00,holiday,true,north,1,I017,欧阳明月,gaj,true,true,",
                "2026-10-01/evening/north/1,2026-10-01,evening,2026-10-01T16:00:00+08:00,2026-10-02T00:00:00+08:00,holiday,true,north,1,I203,李强,zrzy,false,true,",
                "2026-10-02/night/south/2,2026-10-02,night,2026-10-02T00:00:00+08:00,2026-10-02T08:00:00+08:00,workday,false,south,2,I002,Li Na,gaj,true,false,S0012;S0345",
                "2026-10-02/night/south/2,2026-10-02,night,2026-10-02T00:00:00+08:00,2026-10-02T08:00:00+08:00,workday,false,south,2,I003,\"王五, \"\"小王\"\"\",sw,true,false,S0012;S0345",
                "2026-10-03/day/east/1,2026-10-03,day,2026-10-03T08:00:00+08:00,2026-10-03T16:00:00+08:00,workday,false,east,1,,,,,false,",
            ])
    }

    @Test func shiftCellsInWords() {
        #expect(RosterRendering.timeRange(start: "2026-10-01T16:00:00+08:00", end: "2026-10-02T00:00:00+08:00") == "16:00–24:00")
        #expect(RosterRendering.timeRange(start: "2026-10-01T22:00:00+08:00", end: "2026-10-02T06:00:00+08:00") == "22:00–06:00")
        #expect(RosterRendering.timeRange(start: "2026-10-02T00:00:00+08:00", end: "2026-10-02T08:00:00+08:00") == "00:00–08:00")
        #expect(RosterRendering.dayLabel(Self.evening, .en) == "国庆节")
        var makeup = Self.night
        makeup.dayKind = "makeup_workday"
        makeup.holiday = "国庆节"
        #expect(RosterRendering.dayLabel(makeup, .en) == "makeup_workday (国庆节)")
        #expect(RosterRendering.visitsLabel(Self.night, .en) == "2: S0012 S0345")
        var sealedNight = Self.night
        sealedNight.visits = []
        sealedNight.sealed = true
        sealedNight.releaseAt = "2026-10-01T23:00:00+08:00"
        #expect(RosterRendering.visitsLabel(sealedNight, .en) == "sealed until 10-01 23:00")
        var admin = Self.evening
        admin.visits = Self.night.visits
        #expect(RosterRendering.visitsLabel(admin, .en) == "2: S0012 S0345 (sealed until 15:00)")
        var empty = Self.night
        empty.visits = []
        #expect(RosterRendering.visitsLabel(empty, .en) == "0")
    }

    @Test(arguments: [
        ("2026-12-01T23:30", "2026-12-01T23:30+08:00"),
        ("2026-12-01T23:30:15", "2026-12-01T23:30:15+08:00"),
        ("2026-12-01T15:30:00Z", "2026-12-01T15:30:00Z"),
        ("2026-12-01T15:30:00.250Z", "2026-12-01T15:30:00.250Z"),
        ("2026-12-01T23:30+08:00", "2026-12-01T23:30+08:00"),
        ("2026-12-01T10:30:00-05:00", "2026-12-01T10:30:00-05:00"),
    ])
    func dutyInstantTakesDistrictTimeOrAnOffset(input: String, sent: String) {
        #expect(RosterRendering.dutyInstant(input) == sent)
    }

    @Test(arguments: [
        "2026-12-01", "2026-12-01 23:30", "2026-12-01T24:00", "2026-12-01T23:60", "2026-13-01T08:00", "2026-12-01T8:00",
        "2026-12-01T08:00+0800", "2026-12-01T08:00+08", "2026-12-01T08:00:00.Z", "2026-12-01T08:00 ", "now",
    ])
    func dutyInstantRejectsWhatIsNotATime(input: String) {
        #expect(RosterRendering.dutyInstant(input) == nil)
    }

    @Test func shiftIDsHaveFourParts() {
        #expect(RosterRendering.isShiftID("2026-12-01/night/north/1"))
        #expect(!RosterRendering.isShiftID("2026-12-01/night/north"))
        #expect(!RosterRendering.isShiftID("2026-12-01/night/north/0"))
        #expect(!RosterRendering.isShiftID("2026-12-01//north/1"))
        #expect(!RosterRendering.isShiftID("12/01/night/north/1"))
    }

    @Test func explanationNamesRulesAndReplacements() {
        let explanation = ShiftExplanation(
            shift: Self.evening, rules: ["at least 2 departments"],
            members: [
                .init(id: "I001", name: "张伟", replacements: 0, notes: ["the only certified officer free"]),
                .init(id: "I017", name: "欧阳明月", replacements: 4, notes: []),
            ])
        #expect(
            RosterRendering.explanationText(explanation, .plain) == """
                2026-10-01/evening/north/1: 2026-10-01 晚班 16:00–24:00, 国庆节, rain period, zone north, team 1, pinned
                members: 张伟★(sthj), 欧阳明月★(gaj), 李强(zrzy)

                Rules that bound the choice:
                  - at least 2 departments

                If a member were swapped:
                  张伟★(sthj) [I001]: NO replacement: nobody else meets the hard rules
                    - the only certified officer free
                  欧阳明月★(gaj) [I017]: 4 possible replacements
                """)
    }

    @Test func fairnessRowsAreSortedByDepartmentThenID() {
        let report = FairnessReport(
            from: "2026-09-01", to: "2026-09-28",
            inspectors: [
                .init(id: "I9", name: "张伟", department: "sthj", shifts: 9, hours: 72, nights: 3, restdays: 2, holidays: 0, rain: 1),
                .init(id: "I3", name: "欧阳明月", department: "gaj", shifts: 8, hours: 64, nights: 4, restdays: 2, holidays: 1, rain: 0),
                .init(id: "I1", name: "李强", department: "sthj", shifts: 7, hours: 56, nights: 2, restdays: 1, holidays: 0, rain: 0),
            ],
            spreads: [.init(group: "all", inspectors: 3, nights: 2, restdays: 1, holidays: 1, rain: 1)])
        #expect(RosterRendering.fairnessRows(report).map { $0[0] } == ["I3", "I1", "I9"])
        #expect(
            RosterRendering.fairnessText(report, .plain).hasSuffix(
                "group  inspectors  nights  restdays  holidays  rain\nall    3           2       1         1         1"))
    }

    @Test func dutyListsPhonesAndFlagsUncoveredZones() {
        var onDuty = Self.evening
        onDuty.members[0].phone = "13800000001"
        let report = DutyReport(at: "2026-10-01T20:00:00+08:00", shifts: [onDuty], uncovered: ["south"])
        #expect(
            RosterRendering.dutyText(report, .plain) == """
                On duty at 2026-10-01T20:00:00+08:00:
                zone   period  time         team  name       department  phone
                north  晚班    16:00–24:00  1     张伟★      sthj        13800000001
                north  晚班    16:00–24:00  1     欧阳明月★  gaj
                north  晚班    16:00–24:00  1     李强       zrzy

                UNCOVERED: zone south has no team on duty
                """)
    }

    @Test func drawVerificationLine() {
        let same = DrawVerification(
            plan: 7, generator: "splitmix64-es2", seed: "123", inputDigest: "ab12", visits: 412, identical: true, difference: nil)
        #expect(
            RosterRendering.verificationLine(same, .plain)
                == "plan 7: identical (412 visits, generator splitmix64-es2, seed 123, input digest ab12)")
        var differs = same
        differs.identical = false
        differs.difference = "visit 17: S0012 stored, S0013 replayed"
        #expect(RosterRendering.verificationLine(differs, .plain) == "plan 7: DIFFERS: visit 17: S0012 stored, S0013 replayed")
    }

    @Test func leaveOutcomeSaysWhatReplanningChanged() {
        let leave = LeaveItem(id: 2, inspector: "I017", from: "2026-12-03", to: "2026-12-05", reason: "病假", created: "x", uid: 0)
        #expect(
            RosterRendering.leaveOutcomeText(LeaveOutcome(leave: leave, plan: nil), .plain)
                == "leave 2 stored: I017 from 2026-12-03 to 2026-12-05 (病假)\nno planned shift affected")
        let plan = PlanSummary(
            id: 8, created: "x", reason: "leave added for I017", firstDate: "2026-12-01", lastDate: "2026-12-28", teamsAdded: 0,
            teamsChanged: 1, teamsRemoved: 0, visitsDrawn: 3, shortfalls: 1, inputDigest: "d", generator: "g", drawDigest: "e", seed: nil)
        #expect(
            RosterRendering.leaveOutcomeText(LeaveOutcome(leave: leave, plan: plan), .plain).split(separator: "\n").dropFirst() == [
                "re-planned (plan 8, leave added for I017): 1 team changed, 0 added, 0 removed, 3 visits drawn",
                "SHORT: plan 8 leaves 1 shortfall; inspectctl roster lists them",
            ])
    }
}
