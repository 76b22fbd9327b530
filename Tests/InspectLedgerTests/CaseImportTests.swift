import InspectCalendar
import InspectCore
import Testing

@testable import InspectLedger

private func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

private func read(_ text: String) throws(ImportFailure) -> [ParsedCase] {
    try CaseImport.read(Array(text.utf8), file: "cases.csv")
}

/// The problems of a file that must fail, one line each.
private func problems(_ text: String) -> [String] {
    do {
        let cases = try read(text)
        Issue.record("expected the import to fail, got \(cases.count) cases")
        return []
    } catch {
        return error.lines
    }
}

@Suite struct CaseImportTests {
    static let header = "id,title,source,category,unit,person,phone,deadline,status,site,milestones,measures"

    @Test func goodFileWithChineseValues() throws {
        // Columns in another order, header names in capitals with blanks, a BOM, CRLF,
        // a quoted comma, Chinese names for source, status and measures, and milestones
        // out of date order.
        let text =
            "\u{FEFF} Status ,ID,Title,Source,Category,Unit,Person,Phone,Deadline,Milestones,Measures,Site\r\n"
            + "整改中,ZY-2026-001,\"鑫源化工废气直排,夜间偷排\",中央环保督察,大气,baihe,张伟,13800001234,2026-10-30,"
            + "完成设备安装@2026-10-20;制定整改方案@2026-09-15,停产限产;按日连续计罚,S1\r\n"
            + ",,,,,,,,,,,\r\n"
            + "已销号,XF-17,露天焚烧垃圾,投诉,散乱污,env,李娜,+86 139 0000 1111,2026-08-01,,查封扣押；移送公安；行政拘留;按日计罚,\r\n"
            + "关停取缔,MT.3,媒体曝光的砂石厂,媒体,扬尘,env,赵敏,022-12345678,2026-09-01,,,\r\n"
            + "未整改,SJ_9,市级督察交办,市级督察,雨污分流,baihe,王芳,13900002222,2026-12-31,,,\r\n"
            + "已验收,XC-1,巡查发现,巡查,固废,baihe,刘洋,13900002222,2026-07-01,,,\r\n"
            + "已整改,XF-18,信访件,信访,噪声,env,陈静,13900002222,2026-07-02,,,\r\n"
            + "in_progress,XC-2,raw values,PATROL,大气,env,杨磊,13900002222,2026-07-03,a@2026-07-01,DAILY_FINES;seal_and_seize,\r\n"
        let cases = try read(text)
        #expect(cases.map(\.line) == [2, 4, 5, 6, 7, 8, 9])
        let first = cases[0].value
        #expect(
            first
                == RectificationCase(
                    id: "ZY-2026-001", title: "鑫源化工废气直排,夜间偷排", source: .centralInspection, category: "大气", site: "S1",
                    unit: "baihe", personName: "张伟", personPhone: "13800001234",
                    milestones: [
                        Milestone(name: "制定整改方案", due: date("2026-09-15")), Milestone(name: "完成设备安装", due: date("2026-10-20")),
                    ],
                    deadline: date("2026-10-30"), status: .inProgress, measures: [.productionHalt, .dailyFines]))
        #expect(cases[1].value.status == .closed)
        #expect(cases[1].value.source == .complaint)
        #expect(cases[1].value.site == nil)
        #expect(cases[1].value.measures == [.sealAndSeize, .referredToPolice, .administrativeDetention, .dailyFines])
        #expect(cases[2].value.status == .shutDown)
        #expect(cases[2].value.source == .media)
        #expect(cases[3].value.status == .open)
        #expect(cases[3].value.source == .municipalInspection)
        #expect(cases[4].value.status == .verified)
        #expect(cases[4].value.source == .patrol)
        #expect(cases[5].value.status == .rectified)
        #expect(cases[6].value.status == .inProgress)
        #expect(cases[6].value.source == .patrol)
        #expect(cases[6].value.measures == [.dailyFines, .sealAndSeize])
        #expect(cases[6].value.milestones == [Milestone(name: "a", due: date("2026-07-01"))])
    }

    @Test func optionalColumnsMayBeLeftOut() throws {
        let cases = try read("id,title,source,category,unit,person,phone,deadline,status\nA,t,media,c,u,p,12345,2026-01-01,open\n")
        #expect(cases.count == 1)
        #expect(cases[0].value.site == nil)
        #expect(cases[0].value.milestones.isEmpty)
        #expect(cases[0].value.measures.isEmpty)
    }

    @Test func headerOnlyIsAnEmptyLedger() throws {
        #expect(try read(Self.header + "\n").isEmpty)
    }

    @Test func everyBadRowIsReportedWithItsLineAndColumn() {
        let rows = [
            ",标题,media,大气,u,张三,12345,2026-01-01,open,,,",  // 2: empty id
            "A B,标题,media,大气,u,张三,12345,2026-01-01,open,,,",  // 3: invalid id
            "C3,,media,大气,u,张三,12345,2026-01-01,open,,,",  // 4: empty title
            "C4,标题,电视台,大气,u,张三,12345,2026-01-01,open,,,",  // 5: unknown source
            "C5,标题,media,,u,张三,12345,2026-01-01,open,,,",  // 6: empty category
            "C6,标题,media,大气,白河镇,张三,12345,2026-01-01,open,,,",  // 7: unit not an id
            "C7,标题,media,大气,u,,12345,2026-01-01,open,,,",  // 8: empty person
            "C8,标题,media,大气,u,张三,1380000abcd,2026-01-01,open,,,",  // 9: bad phone
            "C9,标题,media,大气,u,张三,12345,2026/01/01,open,,,",  // 10: bad deadline
            "C10,标题,media,大气,u,张三,12345,2026-02-30,open,,,",  // 11: no such date
            "C11,标题,media,大气,u,张三,12345,2026-01-01,done,,,",  // 12: unknown status
            "C12,标题,media,大气,u,张三,12345,2026-01-01,open,S 1,,",  // 13: bad site
            "C13,标题,media,大气,u,张三,12345,2026-01-01,open,,制定整改方案 2025-12-01,",  // 14: no @
            "C14,标题,media,大气,u,张三,12345,2026-01-01,open,,@2025-12-01,",  // 15: no name
            "C15,标题,media,大气,u,张三,12345,2026-01-01,open,,方案@12月1日,",  // 16: bad date
            "C16,标题,media,大气,u,张三,12345,2026-01-01,open,,方案@2025-12-01;验收@2026-01-02,",  // 17: after deadline
            "C17,标题,media,大气,u,张三,12345,2026-01-01,open,,,停产限产;罚款",  // 18: unknown measure
            "C18,标题,media,大气,u,张三,12345,2026-01-01,open,,,",  // 19: fine
            "C18,标题,media,大气,u,张三,12345,2026-01-01,open,,,",  // 20: duplicate id
            "C20,标题,media,大气,u,张三,12345,2026-01-01,open,,,,extra",  // 21: too many values
            "C21,标题,media,大气,u,张三,12345",  // 22: too few values
            "C22," + String(repeating: "长", count: 201) + ",media,大气,u,张三,12345,2026-01-01,open,,,",  // 23: long title
        ]
        let text = Self.header + "\n" + rows.joined(separator: "\n") + "\n"
        #expect(
            problems(text) == [
                "cases.csv:2: column \"id\": is empty; every row needs an id",
                "cases.csv:3: column \"id\": \"A B\" is not a valid id; use 1–64 letters, digits, '_', '.' or '-'",
                "cases.csv:4: column \"title\": is empty; a title is required",
                "cases.csv:5: column \"source\": \"电视台\" is not a case source; use central_inspection, municipal_inspection, "
                    + "complaint, media or patrol (中央督察, 市级督察, 投诉, 媒体, 巡查)",
                "cases.csv:6: column \"category\": is empty; write the kind of problem, e.g. 散乱污, 水源地 or 大气",
                "cases.csv:7: column \"unit\": \"白河镇\" is not a valid id; use 1–64 letters, digits, '_', '.' or '-'",
                "cases.csv:8: column \"person\": is empty; the responsible person's name is required",
                "cases.csv:9: column \"phone\": \"1380000abcd\" is not a phone number; use 5–20 digits, optionally a leading + "
                    + "and spaces or dashes (e.g. 13800001234 or 022-12345678)",
                "cases.csv:10: column \"deadline\": \"2026/01/01\" is not a date; write YYYY-MM-DD, such as 2026-10-30",
                "cases.csv:11: column \"deadline\": \"2026-02-30\" is not a date; write YYYY-MM-DD, such as 2026-10-30",
                "cases.csv:12: column \"status\": \"done\" is not a case status; use open, in_progress, rectified, verified, "
                    + "closed or shut_down (未整改, 整改中, 已整改, 已验收, 已销号, 关停取缔)",
                "cases.csv:13: column \"site\": \"S 1\" is not a valid id; use 1–64 letters, digits, '_', '.' or '-', or leave it empty",
                "cases.csv:14: column \"milestones\": \"制定整改方案 2025-12-01\" is not a milestone; write name@YYYY-MM-DD, such as "
                    + "制定整改方案@2026-09-15, and separate milestones with ;",
                "cases.csv:15: column \"milestones\": \"@2025-12-01\" has no name before @; write name@YYYY-MM-DD",
                "cases.csv:16: column \"milestones\": \"方案@12月1日\" has no date after @; write name@YYYY-MM-DD, such as "
                    + "制定整改方案@2026-09-15",
                "cases.csv:17: column \"milestones\": \"验收@2026-01-02\" is due after the deadline 2026-01-01; move the milestone "
                    + "to or before the deadline, or extend the deadline",
                "cases.csv:18: column \"measures\": \"罚款\" is not an enforcement measure; use production_halt, seal_and_seize, "
                    + "daily_fines, administrative_detention or referred_to_police (停产限产, 查封扣押, 按日连续计罚, 行政拘留, 移送公安), "
                    + "separated by ;",
                "cases.csv:20: column \"id\": \"C18\" is used on line 19 and again on line 20; ids must be unique in the file",
                "cases.csv:21: the row has 13 values but the header has 12 columns; quote values that contain commas",
                "cases.csv:22: the row has 7 values but the header has 12 columns; quote values that contain commas",
                "cases.csv:23: column \"title\": \"" + String(repeating: "长", count: 57) + "…\" is longer than 200 characters",
            ])
    }

    @Test func oneRowWithManyProblemsReportsEach() {
        let text = Self.header + "\n" + ",,,,,,,,,x,,\n"
        #expect(
            problems(text) == [
                "cases.csv:2: column \"id\": is empty; every row needs an id",
                "cases.csv:2: column \"title\": is empty; a title is required",
                "cases.csv:2: column \"source\": is empty; use central_inspection, municipal_inspection, complaint, media or patrol "
                    + "(中央督察, 市级督察, 投诉, 媒体, 巡查)",
                "cases.csv:2: column \"category\": is empty; write the kind of problem, e.g. 散乱污, 水源地 or 大气",
                "cases.csv:2: column \"unit\": is empty; write the id of the responsible unit",
                "cases.csv:2: column \"person\": is empty; the responsible person's name is required",
                "cases.csv:2: column \"phone\": is empty; the responsible person's phone number is required",
                "cases.csv:2: column \"deadline\": is empty; write the deadline as YYYY-MM-DD",
                "cases.csv:2: column \"status\": is empty; use open, in_progress, rectified, verified, closed or shut_down "
                    + "(未整改, 整改中, 已整改, 已验收, 已销号, 关停取缔)",
            ])
    }

    @Test func headerProblems() {
        #expect(
            problems("") == [
                "cases.csv:1: the file is empty; the first line must be the header "
                    + "id,title,source,category,unit,person,phone,deadline,status[,site,milestones,measures]"
            ])
        #expect(
            problems("C1,标题,media\n") == [
                "cases.csv:1: is not a header; the first line must be "
                    + "id,title,source,category,unit,person,phone,deadline,status[,site,milestones,measures] (any order)"
            ])
        #expect(
            problems("id,title,source,category,unit,person,phone,deadline,status,status,owner\n") == [
                "cases.csv:1: column \"status\": appears twice in the header; keep one",
                "cases.csv:1: column \"owner\": is not a column of cases; the columns are "
                    + "id,title,source,category,unit,person,phone,deadline,status[,site,milestones,measures]",
            ])
        #expect(
            problems("id,title,source,category,unit,person\n") == [
                "cases.csv:1: the header lacks the columns \"phone\", \"deadline\", \"status\"; the header must be "
                    + "id,title,source,category,unit,person,phone,deadline,status[,site,milestones,measures] (any order)"
            ])
    }

    @Test func aValueUnderAnUnnamedColumnIsAProblem() {
        let text = "id,title,source,category,unit,person,phone,deadline,status,\nC1,t,media,c,u,p,12345,2026-01-01,open,stray\n"
        #expect(
            problems(text) == [
                "cases.csv:2: \"stray\" is in column 10, which has no name in the header; remove it or name the column"
            ])
    }

    @Test func csvSyntaxErrorsAreReportedWithTheirColumn() {
        let text = Self.header + "\nC1,\"标题\"x,media,大气,u,张三,12345,2026-01-01,open,,,\n"
        #expect(
            problems(text) == [
                "cases.csv:2: column \"title\": character 8: text after a closing quote; inside quotes write a quote as two quotes (\"\")"
            ])
    }

    @Test func gb18030IsDetectedAndDecoded() throws {
        let expected = [
            RectificationCase(
                id: "ZY-2026-001", title: "鑫源化工废气直排", source: .centralInspection, category: "大气", site: "S1", unit: "baihe",
                personName: "张伟", personPhone: "13800001234",
                milestones: [
                    Milestone(name: "制定整改方案", due: date("2026-09-15")), Milestone(name: "完成设备安装", due: date("2026-10-20")),
                ],
                deadline: date("2026-10-30"), status: .inProgress, measures: [.productionHalt, .dailyFines]),
            RectificationCase(
                id: "XF-2026-017", title: "王𫖯养殖场废水直排", source: .complaint, category: "水源地", site: nil, unit: "env",
                personName: "李娜", personPhone: "022-12345678", milestones: [], deadline: date("2026-11-15"), status: .open),
        ]
        let detected = try CaseImport.read(GB18030Cases.bytes)
        #expect(detected.map(\.value) == expected)
        #expect(detected.map(\.line) == [2, 3])
        let forced = try CaseImport.read(GB18030Cases.bytes, encoding: .gb18030)
        #expect(forced.map(\.value) == expected)
        // The same text as UTF-8 reads the same.
        #expect(try CaseImport.read(Array(GB18030Cases.text.utf8)).map(\.value) == expected)
    }

    @Test func undecodableBytesAreAProblemAtTheirLine() {
        // Header (83 bytes and a line break), then "C1," and a byte that is not UTF-8 at offset 87.
        let bytes = Array((Self.header + "\nC1,").utf8) + [0xFF] + Array(",media,c,u,p,12345,2026-01-01,open,,,\n".utf8)
        #expect(Self.header.utf8.count + 1 + 3 == 87)
        do {
            _ = try CaseImport.read(bytes, encoding: .utf8, file: "cases.csv")
            Issue.record("expected the import to fail")
        } catch {
            #expect(
                error.lines == [
                    "cases.csv:2: byte 87: not valid UTF-8 (byte 0xFF); if the file was saved by Excel or WPS on Chinese Windows, "
                        + "import it as GB18030"
                ])
        }
    }

    @Test func renderReadsBackToEqualValues() throws {
        let cases = [
            RectificationCase(
                id: "ZY-2026-001", title: "鑫源化工\"废气\"直排, 夜间偷排", source: .centralInspection, category: "大气", site: "S1",
                unit: "baihe", personName: "张伟", personPhone: "+86 138 0000 1234",
                milestones: [
                    Milestone(name: "制定整改方案", due: date("2026-09-15")), Milestone(name: "a@b", due: date("2026-09-15")),
                    Milestone(name: "完成设备安装", due: date("2026-10-20")),
                ],
                deadline: date("2026-10-30"), status: .inProgress, measures: [.productionHalt, .dailyFines, .productionHalt]),
            RectificationCase(
                id: "XF.17", title: "两行\n标题", source: .complaint, category: "水源地", site: nil, unit: "env", personName: "李娜",
                personPhone: "022-12345678", milestones: [], deadline: date("2026-11-15"), status: .shutDown),
        ] + CaseStatus.allCases.enumerated().map { number, status in
            RectificationCase(
                id: "S\(number)", title: "t", source: CaseSource.allCases[number % CaseSource.allCases.count], category: "c",
                site: nil, unit: "u", personName: "p", personPhone: "12345", milestones: [], deadline: date("2026-01-01"),
                status: status, measures: [EnforcementMeasure.allCases[number % EnforcementMeasure.allCases.count]])
        }
        let text = CaseCSV.render(cases)
        #expect(text.hasPrefix(CaseCSV.header + "\n"))
        let back = try CaseImport.read(Array(text.utf8))
        #expect(back.map(\.value) == cases)
        #expect(CaseCSV.render(back.map(\.value)) == text)
    }

    @Test func referencesToUnknownUnitsAndSitesAreReported() throws {
        let text = Self.header + "\n"
            + "C1,t,media,c,baihe,p,12345,2026-01-01,open,S1,,\n"
            + "C2,t,media,c,nowhere,p,12345,2026-01-01,open,,,\n"
            + "C3,t,media,c,baihe,p,12345,2026-01-01,open,S404,,\n"
        let cases = try read(text)
        let problems = CaseImport.checkReferences(cases: cases, unitIDs: ["baihe", "env"], siteIDs: ["S1"], file: "cases.csv")
        #expect(
            problems.map(\.description) == [
                "cases.csv:3: column \"unit\": \"nowhere\" is not a known unit; import it in units.csv first, or use the id of a unit",
                "cases.csv:4: column \"site\": \"S404\" is not a known site; import it in sites.csv first, or leave site empty",
            ])
        #expect(CaseImport.checkReferences(cases: cases, unitIDs: ["baihe", "nowhere"], siteIDs: ["S1", "S404"]).isEmpty)
    }
}
