/// Reads the fields of one inline table (`{ id = "day", start = "08:00" }`) or one table of
/// an array of tables, reporting unknown, missing and mistyped fields at their positions.
struct InlineTableReader {
    let table: TOMLTable
    /// Where to report a missing field: the table itself.
    let element: TOMLValue
    /// `a period`, `a step`: for messages.
    let noun: String
    /// The fields, in the order messages list them.
    let fields: [String]
    /// An example of the whole table, for messages.
    let example: String
    private(set) var valid = true
    /// False when the value is not a table at all (nothing more to check).
    private(set) var isTable = true

    init(_ element: TOMLValue, noun: String, fields: [String], example: String, _ problems: inout ProblemCollector) {
        self.element = element
        self.noun = noun
        self.fields = fields
        self.example = example
        guard let table = element.table else {
            problems.reportWrongType(expected: "a table such as \(example)", found: element)
            self.table = TOMLTable()
            valid = false
            isTable = false
            return
        }
        self.table = table
        for (key, entry) in table.entries where !fields.contains(key) {
            problems.report(
                .unknownKey,
                "unknown key \(TOMLKey.quoted(key)) in \(noun); \(noun) has \(fields.joined(separator: ", "))", at: entry)
            valid = false
        }
    }

    mutating func invalid(_ message: String, at value: TOMLValue, _ problems: inout ProblemCollector) {
        problems.reportInvalid(message, at: value)
        valid = false
    }

    private mutating func entry(_ key: String, required: Bool, _ problems: inout ProblemCollector) -> TOMLValue? {
        guard let value = table[key] else {
            if required {
                problems.reportInvalid("\(noun) needs \(key), such as \(example)", at: element)
                valid = false
            }
            return nil
        }
        return value
    }

    mutating func string(_ key: String, required: Bool = true, _ problems: inout ProblemCollector) -> (String, TOMLValue)? {
        guard let value = entry(key, required: required, &problems) else { return nil }
        guard let text = value.string else {
            problems.reportWrongType(expected: "a string", found: value)
            valid = false
            return nil
        }
        return (text, value)
    }

    mutating func integer(_ key: String, required: Bool = true, _ problems: inout ProblemCollector) -> (Int, TOMLValue)? {
        guard let value = entry(key, required: required, &problems) else { return nil }
        guard let number = value.integer, let int = Int(exactly: number) else {
            problems.reportWrongType(expected: "an integer", found: value)
            valid = false
            return nil
        }
        return (int, value)
    }

    mutating func strings(_ key: String, required: Bool = true, _ problems: inout ProblemCollector) -> ([String], TOMLValue)? {
        guard let value = entry(key, required: required, &problems) else { return nil }
        guard let array = value.array, let texts = Optional(array.compactMap(\.string)), texts.count == array.count else {
            problems.reportWrongType(expected: "an array of strings", found: value)
            valid = false
            return nil
        }
        return (texts, value)
    }
}
