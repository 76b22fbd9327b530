import InspectCalendar
import InspectCore

/// A case read from `cases.csv`, with the line its row starts on.
public typealias ParsedCase = ParsedRecord<RectificationCase>

/// Reads the rectification ledger (整改台账) from CSV, all or nothing, in the style of the
/// directory imports:
///
/// ```
/// id,title,source,category,unit,person,phone,deadline,status,site,milestones,measures
/// ZY-2026-001,鑫源化工废气直排,中央督察,大气,baihe,张伟,13800001234,2026-10-30,整改中,S1,制定整改方案@2026-09-15;完成设备安装@2026-10-20,停产限产
/// ```
///
/// - Header: the required columns ``required`` and the optional ``optional`` in any
///   order; names are trimmed and compared without regard to case. Unknown, repeated or
///   missing columns are errors.
/// - `id`, `unit`, `site`: 1–64 of `A-Z a-z 0-9 _ . -`; `site` may be empty. Ids are
///   unique in the file.
/// - `title`, `person`: non-empty, at most 200 characters; `category`: non-empty, at
///   most 64 characters (such as 散乱污, 水源地, 雨污分流, 违章建筑, 大气).
/// - `phone`: 5–20 digits, optionally a leading `+` and single spaces or dashes.
/// - `source`: `central_inspection`, `municipal_inspection`, `complaint`, `media`,
///   `patrol`, or 中央督察/中央环保督察, 市级督察, 投诉/信访, 媒体, 巡查.
/// - `status`: `open`, `in_progress`, `rectified`, `verified`, `closed`, `shut_down`, or
///   未整改, 整改中, 已整改, 已验收, 已销号, 关停取缔.
/// - `deadline`: `YYYY-MM-DD`.
/// - `milestones`: `name@YYYY-MM-DD` separated by `;` (or `；`), none after the deadline;
///   the value holds them sorted by date (ties in file order). May be empty.
/// - `measures`: enforcement measures separated by `;` (or `；`): the raw values of
///   ``EnforcementMeasure`` or 停产限产, 查封扣押, 按日计罚/按日连续计罚, 行政拘留, 移送公安.
///   May be empty.
///
/// Values are trimmed (also of the ideographic space); rows that are entirely blank are
/// skipped. Every problem in the file is reported, by line and column; if there is any,
/// nothing is returned. The bytes may be UTF-8 with or without a byte-order mark, or
/// GB18030/GBK as Excel and WPS save on Chinese Windows.
public enum CaseImport {
    /// The columns every file has.
    public static let required = ["id", "title", "source", "category", "unit", "person", "phone", "deadline", "status"]
    /// The columns a file may have.
    public static let optional = ["site", "milestones", "measures"]
    /// The header as messages show it.
    public static let header = "id,title,source,category,unit,person,phone,deadline,status[,site,milestones,measures]"
    /// The file name problems use when none is given.
    public static let defaultFileName = "cases.csv"

    static let maximumTitleLength = 200
    static let maximumNameLength = 200
    static let maximumCategoryLength = 64

    /// Decodes and reads a ledger file.
    ///
    /// - Parameters:
    ///   - bytes: the file's bytes (UTF-8 with or without BOM, or GB18030/GBK).
    ///   - encoding: force an encoding instead of detecting it.
    ///   - file: the name to use in problems.
    public static func read(
        _ bytes: [UInt8], encoding: TextEncoding? = nil, file: String = defaultFileName
    ) throws(ImportFailure) -> [ParsedCase] {
        let decoded = try DirectoryImport.decode(bytes, encoding: encoding, file: file)
        return try read(text: decoded.text, file: file)
    }

    /// Reads decoded ledger text.
    public static func read(text: String, file: String = defaultFileName) throws(ImportFailure) -> [ParsedCase] {
        try CSVTable.read(
            text: text, file: file, columns: required + optional, required: required, noun: "cases", header: header, id: \.id
        ) { row in
            var fields = CaseRow(file: row.file, line: row.line, fields: row.fields, columnIndex: row.columnIndex)
            let value = fields.read()
            return (value, fields.problems)
        }
    }

    /// Checks references from cases to units and sites: each `unit` must be in `unitIDs`
    /// and each `site`, when given, in `siteIDs` (the ids known once the import is
    /// applied: those stored plus those being imported). One problem per bad reference,
    /// at its row's line; none when every reference resolves.
    public static func checkReferences(
        cases: [ParsedCase], unitIDs: Set<String>, siteIDs: Set<String>, file: String = defaultFileName
    ) -> [ImportProblem] {
        var problems: [ImportProblem] = []
        for record in cases {
            if !unitIDs.contains(record.value.unit) {
                problems.append(
                    ImportProblem(
                        file: file, line: record.line, column: "unit", value: record.value.unit,
                        message: "is not a known unit; import it in units.csv first, or use the id of a unit"))
            }
            if let site = record.value.site, !siteIDs.contains(site) {
                problems.append(
                    ImportProblem(
                        file: file, line: record.line, column: "site", value: site,
                        message: "is not a known site; import it in sites.csv first, or leave site empty"))
            }
        }
        return problems
    }

