import InspectCore

/// `[teams]`: how a joint inspection team (联合巡查组) is made up.
public struct TeamSettings: Sendable, Equatable {
    /// `size`, integer 1...12, default 3: members per team.
    public var size: Int
    /// `min_departments`, integer 1...12, default 2: distinct departments in a team (joint
    /// enforcement, 联合执法); at most `size`.
    public var minDepartments: Int
    /// `min_certified`, integer 0...12, default 2: members holding a law-enforcement
    /// certificate (执法证); at most `size`.
    public var minCertified: Int
    /// `required_departments`, array of `{ period, departments = ["id", ...] }`, default `[]`:
    /// departments every team of a period must include, such as the police (公安) at night:
    /// `{ period = "night", departments = ["police"] }`. Departments are the directory's
    /// department ids; one entry per period, a period of `[roster] periods`, and no more
    /// departments than `size`.
    public var requiredDepartments: [RequiredDepartmentsSetting]

    public init(
        size: Int = 3, minDepartments: Int = 2, minCertified: Int = 2, requiredDepartments: [RequiredDepartmentsSetting] = []
    ) {
        self.size = size
        self.minDepartments = minDepartments
        self.minCertified = minCertified
        self.requiredDepartments = requiredDepartments
    }

    /// The departments every team of `period` must include; empty when there are none.
    public func requiredDepartments(forPeriod period: String) -> [String] {
        requiredDepartments.first { $0.period == period }?.departments ?? []
    }
}

/// Departments every team of one period must include. `[teams] required_departments`.
public struct RequiredDepartmentsSetting: Sendable, Hashable {
    /// `period`: a period id from `[roster] periods`.
    public var period: String
    /// `departments`: the directory's department ids, at least one, each once.
    public var departments: [String]

    public init(period: String, departments: [String]) {
        self.period = period
        self.departments = departments
    }
}

extension TeamSettings: ConfigurationSection {
    static let tableName = "teams"

    static var keys: [ConfigurationKey<Self>] {
        [
            .integer("size", \.size, in: 1...12, unit: "members"),
            .integer("min_departments", \.minDepartments, in: 1...12, unit: "departments"),
            .integer("min_certified", \.minCertified, in: 0...12, unit: "certified officers"),
            .key(
                "required_departments", \.requiredDepartments, decode: RequiredDepartmentsSetting.decode,
                render: RequiredDepartmentsSetting.render),
        ]
    }

    /// The minimums and the required departments fit in a team; required departments name
    /// periods of `[roster]`.
    static func checkAcrossKeys(_ configuration: DaemonConfiguration, _ written: WrittenKeys, _ problems: inout ProblemCollector) {
        let teams = configuration.teams
        let sizeIsSound = written.isSound(tableName, "size")
        let minimums = [
            ("min_departments", teams.minDepartments, "departments"),
            ("min_certified", teams.minCertified, "certified officers"),
        ]
        for (key, minimum, noun) in minimums where sizeIsSound && written.isSound(tableName, key) && minimum > teams.size {
            if let at = written.value(tableName, key) {
                problems.reportInvalid(
                    "\(minimum) is more than teams.size (\(teams.size)): a team of \(teams.size) has at most \(teams.size) \(noun); "
                        + "lower \(key) or raise size",
                    at: at)
            } else if let at = written.value(tableName, "size") {
                problems.reportInvalid(
                    "a team of \(teams.size) cannot have the \(minimum) \(noun) that \(key) asks for by default; "
                        + "raise size to at least \(minimum), or set \(key) lower",
                    at: at)
            }
        }
        guard let entries = written.elements(tableName, "required_departments", decodedAs: teams.requiredDepartments) else { return }
        let periodIDs = written.isSound(RosterSettings.tableName, "periods") ? configuration.roster.periods.map(\.id) : nil
        for (entry, element) in entries {
            if let periodIDs, !periodIDs.contains(entry.period) {
                problems.reportInvalid(
                    "\(TOMLKey.quoted(entry.period)) is not a period in roster.periods; use one of \(ConfigurationID.list(periodIDs))",
                    at: element.table?["period"] ?? element)
            }
            if sizeIsSound, entry.departments.count > teams.size {
                problems.reportInvalid(
                    "\(entry.departments.count) departments are required in period \(TOMLKey.quoted(entry.period)), "
                        + "more than a team of \(teams.size) (teams.size) can hold; require fewer, or raise size",
                    at: element.table?["departments"] ?? element)
            }
        }
    }
}

extension RequiredDepartmentsSetting {
    static let example = "{ period = \"night\", departments = [\"police\"] }"

    static func render(_ entries: [RequiredDepartmentsSetting]) -> String {
        let tables = entries.map { entry in
            "{ period = \(TOMLKey.quoted(entry.period)), departments = [\(entry.departments.map(TOMLKey.quoted).joined(separator: ", "))] }"
        }
        return "[" + tables.joined(separator: ", ") + "]"
    }

    static func decode(_ value: TOMLValue, _ problems: inout ProblemCollector) -> [RequiredDepartmentsSetting]? {
        guard let elements = value.array else {
            problems.reportWrongType(expected: "an array such as [\(example)]", found: value)
            return nil
        }
        var entries: [RequiredDepartmentsSetting] = []
        var valid = true
        /// The line of the entry for each period written so far.
        var lineOfPeriod: [String: Int] = [:]
        for element in elements {
            var reader = InlineTableReader(
                element, noun: "a required-departments entry", fields: ["period", "departments"], example: example, &problems)
            guard reader.isTable else {
                valid = false
                continue
            }
            let period = reader.string("period", &problems)
            let departments = reader.strings("departments", &problems)
            if let (text, at) = period {
                if !ConfigurationID.isValid(text) {
                    reader.invalid(
                        "\(TOMLKey.quoted(text)) is not a period id; use a period's id from roster.periods, such as \"night\"", at: at,
                        &problems)
                } else if let line = lineOfPeriod[text] {
                    reader.invalid(
                        "period \(TOMLKey.quoted(text)) already has required departments on line \(line); list all of them in one entry",
                        at: at, &problems)
                } else {
                    lineOfPeriod[text] = element.line
                }
            }
            if let (list, at) = departments {
                if list.isEmpty {
                    reader.invalid("no departments; name at least one department id, such as [\"police\"]", at: at, &problems)
                }
                var seen: Set<String> = []
                for department in list {
                    if !ImportValidation.isIdentifier(department) {
                        reader.invalid(
                            "\(TOMLKey.quoted(department)) is not a department id; use the department's id from the directory (1–64 letters, digits, '_', '.' or '-')",
                            at: at, &problems)
                    } else if !seen.insert(department).inserted {
                        reader.invalid("the department \(TOMLKey.quoted(department)) is listed twice; list it once", at: at, &problems)
                    }
                }
            }
            guard reader.valid, let (periodText, _) = period, let (list, _) = departments else {
                valid = false
                continue
            }
            entries.append(RequiredDepartmentsSetting(period: periodText, departments: list))
        }
        return valid ? entries : nil
    }
}
