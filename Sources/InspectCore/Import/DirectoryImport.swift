/// A record read from an import file, with the line it starts on, so that later
/// checks (references between tables) can point at the row.
public struct ParsedRecord<Value: Sendable>: Sendable {
    /// One-based line of the record in its file.
    public var line: Int
    /// The record.
    public var value: Value

    /// Creates a parsed record.
    public init(line: Int, value: Value) {
        self.line = line
        self.value = value
    }
}

extension ParsedRecord: Equatable where Value: Equatable {}
extension ParsedRecord: Hashable where Value: Hashable {}

/// The records of one imported table.
public enum DirectoryRecords: Sendable, Equatable {
    /// Rows of `units.csv`.
    case units([ParsedRecord<Unit>])
    /// Rows of `inspectors.csv`.
    case inspectors([ParsedRecord<Inspector>])
    /// Rows of `sites.csv`.
    case sites([ParsedRecord<Site>])

    /// Which table.
    public var kind: DirectoryKind {
        switch self {
        case .units: .units
        case .inspectors: .inspectors
        case .sites: .sites
        }
    }

    /// Number of records.
    public var count: Int {
        switch self {
        case .units(let records): records.count
        case .inspectors(let records): records.count
        case .sites(let records): records.count
        }
    }
}

/// The outcome of importing a file's bytes: the records and the encoding they were read in.
public struct DirectoryImportResult: Sendable, Equatable {
    /// The records, all valid.
    public var records: DirectoryRecords
    /// The encoding detected (or requested).
    public var encoding: TextEncoding
}

/// Reads directory tables (units, inspectors, sites) from CSV, all or nothing.
///
/// The first record is the header: the required columns of ``DirectoryKind/columns``
/// in any order, names trimmed and case-insensitive. Unknown, repeated or missing
/// columns are errors. Values are trimmed; rows that are entirely blank (also
/// `,,,,` rows that spreadsheets write) are skipped. Every problem in the file is
/// collected; if there is any, no record is returned.
public enum DirectoryImport {
    // MARK: entry points

    /// Decodes and reads a file of the given kind.
    ///
    /// - Parameters:
    ///   - kind: which table the file holds.
    ///   - bytes: the file's bytes (UTF-8 with or without BOM, or GB18030/GBK).
    ///   - encoding: force an encoding instead of detecting it.
    ///   - file: the name to use in problems, e.g. `sites.csv`; defaults to ``DirectoryKind/defaultFileName``.
    public static func read(
        _ kind: DirectoryKind, bytes: [UInt8], encoding: TextEncoding? = nil, file: String? = nil
    ) throws(ImportFailure) -> DirectoryImportResult {
        let file = file ?? kind.defaultFileName
        let decoded = try decode(bytes, encoding: encoding, file: file)
        return DirectoryImportResult(
            records: try records(kind, from: decoded.text, file: file), encoding: decoded.encoding)
    }

    /// Decodes a file's bytes, turning a decoding error into an import problem. A file over
    /// ``ImportLimits/maximumBytes`` is refused before it is decoded.
    public static func decode(
        _ bytes: [UInt8], encoding: TextEncoding? = nil, file: String
    ) throws(ImportFailure) -> DecodedText {
        if let problem = ImportLimits.standard.sizeProblem(bytes, file: file) { throw ImportFailure([problem]) }
        do {
            return try TextDecoding.decode(bytes, encoding: encoding)
        } catch {
            throw ImportFailure([
                ImportProblem(
                    file: file, line: error.line, message: "byte \(error.byteOffset): \(error.message)")
            ])
        }
    }

    /// Reads decoded text of the given kind.
    public static func records(
        _ kind: DirectoryKind, from text: String, file: String? = nil
    ) throws(ImportFailure) -> DirectoryRecords {
        let file = file ?? kind.defaultFileName
        switch kind {
        case .units: return .units(try units(from: text, file: file))
        case .inspectors: return .inspectors(try inspectors(from: text, file: file))
        case .sites: return .sites(try sites(from: text, file: file))
        }
    }

