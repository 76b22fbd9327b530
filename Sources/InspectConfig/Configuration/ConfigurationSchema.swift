import InspectCalendar

/// The machinery that maps TOML tables onto the configuration structs.
///
/// Each `[table]` is one struct conforming to `ConfigurationSection`, listing its keys once
/// as `ConfigurationKey`s: the key's name, the property it sets, how the value is checked, and
/// how it is written back. Reading, rejecting unknown keys, `rendered()` and
/// `reloadableDifferences(from:)` all follow from that list.
protocol ConfigurationSection: Sendable, Equatable {
    /// The TOML table name, such as `daemon`.
    static var tableName: String { get }
    /// Every key of the table, in the order `rendered()` writes them.
    static var keys: [ConfigurationKey<Self>] { get }
    /// Checks between keys, of this table or of others, run once every table is read (so a
    /// key may name entries of a key written further down). Each problem is reported at the
    /// line of a key the file writes. The default checks nothing.
    static func checkAcrossKeys(_ configuration: DaemonConfiguration, _ written: WrittenKeys, _ problems: inout ProblemCollector)
}

extension ConfigurationSection {
    static func checkAcrossKeys(_ configuration: DaemonConfiguration, _ written: WrittenKeys, _ problems: inout ProblemCollector) {}
}

/// What the file wrote, for the checks between keys that run once every table is read.
struct WrittenKeys {
    let root: TOMLTable
    /// The dotted keys (`roster.coverage.period`) and tables that had a problem while read.
    private let troubledKeys: [String]

    init(root: TOMLTable, problems: [ConfigurationProblem]) {
        self.root = root
        troubledKeys = problems.compactMap(\.key)
    }

    /// The value the file gives `table.key`, or nil when it leaves the key out (the default holds).
    func value(_ table: String, _ key: String) -> TOMLValue? {
        root[table]?.table?[key]
    }

    /// Whether `table.key` holds what the file means: written and read without a problem, or
    /// left out so the default holds. A check between keys skips keys that are not sound, so
    /// one mistake is reported once.
    func isSound(_ table: String, _ key: String) -> Bool {
        let dotted = TOMLKey.dotted([table, key])
        return !troubledKeys.contains { $0 == table || $0 == dotted || $0.hasPrefix(dotted + ".") }
    }

    /// The entries of an array key as written, each with what it decoded to; nil when the key
    /// is left out or not sound. `decoded` is the property the key set.
    func elements<Element>(_ table: String, _ key: String, decodedAs decoded: [Element]) -> [(Element, TOMLValue)]? {
        guard isSound(table, key), let array = value(table, key)?.array, array.count == decoded.count else { return nil }
        return Array(zip(decoded, array))
    }
}

/// The ids the configuration itself defines (periods, zones, escalation steps): 1 to 32
/// lowercase letters, digits, `-` and `_`.
enum ConfigurationID {
    static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 32
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// Ids quoted for a message: `"day", "evening" and "night"`.
    static func list(_ ids: [String]) -> String {
        let quoted = ids.map(TOMLKey.quoted)
        guard let last = quoted.last else { return "none" }
        return quoted.count == 1 ? last : quoted.dropLast().joined(separator: ", ") + " and " + last
    }
}

/// Paths in the configuration that may be relative to another configured directory.
public enum ConfigurationPaths {
    /// `path` itself when absolute, else `path` inside `directory`.
    public static func resolve(_ path: String, under directory: String) -> String {
        if path.hasPrefix("/") { return path }
        return (directory.hasSuffix("/") ? directory : directory + "/") + path
    }
}

/// Collects problems while values are read.
struct ProblemCollector {
    let file: String
    private(set) var problems: [ConfigurationProblem] = []

    init(file: String) {
        self.file = file
    }

    mutating func report(_ code: ConfigurationProblem.Code, _ message: String, at value: TOMLValue) {
        problems.append(
            ConfigurationProblem(code: code, file: file, line: value.line, key: value.key, message: message))
    }

    mutating func reportInvalid(_ message: String, at value: TOMLValue) {
        report(.invalidValue, message, at: value)
    }

    mutating func reportWrongType(expected: String, found value: TOMLValue) {
        report(.wrongType, "expected \(expected), found \(value.typeDescription)", at: value)
    }

    mutating func append(_ problem: ConfigurationProblem) {
        problems.append(problem)
    }
}

/// One key of a configuration table.
struct ConfigurationKey<Section> {
    let name: String
    /// A changed value takes effect only after a restart (a reload cannot apply it).
    let requiresRestart: Bool
    /// Sets the property from the value, or reports why it cannot (leaving the default).
    let read: (inout Section, TOMLValue, inout ProblemCollector) -> Void
    /// The value as a TOML literal.
    let render: (Section) -> String