    // MARK: names

    /// The source a cell names, raw or in Chinese, or nil.
    public static func source(named text: String) -> CaseSource? {
        if let source = CaseSource(rawValue: text.lowercased()) { return source }
        switch text {
        case "中央督察", "中央环保督察", "中央生态环境保护督察": return .centralInspection
        case "市级督察", "市级环保督察": return .municipalInspection
        case "投诉", "信访", "群众投诉": return .complaint
        case "媒体", "媒体曝光": return .media
        case "巡查", "日常巡查": return .patrol
        default: return nil
        }
    }

    /// The status a cell names, raw or in Chinese, or nil.
    public static func status(named text: String) -> CaseStatus? {
        if let status = CaseStatus(rawValue: text.lowercased()) { return status }
        return CaseStatus.allCases.first { $0.chineseName == text }
    }

    /// The measure a cell names, raw or in Chinese, or nil.
    public static func measure(named text: String) -> EnforcementMeasure? {
        if let measure = EnforcementMeasure(rawValue: text.lowercased()) { return measure }
        switch text {
        case "停产限产": return .productionHalt
        case "查封扣押": return .sealAndSeize
        case "按日计罚", "按日连续计罚": return .dailyFines
        case "行政拘留": return .administrativeDetention
        case "移送公安": return .referredToPolice
        default: return nil
        }
    }

    // MARK: helpers

    /// Trims white space (including the ideographic space U+3000) at both ends.
    static func trimmed(_ text: some StringProtocol) -> String {
        CSVTable.trimmed(text)
    }

    /// The parts of a `;`/`；`-separated list, trimmed, empty parts dropped.
    static func listItems(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "；" }).map(trimmed).filter { !$0.isEmpty }
    }
}

/// The checks of one row of `cases.csv`, collecting problems.
struct CaseRow {
    let file: String
    let line: Int
    let fields: [String]
    let columnIndex: [String: Int]
    var problems: [ImportProblem] = []

    init(file: String, line: Int, fields: [String], columnIndex: [String: Int]) {
        self.file = file
        self.line = line
        self.fields = fields
        self.columnIndex = columnIndex
    }

    func raw(_ column: String) -> String {
        columnIndex[column].map { fields[$0] } ?? ""
    }

    mutating func problem(_ column: String, _ value: String?, _ message: String) {
        problems.append(ImportProblem(file: file, line: line, column: column, value: value, message: message))
    }

    mutating func read() -> RectificationCase? {
        let id = identifier("id", what: "every row needs an id")
        let title = text("title", maximum: CaseImport.maximumTitleLength, empty: "is empty; a title is required")
        let source = self.source()
        let category = text(
            "category", maximum: CaseImport.maximumCategoryLength,
            empty: "is empty; write the kind of problem, e.g. 散乱污, 水源地 or 大气")
        let unit = identifier("unit", what: "write the id of the responsible unit")
        let person = text("person", maximum: CaseImport.maximumNameLength, empty: "is empty; the responsible person's name is required")
        let phone = self.phone()
        let deadline = self.deadline()
        let status = self.status()
        let site = self.site()
        let milestones = self.milestones(deadline: deadline)
        let measures = self.measures()
        guard let id, let title, let source, let category, let unit, let person, let phone, let deadline, let status,
            let site, let milestones, let measures
        else { return nil }
        return RectificationCase(
            id: id, title: title, source: source, category: category, site: site.value, unit: unit, personName: person,
            personPhone: phone, milestones: milestones, deadline: deadline, status: status, measures: measures)
    }

    mutating func identifier(_ column: String, what: String) -> String? {
        let value = raw(column)
        if value.isEmpty {
            problem(column, nil, "is empty; \(what)")
            return nil
        }
        guard ImportValidation.isIdentifier(value) else {
            problem(column, value, "is not a valid id; use 1–64 letters, digits, '_', '.' or '-'")
            return nil
        }
        return value
    }

    /// Wraps an optional value so that `nil` inside means "empty and valid".
    struct Cell<Value> { var value: Value? }

    mutating func site() -> Cell<String>? {
        let value = raw("site")
        if value.isEmpty { return Cell(value: nil) }
        guard ImportValidation.isIdentifier(value) else {
            problem("site", value, "is not a valid id; use 1–64 letters, digits, '_', '.' or '-', or leave it empty")
            return nil
        }
        return Cell(value: value)
    }

    mutating func text(_ column: String, maximum: Int, empty: String) -> String? {
        let value = raw(column)
        if value.isEmpty {
            problem(column, nil, empty)
            return nil
        }
        if value.count > maximum {
            problem(column, value, "is longer than \(maximum) characters")
            return nil
        }
        return value
    }

    mutating func source() -> CaseSource? {
        let value = raw("source")
        if let source = CaseImport.source(named: value) { return source }
        problem(
            "source", value,
            (value.isEmpty ? "is empty; " : "is not a case source; ")
                + "use central_inspection, municipal_inspection, complaint, media or patrol (中央督察, 市级督察, 投诉, 媒体, 巡查)")
        return nil
    }