    /// Reads `units.csv` text: `id,name,kind,leader_name,leader_phone,contact_name,contact_phone`.
    public static func units(from text: String, file: String = "units.csv") throws(ImportFailure) -> [ParsedRecord<
        Unit
    >] {
        try table(.units, text: text, file: file) { row in
            let id = row.identifier("id")
            let name = row.name("name")
            let kind = row.unitKind("kind")
            let leaderName = row.name("leader_name")
            let leaderPhone = row.phone("leader_phone")
            let contactName = row.name("contact_name")
            let contactPhone = row.phone("contact_phone")
            guard let id, let name, let kind, let leaderName, let leaderPhone, let contactName, let contactPhone
            else { return nil }
            return Unit(
                id: id, name: name, kind: kind, leaderName: leaderName, leaderPhone: leaderPhone,
                contactName: contactName, contactPhone: contactPhone)
        }
    }

    /// Reads `inspectors.csv` text: `id,name,department,certified,home_locality,phone`.
    public static func inspectors(
        from text: String, file: String = "inspectors.csv"
    ) throws(ImportFailure) -> [ParsedRecord<Inspector>] {
        try table(.inspectors, text: text, file: file) { row in
            let id = row.identifier("id")
            let name = row.name("name")
            let department = row.identifier("department")
            let certified = row.flag("certified")
            let homeLocality = row.optionalIdentifier("home_locality")
            let phone = row.phone("phone")
            guard let id, let name, let department, let certified, homeLocality.isValid, let phone else { return nil }
            return Inspector(
                id: id, name: name, department: department, certified: certified,
                homeLocality: homeLocality.value, phone: phone)
        }
    }

    /// Reads `sites.csv` text: `id,name,locality,kind,risk,rain_sensitive,night_sensitive`.
    public static func sites(from text: String, file: String = "sites.csv") throws(ImportFailure) -> [ParsedRecord<
        Site
    >] {
        try table(.sites, text: text, file: file) { row in
            let id = row.identifier("id")
            let name = row.name("name")
            let locality = row.identifier("locality")
            let kind = row.siteKind("kind")
            let risk = row.risk("risk")
            let rain = row.flag("rain_sensitive")
            let night = row.flag("night_sensitive")
            guard let id, let name, let locality, let kind, let risk, let rain, let night else { return nil }
            return Site(
                id: id, name: name, locality: locality, kind: kind, risk: risk,
                rainSensitive: rain, nightSensitive: night)
        }
    }

    // MARK: references

    /// Checks references from inspectors and sites to units.
    ///
    /// `units` are the units known once the import is applied (those stored plus
    /// those being imported). Reports inspectors whose `department` is not a unit
    /// of kind department, inspectors whose `home_locality` is not a locality, and
    /// sites whose `locality` is not a locality, each at its row's line.
    /// Returns no problems when every reference resolves.
    public static func checkReferences(
        units: some Sequence<Unit>,
        inspectors: [ParsedRecord<Inspector>] = [],
        sites: [ParsedRecord<Site>] = [],
        inspectorsFile: String = "inspectors.csv",
        sitesFile: String = "sites.csv"
    ) -> [ImportProblem] {
        var byId: [String: Unit] = [:]
        for unit in units { byId[unit.id] = unit }
        var problems: [ImportProblem] = []

        func check(_ id: String, wanted: UnitKind, file: String, line: Int, column: String) {
            let kindName = wanted == .department ? "department" : "locality"
            guard let unit = byId[id] else {
                problems.append(
                    ImportProblem(
                        file: file, line: line, column: column, value: id,
                        message: "is not a known unit; import it in units.csv first, or use the id of a \(kindName)"))
                return
            }
            if unit.kind != wanted {
                problems.append(
                    ImportProblem(
                        file: file, line: line, column: column, value: id,
                        message: "is \(unit.name), a \(unit.kind.rawValue), not a \(kindName)"))
            }
        }

        for record in inspectors {
            check(
                record.value.department, wanted: .department, file: inspectorsFile, line: record.line,
                column: "department")
            if let home = record.value.homeLocality {
                check(home, wanted: .locality, file: inspectorsFile, line: record.line, column: "home_locality")
            }
        }
        for record in sites {
            check(record.value.locality, wanted: .locality, file: sitesFile, line: record.line, column: "locality")
        }
        return problems
    }

    // MARK: the table reader

    static func table<Value: Sendable & Identified>(
        _ kind: DirectoryKind, text: String, file: String, makeRecord: (inout RowFields) -> Value?
    ) throws(ImportFailure) -> [ParsedRecord<Value>] {
        try CSVTable.read(
            text: text, file: file, columns: kind.columns, required: kind.columns, noun: kind.rawValue, header: kind.header,
            id: \.id
        ) { row in
            var fields = RowFields(file: row.file, line: row.line, fields: row.fields, columnIndex: row.columnIndex)
            let value = makeRecord(&fields)
            return (value, fields.problems)
        }
    }

