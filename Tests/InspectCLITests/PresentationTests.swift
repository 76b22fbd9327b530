import Foundation
import InspectAPI
import InspectCalendar
import InspectCore
import Testing

@testable import InspectCLI

@Suite struct PresentationTests {
    static func resolve(
        lang: Language? = nil, color: ColorChoice = .auto, _ environment: [String: String], terminal: Bool = false, width: Int? = nil
    ) -> Presentation {
        Presentation.resolve(language: lang, color: color, environment: environment, stdoutIsTerminal: terminal, terminalWidth: width)
    }

    // MARK: language

    @Test(arguments: [
        ([:], Language.en),
        (["LANG": "zh_CN.UTF-8"], .zh),
        (["LANG": "zh_TW.UTF-8"], .zh),
        (["LANG": "C.UTF-8"], .en),
        (["LANG": "en_US.UTF-8"], .en),
        (["LANG": "zh_CN.UTF-8", "LC_ALL": "C"], .en),
        (["LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.GB18030"], .zh),
        (["LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"], .zh),
        (["LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"], .en),
        (["LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8", "LC_ALL": "zh_HK.UTF-8"], .zh),
        (["LANG": "zh_CN.UTF-8", "LC_ALL": ""], .zh),
        (["LANG": "zh_CN.UTF-8", "LC_CTYPE": "C"], .zh),
    ])
    func languageFollowsTheLocaleForMessages(environment: [String: String], expected: Language) {
        #expect(Language.preferred(in: environment) == expected)
        #expect(Self.resolve(environment).language == expected)
    }

    @Test func langOptionOverridesTheLocale() {
        #expect(Self.resolve(lang: .en, ["LC_ALL": "zh_CN.UTF-8"]).language == .en)
        #expect(Self.resolve(lang: .zh, ["LANG": "C"]).language == .zh)
        #expect(Self.resolve(lang: .zh, [:]).language == .zh)
    }

    // MARK: colour

    @Test func colourOnlyOnATerminalWithoutNoColor() {
        #expect(Self.resolve(["TERM": "xterm-256color"], terminal: true).color)
        #expect(!Self.resolve(["TERM": "xterm-256color"], terminal: false).color, "not a terminal")
        #expect(!Self.resolve(["NO_COLOR": "1"], terminal: true).color)
        #expect(!Self.resolve(["NO_COLOR": "yes please"], terminal: true).color)
        #expect(Self.resolve(["NO_COLOR": ""], terminal: true).color, "an empty NO_COLOR does not count (no-color.org)")
        #expect(!Self.resolve(["TERM": "dumb"], terminal: true).color)
        #expect(!Self.resolve(color: .never, [:], terminal: true).color)
        #expect(Self.resolve(color: .always, ["NO_COLOR": "1"], terminal: false).color, "an explicit --color always wins")
    }

    @Test func noEscapesReachAPipeOrANoColorTerminal() {
        let report = RosterReport(
            shifts: [], shortfalls: [RosterRenderingTests.shortfall], from: "2026-10-02", to: "2026-10-02", plan: nil)
        for presentation in [Self.resolve(["TERM": "xterm"], terminal: false), Self.resolve(["NO_COLOR": "1"], terminal: true)] {
            #expect(!RosterRendering.rosterText(report, presentation).contains("\u{1B}"))
            #expect(!WeekGrid.render(report, days: [], monday: CivilDate(iso: "2026-09-28")!, presentation).contains("\u{1B}"))
        }
        let colored = RosterRendering.rosterText(report, Self.resolve(["TERM": "xterm"], terminal: true))
        #expect(colored.hasSuffix("\u{1B}[1;31mSHORT: 2026-10-02 night south: 1 team short (3 people): only 2 public-security officers free\u{1B}[0m"))
    }

    // MARK: width