    /// A key whose value `decode` turns into the property's type, or returns nil after
    /// reporting the problem.
    static func key<Value>(
        _ name: String,
        _ property: WritableKeyPath<Section, Value>,
        requiresRestart: Bool = false,
        decode: @escaping (TOMLValue, inout ProblemCollector) -> Value?,
        render: @escaping (Value) -> String
    ) -> Self {
        ConfigurationKey(
            name: name,
            requiresRestart: requiresRestart,
            read: { section, value, problems in
                if let decoded = decode(value, &problems) { section[keyPath: property] = decoded }
            },
            render: { render($0[keyPath: property]) }
        )
    }

    /// A string, accepted when `check` returns nil; otherwise `check` says what is wrong.
    static func string(
        _ name: String,
        _ property: WritableKeyPath<Section, String>,
        requiresRestart: Bool = false,
        check: @escaping (String) -> String?
    ) -> Self {
        key(
            name, property, requiresRestart: requiresRestart,
            decode: { value, problems in
                guard let text = value.string else {
                    problems.reportWrongType(expected: "a string", found: value)
                    return nil
                }
                if let message = check(text) {
                    problems.reportInvalid(message, at: value)
                    return nil
                }
                return text
            },
            render: TOMLKey.quoted)
    }

    /// An absolute path, such as `/var/lib/inspectd`.
    static func absolutePath(
        _ name: String,
        _ property: WritableKeyPath<Section, String>,
        requiresRestart: Bool = false,
        maximumBytes: Int? = nil
    ) -> Self {
        string(name, property, requiresRestart: requiresRestart) { path in
            if path.isEmpty { return "the path is empty; use an absolute path" }
            if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                return "\(TOMLKey.quoted(path)) contains a control character; use a plain absolute path"
            }
            if !path.hasPrefix("/") {
                return
                    "\(TOMLKey.quoted(path)) is a relative path; use an absolute path such as \(TOMLKey.quoted("/" + path))"
            }
            if let maximumBytes, path.utf8.count > maximumBytes {
                return
                    "\(TOMLKey.quoted(path)) is \(path.utf8.count) bytes long; a Unix socket path can be at most \(maximumBytes) bytes"
            }
            return nil
        }
    }

    /// A directory given absolutely or relative to another configured directory (no `..`).
    static func relativeOrAbsolutePath(
        _ name: String, _ property: WritableKeyPath<Section, String>, requiresRestart: Bool = false, example: String
    ) -> Self {
        string(name, property, requiresRestart: requiresRestart) { path in
            if path.isEmpty { return "the path is empty; use a directory name such as \(TOMLKey.quoted(example)) or an absolute path" }
            if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                return "\(TOMLKey.quoted(path)) contains a control character; use a plain path"
            }
            if path.split(separator: "/").contains("..") { return "\(TOMLKey.quoted(path)) contains \"..\"; use a path without it" }
            return nil
        }
    }

    /// A whole number within `range`.
    static func integer(
        _ name: String, _ property: WritableKeyPath<Section, Int>, in range: ClosedRange<Int>, unit: String
    ) -> Self {
        key(
            name, property,
            decode: { value, problems in
                guard let number = value.integer else {
                    problems.reportWrongType(expected: "an integer", found: value)
                    return nil
                }
                guard let number = Int(exactly: number), range.contains(number) else {
                    problems.reportInvalid(
                        "\(number) is out of range; use a whole number of \(unit) from \(range.lowerBound) to \(range.upperBound)",
                        at: value)
                    return nil
                }
                return number
            },
            render: { String($0) })
    }

    /// A number within `range`, written as an integer or a float.
    static func decimal(
        _ name: String, _ property: WritableKeyPath<Section, Double>, in range: ClosedRange<Double>, unit: String
    ) -> Self {
        key(
            name, property,
            decode: { value, problems in
                guard let number = value.float ?? value.integer.map(Double.init) else {
                    problems.reportWrongType(expected: "a number", found: value)
                    return nil
                }
                guard number.isFinite, range.contains(number) else {
                    problems.reportInvalid(
                        "\(number) is out of range; use a number of \(unit) from \(TOMLKey.number(range.lowerBound)) to \(TOMLKey.number(range.upperBound))",
                        at: value)
                    return nil
                }
                return number
            },
            render: TOMLKey.number)
    }

    /// A local time of day, `"HH:MM"` from 00:00 to 23:59, held as minutes after midnight.
    static func timeOfDay(_ name: String, _ property: WritableKeyPath<Section, Int>, example: String) -> Self {
        key(
            name, property,
            decode: { value, problems in
                guard let text = value.string else {
                    problems.reportWrongType(expected: "a time of day in quotes, such as \(TOMLKey.quoted(example))", found: value)
                    return nil
                }
                guard let minute = PlanningPeriod.minute(fromClock: text), minute < 1440 else {
                    problems.reportInvalid(
                        "\(TOMLKey.quoted(text)) is not a time of day; write HH:MM, such as \(TOMLKey.quoted(example))", at: value)
                    return nil
                }
                return minute
            },
            render: { TOMLKey.quoted(PlanningPeriod.clock($0)) })
    }

    static func boolean(_ name: String, _ property: WritableKeyPath<Section, Bool>) -> Self {
        key(
            name, property,
            decode: { value, problems in
                guard let flag = value.boolean else {
                    problems.reportWrongType(expected: "a boolean (true or false, without quotes)", found: value)
                    return nil
                }
                return flag
            },
            render: { $0 ? "true" : "false" })
    }

    /// One of an enumeration's raw values, such as a log level.
    static func choice<Choice: RawRepresentable & CaseIterable>(
        _ name: String,
        _ property: WritableKeyPath<Section, Choice>,
        describedAs noun: String
    ) -> Self where Choice.RawValue == String {
        key(
            name, property,
            decode: { value, problems in
                guard let text = value.string else {
                    problems.reportWrongType(expected: "a string", found: value)
                    return nil
                }
                guard let choice = Choice(rawValue: text) else {
                    let choices = Choice.allCases.map(\.rawValue).joined(separator: ", ")
                    problems.reportInvalid("\(TOMLKey.quoted(text)) is not \(noun); use one of \(choices)", at: value)
                    return nil
                }
                return choice
            },
            render: { TOMLKey.quoted($0.rawValue) })
    }
}