    /// Trims white space (including the ideographic space U+3000) at both ends.
    static func trimmed(_ text: String) -> String {
        CSVTable.trimmed(text)
    }
}

/// Records with an id, for the duplicate check.
protocol Identified {
    var id: String { get }
}

extension Unit: Identified {}
extension Inspector: Identified {}
extension Site: Identified {}

/// The trimmed values of one row, with validating accessors that collect problems.
struct RowFields {
    let file: String
    let line: Int
    let fields: [String]
    let columnIndex: [String: Int]
    var problems: [ImportProblem] = []

    static let maximumNameLength = 200

    func raw(_ column: String) -> String { fields[columnIndex[column]!] }

    mutating func problem(_ column: String, _ value: String?, _ message: String) {
        problems.append(ImportProblem(file: file, line: line, column: column, value: value, message: message))
    }

    /// An id: 1–64 of `A-Z a-z 0-9 _ . -`.
    mutating func identifier(_ column: String) -> String? {
        let value = raw(column)
        if value.isEmpty {
            problem(column, nil, "is empty; every row needs an id")
            return nil
        }
        guard ImportValidation.isIdentifier(value) else {
            problem(column, value, "is not a valid id; use 1–64 letters, digits, '_', '.' or '-'")
            return nil
        }
        return value
    }

    /// An optional id: empty is a valid `nil`.
    mutating func optionalIdentifier(_ column: String) -> (isValid: Bool, value: String?) {
        let value = raw(column)
        if value.isEmpty { return (true, nil) }
        guard ImportValidation.isIdentifier(value) else {
            problem(column, value, "is not a valid id; use 1–64 letters, digits, '_', '.' or '-', or leave it empty")
            return (false, nil)
        }
        return (true, value)
    }

    /// A person's or a unit's or a site's name: non-empty, at most 200 characters.
    mutating func name(_ column: String) -> String? {
        let value = raw(column)
        if value.isEmpty {
            problem(column, nil, "is empty; a name is required")
            return nil
        }
        if value.count > Self.maximumNameLength {
            problem(column, value, "is longer than \(Self.maximumNameLength) characters")
            return nil
        }
        return value
    }

    /// A site kind: free text, non-empty, at most 64 characters.
    mutating func siteKind(_ column: String) -> String? {
        let value = raw(column)
        if value.isEmpty {
            problem(column, nil, "is empty; write the kind of site, e.g. 重点企业 or 建筑工地")
            return nil
        }
        if value.count > 64 {
            problem(column, value, "is longer than 64 characters")
            return nil
        }
        return value
    }

    /// `department` or `locality` (also 部门, 属地), case-insensitive.
    mutating func unitKind(_ column: String) -> UnitKind? {
        let value = raw(column)
        switch value.lowercased() {
        case "department", "部门": return .department
        case "locality", "属地": return .locality
        default:
            problem(
                column, value,
                value.isEmpty
                    ? "is empty; use department or locality" : "is not a unit kind; use department or locality")
            return nil
        }
    }

    /// yes/no, also 是/否, true/false, y/n, 1/0, case-insensitive.
    mutating func flag(_ column: String) -> Bool? {
        let value = raw(column)
        if let flag = Self.parseFlag(value) { return flag }
        problem(column, value, value.isEmpty ? "is empty; use yes or no" : "is not yes or no; use yes or no (是/否)")
        return nil
    }

    static func parseFlag(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "yes", "y", "true", "1", "是": true
        case "no", "n", "false", "0", "否": false
        default: nil
        }
    }

    /// A, B or C (also lower case).
    mutating func risk(_ column: String) -> RiskClass? {
        let value = raw(column)
        if let risk = RiskClass(rawValue: value.uppercased()) { return risk }
        problem(column, value, value.isEmpty ? "is empty; use A, B or C" : "is not a risk class; use A, B or C")
        return nil
    }

    /// A phone number: optional leading `+`, then digits with spaces or dashes, 5–20 digits.
    mutating func phone(_ column: String) -> String? {
        let value = raw(column)
        if ImportValidation.isPhoneNumber(value) { return value }
        problem(
            column, value,
            value.isEmpty
                ? "is empty; a phone number is required"
                : "is not a phone number; use 5–20 digits, optionally a leading + and spaces or dashes "
                    + "(e.g. 13800001234 or 022-12345678)")
        return nil
    }
}