    mutating func status() -> CaseStatus? {
        let value = raw("status")
        if let status = CaseImport.status(named: value) { return status }
        problem(
            "status", value,
            (value.isEmpty ? "is empty; " : "is not a case status; ")
                + "use open, in_progress, rectified, verified, closed or shut_down (未整改, 整改中, 已整改, 已验收, 已销号, 关停取缔)")
        return nil
    }

    mutating func phone() -> String? {
        let value = raw("phone")
        if ImportValidation.isPhoneNumber(value) { return value }
        problem(
            "phone", value,
            value.isEmpty
                ? "is empty; the responsible person's phone number is required"
                : "is not a phone number; use 5–20 digits, optionally a leading + and spaces or dashes "
                    + "(e.g. 13800001234 or 022-12345678)")
        return nil
    }

    mutating func deadline() -> CivilDate? {
        let value = raw("deadline")
        if let date = CivilDate(iso: value) { return date }
        problem(
            "deadline", value,
            value.isEmpty ? "is empty; write the deadline as YYYY-MM-DD" : "is not a date; write YYYY-MM-DD, such as 2026-10-30")
        return nil
    }

    mutating func milestones(deadline: CivilDate?) -> [Milestone]? {
        let value = raw("milestones")
        var milestones: [Milestone] = []
        var valid = true
        for item in CaseImport.listItems(value) {
            guard let at = item.lastIndex(of: "@") else {
                problem(
                    "milestones", item,
                    "is not a milestone; write name@YYYY-MM-DD, such as 制定整改方案@2026-09-15, and separate milestones with ;")
                valid = false
                continue
            }
            let name = CaseImport.trimmed(item[..<at])
            let dateText = CaseImport.trimmed(item[item.index(after: at)...])
            if name.isEmpty {
                problem("milestones", item, "has no name before @; write name@YYYY-MM-DD")
                valid = false
                continue
            }
            if name.count > CaseImport.maximumNameLength {
                problem("milestones", item, "has a name longer than \(CaseImport.maximumNameLength) characters")
                valid = false
                continue
            }
            guard let due = CivilDate(iso: dateText) else {
                problem("milestones", item, "has no date after @; write name@YYYY-MM-DD, such as 制定整改方案@2026-09-15")
                valid = false
                continue
            }
            if let deadline, due > deadline {
                problem(
                    "milestones", item,
                    "is due after the deadline \(deadline); move the milestone to or before the deadline, or extend the deadline")
                valid = false
                continue
            }
            milestones.append(Milestone(name: name, due: due))
        }
        guard valid else { return nil }
        // Stable: milestones due the same day keep their order in the file.
        return milestones.enumerated().sorted { ($0.element.due, $0.offset) < ($1.element.due, $1.offset) }.map(\.element)
    }

    mutating func measures() -> [EnforcementMeasure]? {
        var measures: [EnforcementMeasure] = []
        var valid = true
        for item in CaseImport.listItems(raw("measures")) {
            guard let measure = CaseImport.measure(named: item) else {
                problem(
                    "measures", item,
                    "is not an enforcement measure; use production_halt, seal_and_seize, daily_fines, "
                        + "administrative_detention or referred_to_police (停产限产, 查封扣押, 按日连续计罚, 行政拘留, 移送公安), "
                        + "separated by ;")
                valid = false
                continue
            }
            measures.append(measure)
        }
        return valid ? measures : nil
    }
}

/// Writes the ledger as the CSV ``CaseImport`` reads: the full header, raw values,
/// milestones as `name@YYYY-MM-DD;…` and measures as `raw;raw`.
public enum CaseCSV {
    /// The header line ``render(_:)`` writes.
    public static let header = "id,title,source,category,unit,person,phone,deadline,status,site,milestones,measures"

    /// One header line and one line per case, each ending in `\n`, fields quoted where
    /// needed. Reading the result back gives equal values when the cases are ones the
    /// import accepts (valid ids, values without leading or trailing blanks, milestone
    /// names without `;`, milestones in date order).
    public static func render(_ cases: [RectificationCase]) -> String {
        var text = header + "\n"
        for item in cases {
            let fields = [
                item.id, item.title, item.source.rawValue, item.category, item.unit, item.personName, item.personPhone,
                item.deadline.description, item.status.rawValue, item.site ?? "",
                item.milestones.map { "\($0.name)@\($0.due)" }.joined(separator: ";"),
                item.measures.map(\.rawValue).joined(separator: ";"),
            ]
            text += fields.map(quoted).joined(separator: ",") + "\n"
        }
        return text
    }

    /// The field, in quotes (inner quotes doubled) when it holds a comma, a quote or a
    /// line break.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return field
        }
        var result = "\""
        for character in field {
            if character == "\"" { result += "\"\"" } else { result.append(character) }
        }
        return result + "\""
    }
}