    @Test func widthFromColumnsThenTheTerminalElseNone() {
        #expect(Self.resolve(["COLUMNS": "80"], terminal: false).width == 80)
        #expect(Self.resolve(["COLUMNS": "100"], terminal: true, width: 132).width == 100)
        #expect(Self.resolve([:], terminal: true, width: 132).width == 132)
        #expect(Self.resolve([:], terminal: false, width: nil).width == nil)
        #expect(Self.resolve(["COLUMNS": "wide"], terminal: true, width: 90).width == 90)
        #expect(Self.resolve(["COLUMNS": "0"], terminal: false).width == nil)
        #expect(Presentation.plain == Self.resolve(["LANG": "C.UTF-8", "TERM": "xterm"]))
    }

    // MARK: the catalogue

    /// Every column a table shows, by the machine name the CSV and JSON use.
    static let tableColumns: [[String]] = [
        ["field", "value"], ["district", "status", "version", "pid", "started_at", "uptime_seconds", "config", "database", "units"],
        ["inspectors", "sites", "you", "WARNING", "last_reload"], DirectoryKind.units.columns, DirectoryKind.inspectors.columns,
        DirectoryKind.sites.columns, CalendarCommand.columns, ["date", "period", "time", "area", "probability_percent", "precipitation_mm", "file"],
        ["id", "file", "format", "received_at", "via", "covers", "note"], ["id", "title", "unit", "deadline", "status", "overdue", "person"],
        caseColumns, ["at", "uid", "action", "status", "note"], ["id", "kind", "created", "subject", "delivered"],
        ["rank", "unit", "name", "outstanding", "overdue", "overdue_%", "mean_days", "max_days", "lagging", "why"],
        ["id", "kind", "created", "case", "unit", "subject", "recipients", "delivered"], RosterRendering.rosterColumns,
        RosterRendering.fairnessColumns, RosterRendering.spreadColumns, RosterRendering.planColumns, RosterRendering.dutyColumns,
        RosterRendering.leaveColumns, ConflictRendering.columns, VisitRendering.columns, TaskRendering.columns,
    ]

    @Test func everyTableColumnHasAChineseTitleAndEnglishKeepsTheMachineName() {
        for columns in Self.tableColumns {
            #expect(ColumnTitles.titles(columns, in: .en) == columns)
            for (column, title) in zip(columns, ColumnTitles.titles(columns, in: .zh)) {
                #expect(title != column && title.unicodeScalars.contains { DisplayWidth.width(of: $0) == 2 }, "no Chinese title for \(column)")
            }
        }
        #expect(ColumnTitles.titles(["id", "name"], in: .zh, overriding: ColumnTitles.people) == ["编号", "姓名"])
    }