/// A `[table]` of `DaemonConfiguration`, with the property that holds it.
struct ConfigurationSectionEntry {
    let tableName: String
    let keyNames: [String]
    let read: (inout DaemonConfiguration, TOMLValue, inout ProblemCollector) -> Void
    /// `(key, TOML literal)` for every key, in order.
    let render: (DaemonConfiguration) -> [(key: String, literal: String)]
    /// `(key, TOML literal)` for the keys that need a restart.
    let restartValues: (DaemonConfiguration) -> [(key: String, literal: String)]
    /// The table's checks between keys, run once every table is read.
    let checkAcrossKeys: (DaemonConfiguration, WrittenKeys, inout ProblemCollector) -> Void

    init<Section: ConfigurationSection>(_ property: WritableKeyPath<DaemonConfiguration, Section>) {
        let keys = Section.keys
        let tableName = Section.tableName
        self.tableName = tableName
        keyNames = keys.map(\.name)
        read = { configuration, value, problems in
            guard let table = value.table else {
                problems.reportWrongType(expected: "a table ([\(tableName)])", found: value)
                return
            }
            var section = configuration[keyPath: property]
            for (name, entry) in table.entries {
                if let key = keys.first(where: { $0.name == name }) {
                    key.read(&section, entry, &problems)
                } else {
                    problems.reportUnknown(entry, among: keys.map(\.name))
                }
            }
            configuration[keyPath: property] = section
        }
        render = { configuration in
            keys.map { ($0.name, $0.render(configuration[keyPath: property])) }
        }
        restartValues = { configuration in
            keys.filter(\.requiresRestart).map {
                ("\(tableName).\($0.name)", $0.render(configuration[keyPath: property]))
            }
        }
        checkAcrossKeys = Section.checkAcrossKeys
    }
}

extension ProblemCollector {
    /// An unknown key or table, with a suggestion when the name is close to a known one.
    mutating func reportUnknown(_ value: TOMLValue, among known: [String]) {
        let isTable = value.table != nil
        var message = isTable ? "unknown table" : "unknown key"
        if let name = value.keyPath.last, let suggestion = closestName(to: name, among: known) {
            message += " (did you mean \"\(suggestion)\"?)"
        }
        message += "; see deploy/inspectd.toml for the keys"
        report(isTable ? .unknownTable : .unknownKey, message, at: value)
    }

    private func closestName(to name: String, among known: [String]) -> String? {
        let scored = known.map { ($0, editDistance(Array(name.lowercased()), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, best.0.count / 3) else { return nil }
        return best.0
    }

    private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var row = [i + 1]
            for (j, y) in b.enumerated() {
                row.append(Swift.min(previous[j + 1] + 1, row[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = row
        }
        return previous[b.count]
    }
}
