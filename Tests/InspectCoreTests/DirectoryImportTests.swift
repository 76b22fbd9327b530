import InspectCore
import Testing

@Suite struct DirectoryImportTests {
    static let unitsCSV = """
        id,name,kind,leader_name,leader_phone,contact_name,contact_phone
        env,生态环境局,department,王建国,13800001234,李娜,022-12345678
        baihe,白河镇,locality,张伟,+86 139 0000 1111,赵敏,13900002222

        """

    /// The problem lines of an import (empty when it succeeds).
    func description(_ body: () throws -> Void) -> [String] {
        do {
            try body()
            return []
        } catch let failure as ImportFailure {
            return failure.lines
        } catch {
            return ["unexpected error: \(error)"]
        }
    }

    @Test func validUnitsImportWithLineNumbers() throws {
        let records = try DirectoryImport.units(from: Self.unitsCSV)
        #expect(
            records == [
                ParsedRecord(
                    line: 2,
                    value: Unit(
                        id: "env", name: "生态环境局", kind: .department, leaderName: "王建国", leaderPhone: "13800001234",
                        contactName: "李娜", contactPhone: "022-12345678")),
                ParsedRecord(
                    line: 3,
                    value: Unit(
                        id: "baihe", name: "白河镇", kind: .locality, leaderName: "张伟", leaderPhone: "+86 139 0000 1111",
                        contactName: "赵敏", contactPhone: "13900002222")),
            ])
    }

    @Test func columnsInAnyOrderWithLooseHeaderAndValues() throws {
        let text =
            "\u{FEFF} Phone ,Certified,HOME_LOCALITY, name ,department,id\r\n"
            + " 13800001234 , 是 ,,  王芳\u{3000},env, I001 \r\n"
            + ",,,,,\r\n"  // a spreadsheet's empty row
            + "13900001234,N,baihe,刘洋,env,I002"
        let records = try DirectoryImport.inspectors(from: text)
        #expect(
            records == [
                ParsedRecord(
                    line: 2,
                    value: Inspector(
                        id: "I001", name: "王芳", department: "env", certified: true, homeLocality: nil,
                        phone: "13800001234")),
                ParsedRecord(
                    line: 4,
                    value: Inspector(
                        id: "I002", name: "刘洋", department: "env", certified: false, homeLocality: "baihe",
                        phone: "13900001234")),
            ])
    }

    @Test(arguments: [
        ("yes", true), ("YES", true), ("y", true), ("true", true), ("1", true), ("是", true),
        ("no", false), ("No", false), ("n", false), ("FALSE", false), ("0", false), ("否", false),
    ])
    func flagSpellings(_ spelling: String, _ expected: Bool) throws {
        let text =
            "id,name,locality,kind,risk,rain_sensitive,night_sensitive\nS1,某厂,baihe,重点企业,a,\(spelling),\(spelling)\n"
        let site = try #require(try DirectoryImport.sites(from: text).first).value
        #expect(site.rainSensitive == expected)
        #expect(site.nightSensitive == expected)
        #expect(site.risk == .a)
    }

    @Test(arguments: [
        ("13800001234", true), ("022-12345678", true), ("+86 138 0000 1234", true), ("0221234", true),
        ("12345", true), ("12345678901234567890", true),
        ("1234", false), ("123456789012345678901", false), ("138-0000-12a4", false), ("", false),
        ("+", false), ("--12345", false), ("12345-", false), ("1 2  345", false), ("(022)12345678", false),
    ])
    func phoneNumbers(_ phone: String, _ valid: Bool) {
        let text = "id,name,department,certified,home_locality,phone\nI1,王伟,env,yes,,\"\(phone)\"\n"
        let lines = description { _ = try DirectoryImport.inspectors(from: text) }
        #expect(lines.isEmpty == valid, "\(phone): \(lines)")
    }

    @Test func everyBadFieldIsReportedWithLineAndColumn() {
        let text = """
            id,name,locality,kind,risk,rain_sensitive,night_sensitive
            S1,鑫源化工有限公司,baihe,重点企业,A,yes,no
            S 2,,baihe,,D,maybe,
            S3,某工地,bai he,建筑工地,c,no,yes
            """
        let lines = description { _ = try DirectoryImport.sites(from: text) }
        #expect(
            lines == [
                #"sites.csv:3: column "id": "S 2" is not a valid id; use 1–64 letters, digits, '_', '.' or '-'"#,
                #"sites.csv:3: column "name": is empty; a name is required"#,
                #"sites.csv:3: column "kind": is empty; write the kind of site, e.g. 重点企业 or 建筑工地"#,
                #"sites.csv:3: column "risk": "D" is not a risk class; use A, B or C"#,
                #"sites.csv:3: column "rain_sensitive": "maybe" is not yes or no; use yes or no (是/否)"#,
                #"sites.csv:3: column "night_sensitive": is empty; use yes or no"#,
                #"sites.csv:4: column "locality": "bai he" is not a valid id; use 1–64 letters, digits, '_', '.' or '-'"#,
            ])
    }

    @Test func problemsAreStructured() throws {
        let text = "id,name,kind,leader_name,leader_phone,contact_name,contact_phone\nx,某局,bureau,王,13800001234,李,abc\n"
        let failure = #expect(throws: ImportFailure.self) { try DirectoryImport.units(from: text, file: "部门.csv") }
        #expect(
            failure?.problems == [
                ImportProblem(
                    file: "部门.csv", line: 2, column: "kind", value: "bureau",
                    message: "is not a unit kind; use department or locality"),
                ImportProblem(
                    file: "部门.csv", line: 2, column: "contact_phone", value: "abc",
                    message: "is not a phone number; use 5–20 digits, optionally a leading + and spaces or dashes "
                        + "(e.g. 13800001234 or 022-12345678)"),
            ])
        #expect(failure?.omittedCount == 0)
    }

    @Test func duplicateIdsNameBothLines() {
        let text = Self.unitsCSV + "env,另一个局,department,王,13800001234,李,13800001235\n"
        let lines = description { _ = try DirectoryImport.units(from: text) }
        #expect(
            lines == [
                #"units.csv:4: column "id": "env" is used on line 2 and again on line 4; ids must be unique in the file"#
            ])
    }

    @Test func unknownAndDuplicateColumnsAreReported() {
        let text =
            "id,name,kind,leader_name,leader_phone,contact_name,contact_phone,remark,Name\n"
            + "env,生态环境局,department,王建国,13800001234,李娜,13800001235,备注,x\n"
        let lines = description { _ = try DirectoryImport.units(from: text) }
        #expect(
            lines == [
                #"units.csv:1: column "remark": is not a column of units; the columns are id,name,kind,leader_name,leader_phone,contact_name,contact_phone"#,
                #"units.csv:1: column "name": appears twice in the header; keep one"#,
            ])
    }

    @Test func missingColumnsStopAtTheHeader() {
        let text = "id,name,kind\nenv,生态环境局,department\n"
        let lines = description { _ = try DirectoryImport.units(from: text) }
        #expect(
            lines == [
                #"units.csv:1: the header lacks the columns "leader_name", "leader_phone", "contact_name", "contact_phone"; the header must be id,name,kind,leader_name,leader_phone,contact_name,contact_phone (any order)"#
            ])
    }

    @Test func aMissingHeaderIsOneProblem() {
        let lines = description {
            _ = try DirectoryImport.units(from: "env,生态环境局,department,王,13800001234,李,13800001235\n")
        }
        #expect(
            lines == [
                "units.csv:1: is not a header; the first line must be id,name,kind,leader_name,leader_phone,contact_name,contact_phone (any order)"
            ])
    }

    @Test func emptyFileNeedsAHeader() {
        let lines = description { _ = try DirectoryImport.sites(from: "\n\n") }
        #expect(
            lines == [
                "sites.csv:1: the file is empty; the first line must be the header id,name,locality,kind,risk,rain_sensitive,night_sensitive"
            ])
    }

    @Test func headerOnlyIsAnEmptyImport() throws {
        #expect(try DirectoryImport.sites(from: DirectoryKind.sites.header + "\n").isEmpty)
    }

    @Test func wrongNumberOfValues() {
        let text =
            "id,name,department,certified,home_locality,phone\n"
            + "I1,王伟,env,yes,,13800001234,,\n"  // trailing empty values are tolerated
            + "I2,王伟,env,yes,13800001234\n"
            + "I3,王,伟,env,yes,,13800001234\n"
        let lines = description { _ = try DirectoryImport.inspectors(from: text) }
        #expect(
            lines == [
                "inspectors.csv:3: the row has 5 values but the header has 6 columns; quote values that contain commas",
                "inspectors.csv:4: the row has 7 values but the header has 6 columns; quote values that contain commas",
            ])
    }

    @Test func malformedCSVGivesLineAndColumn() {
        let text =
            "id,name,department,certified,home_locality,phone\n"
            + "I1,王\"伟,env,yes,,13800001234\n"
            + "I2,李娜,env,maybe,,13800001235\n"
            + "I3,\"张\n伟\"x,env,yes,,13800001236\n"
        let lines = description { _ = try DirectoryImport.inspectors(from: text) }
        #expect(
            lines == [
                #"inspectors.csv:2: column "name": character 5: a quote inside an unquoted field; put the whole field in quotes and double the quote ("")"#,
                #"inspectors.csv:3: column "certified": "maybe" is not yes or no; use yes or no (是/否)"#,
                #"inspectors.csv:5: column "name": character 3: text after a closing quote; inside quotes write a quote as two quotes ("")"#,
            ])
    }

    @Test func unterminatedQuoteIsReportedWhereItOpens() {
        let text = Self.unitsCSV + "x,\"某局,department,王,13800001234,李,13800001235\n"
        let lines = description { _ = try DirectoryImport.units(from: text) }
        #expect(lines.count == 1)
        #expect(
            lines.first?.hasPrefix(#"units.csv:4: column "name": character 3: the quote opened here is never closed"#)
                == true)
    }

    @Test func valuesUnderUnnamedColumnsAreReported() throws {
        // Spreadsheets often add empty header cells; they are fine while the column is empty.
        let header = DirectoryKind.units.header + ",,"
        #expect(
            try DirectoryImport.units(from: header + "\nenv,局,department,王,13800001234,李,13800001235,,\n").count == 1)
        let lines = description {
            _ = try DirectoryImport.units(from: header + "\nenv,局,department,王,13800001234,李,13800001235,,备注\n")
        }
        #expect(
            lines == [
                #"units.csv:2: "备注" is in column 9, which has no name in the header; remove it or name the column"#
            ])
    }

    @Test func problemListIsCapped() {
        var text = DirectoryKind.sites.header + "\n"
        for index in 1...250 { text += "S\(index),厂,baihe,重点企业,Z,yes,no\n" }
        let failure = #expect(throws: ImportFailure.self) { try DirectoryImport.sites(from: text) }
        #expect(failure?.problems.count == 200)
        #expect(failure?.omittedCount == 50)
        #expect(failure?.problems.last?.line == 201)
        #expect(failure?.lines.last == "… and 50 more problems")
    }

    @Test func gb18030FileImportsCorrectly() throws {
        let result = try DirectoryImport.read(.units, bytes: GB18030Samples.units)
        #expect(result.encoding == .gb18030)
        guard case .units(let units) = result.records else {
            Issue.record("expected units")
            return
        }
        #expect(units.map(\.line) == [2, 3])
        #expect(units.map(\.value.name) == ["生态环境局", "白河镇,一号"])
        #expect(units.map(\.value.kind) == [.department, .locality])
        #expect(units.map(\.value.leaderName) == ["王建国", "张伟"])
        #expect(units[1].value.leaderPhone == "+86 139 0000 1111")

        let sites = try DirectoryImport.read(.sites, bytes: GB18030Samples.sites, file: "站点.csv")
        #expect(
            sites.records
                == .sites([
                    ParsedRecord(
                        line: 2,
                        value: Site(
                            id: "S1", name: "鑫源化工有限公司", locality: "baihe", kind: "重点企业", risk: .a,
                            rainSensitive: true, nightSensitive: false)),
                    ParsedRecord(
                        line: 3,
                        value: Site(
                            id: "S2", name: "王𫖯养殖场", locality: "baihe", kind: "散乱污企业", risk: .b,
                            rainSensitive: false, nightSensitive: true)),
                ]))
    }

    @Test func utf8WithBOMImports() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(Self.unitsCSV.utf8)
        let result = try DirectoryImport.read(.units, bytes: bytes)
        #expect(result.encoding == .utf8)
        #expect(result.records == .units(try DirectoryImport.units(from: Self.unitsCSV)))
    }

    @Test func bomLeftInTextIsIgnoredInTheHeader() throws {
        #expect(try DirectoryImport.units(from: "\u{FEFF}" + Self.unitsCSV).count == 2)
    }

    @Test func undecodableBytesBecomeAProblem() {
        let bytes = Array((DirectoryKind.units.header + "\n").utf8) + [0xFF, 0xFF, 0x0A]
        let failure = #expect(throws: ImportFailure.self) { try DirectoryImport.read(.units, bytes: bytes) }
        #expect(failure?.problems.count == 1)
        #expect(failure?.problems.first?.line == 2)
        #expect(failure?.problems.first?.description.hasPrefix("units.csv:2: byte 65: ") == true)
    }

    @Test func recordsDispatchesOnKind() throws {
        let records = try DirectoryImport.records(.units, from: Self.unitsCSV)
        #expect(records.kind == .units)
        #expect(records.count == 2)
    }

    @Test func referencesAreChecked() throws {
        let units = try DirectoryImport.units(from: Self.unitsCSV).map(\.value)
        let inspectors = try DirectoryImport.inspectors(
            from: """
                id,name,department,certified,home_locality,phone
                I1,王伟,env,yes,baihe,13800001234
                I2,李娜,baihe,yes,,13800001235
                I3,张敏,police,no,env,13800001236
                I4,刘洋,env,no,liulin,13800001237
                """)
        let sites = try DirectoryImport.sites(
            from: """
                id,name,locality,kind,risk,rain_sensitive,night_sensitive
                S1,厂,baihe,重点企业,A,yes,no
                S2,口,env,入河排污口,B,yes,no
                S3,点,nowhere,雨污分流点,C,yes,no
                """)
        let problems = DirectoryImport.checkReferences(units: units, inspectors: inspectors, sites: sites)
        #expect(
            problems.map(\.description) == [
                #"inspectors.csv:3: column "department": "baihe" is 白河镇, a locality, not a department"#,
                #"inspectors.csv:4: column "department": "police" is not a known unit; import it in units.csv first, or use the id of a department"#,
                #"inspectors.csv:4: column "home_locality": "env" is 生态环境局, a department, not a locality"#,
                #"inspectors.csv:5: column "home_locality": "liulin" is not a known unit; import it in units.csv first, or use the id of a locality"#,
                #"sites.csv:3: column "locality": "env" is 生态环境局, a department, not a locality"#,
                #"sites.csv:4: column "locality": "nowhere" is not a known unit; import it in units.csv first, or use the id of a locality"#,
            ])
        #expect(DirectoryImport.checkReferences(units: units, inspectors: Array(inspectors.prefix(1))).isEmpty)
    }

    @Test func renderedTablesImportBack() throws {
        let units = [
            Unit(
                id: "a.b-c_1", name: "名称, 带逗号", kind: .locality, leaderName: "说\"引号\"",
                leaderPhone: "13800001234", contactName: "两\n行", contactPhone: "022-12345678")
        ]
        let inspectors = [
            Inspector(
                id: "I1", name: "王伟", department: "env", certified: true, homeLocality: nil, phone: "+86 138 0000 1234"),
            Inspector(
                id: "I2", name: "李娜", department: "env", certified: false, homeLocality: "a.b-c_1", phone: "13800001235"
            ),
        ]
        let sites = [
            Site(
                id: "S1", name: "鑫源化工有限公司", locality: "a.b-c_1", kind: "重点企业", risk: .c,
                rainSensitive: true, nightSensitive: false)
        ]
        #expect(try DirectoryImport.units(from: DirectoryCSV.render(units)).map(\.value) == units)
        #expect(try DirectoryImport.inspectors(from: DirectoryCSV.render(inspectors)).map(\.value) == inspectors)
        #expect(try DirectoryImport.sites(from: DirectoryCSV.render(sites)).map(\.value) == sites)
        #expect(
            DirectoryCSV.render(inspectors) == """
                id,name,department,certified,home_locality,phone
                I1,王伟,env,yes,,+86 138 0000 1234
                I2,李娜,env,no,a.b-c_1,13800001235

                """)
    }
}