    @Test func theRosterInChineseHasChineseHeadersAndWordsButTheDaemonsData() {
        let text = RosterRendering.rosterText(RosterRenderingTests.report, Presentation(language: .zh, width: nil, color: false))
        #expect(
            text == """
                排班 2026-10-01 至 2026-10-02，尚未排班
                日期        时段  时间         日别    雨天  片区   组  组员                                     检查对象        锁定
                2026-10-01  晚班  16:00–24:00  国庆节  雨天  north  1   张伟★(sthj), 欧阳明月★(gaj), 李强(zrzy)  15:00 前保密    锁定
                2026-10-02  夜班  00:00–08:00  工作日        south  2   Li Na★(gaj), 王五, "小王"★(sw)           2: S0012 S0345
                ★ 持执法证。roster explain、assign、pin 使用的班次编号：日期/时段/片区/组号，如 2026-10-01/evening/north/1。

                缺员：2026-10-02 night south：缺 1 个组（3 人）：only 2 public-security officers free
                """)
        // The CSV is for scripts: the same in every language.
        #expect(RosterRendering.rosterCSV(RosterRenderingTests.report).hasPrefix("shift,date,period,start,end,day_kind,rain,zone,team,member"))
    }

    @Test func dutyAndVerificationSpeakChinese() {
        var onDuty = RosterRenderingTests.evening
        onDuty.members[0].phone = "13800000001"
        let report = DutyReport(at: "2026-10-01T20:00:00+08:00", shifts: [onDuty], uncovered: ["south"])
        let zh = Presentation(language: .zh, width: nil, color: false)
        #expect(
            RosterRendering.dutyText(report, zh) == """
                2026-10-01T20:00:00+08:00 在岗：
                片区   时段  时间         组  姓名       部门  电话
                north  晚班  16:00–24:00  1   张伟★      sthj  13800000001
                north  晚班  16:00–24:00  1   欧阳明月★  gaj
                north  晚班  16:00–24:00  1   李强       zrzy

                无人值守：片区 south 没有在岗的组
                """)
        let differs = DrawVerification(
            plan: 7, generator: "g", seed: "1", inputDigest: "d", visits: 3, identical: false, difference: "visit 17: S0012 stored, S0013 replayed")
        #expect(RosterRendering.verificationLine(differs, zh) == "方案 7：不一致：visit 17: S0012 stored, S0013 replayed")
    }

    @Test func overdueCasesStandOut() throws {
        let json = """
            [{"id":"C-1","title":"白河镇铸造小作坊冲天炉未拆除","source":"media","category":"散乱污","site":null,"unit":"baihe",
              "person":"刘洋","phone":"139","deadline":"2026-11-09","status":"open","milestones":[],"measures":[],
              "overdue":true,"days_overdue":20},
             {"id":"C-2","title":"ok","source":"media","category":"x","site":null,"unit":"xinhua","person":"陈静","phone":"1",
              "deadline":"2026-12-09","status":"open","milestones":[],"measures":[],"overdue":false,"days_overdue":0}]
            """
        let items = try JSONDecoder().decode([CaseItem].self, from: Data(json.utf8))
        let zh = CasesListCommand.table(items, Presentation(language: .zh, width: 60, color: true)).split(separator: "\n")
        #expect(zh.count == 3)
        #expect(zh[1].hasPrefix("\u{1B}[1;31mC-1") && zh[1].contains("逾期 20 天") && zh[1].hasSuffix("\u{1B}[0m"))
        #expect(!zh[2].contains("\u{1B}"))
        #expect(zh.allSatisfy { DisplayWidth.of(String($0)) <= 60 })
        let en = CasesListCommand.table(items, .plain)
        #expect(
            en == """
                id   title                         unit    deadline    status  overdue  person
                C-1  白河镇铸造小作坊冲天炉未拆除  baihe   2026-11-09  open    20 days  刘洋
                C-2  ok                            xinhua  2026-12-09  open             陈静
                """)
    }

    @Test func calendarRowsKeepTheCSVWordsInEnglish() {
        let day = CalendarDay(date: CivilDate(iso: "2026-10-11")!, kind: .makeupWorkday, name: "国庆节", provisional: false, inLieu: false, source: "builtin")
        #expect(CalendarCommand.row(day, .en) == ["2026-10-11", "makeup_workday", "国庆节", "false", "false", "builtin"])
        #expect(CalendarCommand.row(day, .zh) == ["2026-10-11", "调休上班", "国庆节", "否", "否", "builtin"])
    }

    @Test func englishMessagesAreWhatTheCLIAlwaysPrinted() {
        let result = ImportResult(kind: "inspectors", file: "i.csv", encoding: "gb18030", inserted: 3, updated: 1, unchanged: 0, dryRun: true)
        #expect(Phrase.imported(result, kind: "inspectors").text(.en) == "i.csv (gb18030): would import inspectors: 3 new, 1 updated, 0 unchanged")
        #expect(Phrase.imported(result, kind: "inspectors").text(.zh) == "i.csv（gb18030）：试导入（未写入）检查人员：新增 3，更新 1，未变 0")
        #expect(Phrase.caseAdded("C-1").text(.en) == "case C-1 added")
        #expect(Phrase.caseAdded("C-1").text(.zh) == "案件 C-1 已添加")
    }
}
