/// One thing wrong with an import file: where it is and what to do about it.
public struct ImportProblem: Error, Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The file name as the user knows it, e.g. `sites.csv`.
    public var file: String
    /// One-based line in the file (the line a record starts on).
    public var line: Int
    /// The column name from the header, when the problem is about one field.
    public var column: String?
    /// The offending value, when there is one to show.
    public var value: String?
    /// What is wrong and, where possible, what to write instead.
    public var message: String

    /// Creates a problem.
    public init(file: String, line: Int, column: String? = nil, value: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        self.message = message
    }

    /// E.g. `sites.csv:14: column "risk": "D" is not a risk class; use A, B or C`.
    public var description: String {
        var text = "\(file):\(line): "
        if let column { text += "column \"\(column)\": " }
        if let value, !value.isEmpty { text += "\(Self.quoted(value)) " }
        return text + message
    }

    /// The value in double quotes, with quotes and line breaks escaped and long values shortened.
    static func quoted(_ value: String) -> String {
        var shown = value
        if shown.count > 60 { shown = String(shown.prefix(57)) + "…" }
        var escaped = ""
        for character in shown {
            switch character {
            case "\"": escaped += "\\\""
            case "\n", "\r\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }
}

/// A rejected import: the problems found (at most ``ImportFailure/limit``) and how
/// many more were left out. Nothing of the file may be applied.
public struct ImportFailure: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    /// How many problems are kept; the rest are only counted.
    public static let limit = 200

    /// The first problems, in file order; never empty.
    public var problems: [ImportProblem]
    /// How many further problems were found but left out.
    public var omittedCount: Int

    /// Keeps the first `limit` problems of `allProblems` (sorted by file and line)
    /// and counts the rest. `allProblems` must not be empty.
    public init(_ allProblems: [ImportProblem], limit: Int = ImportFailure.limit) {
        precondition(!allProblems.isEmpty, "an import failure needs at least one problem")
        let sorted = allProblems.enumerated().sorted { left, right in
            (left.element.file, left.element.line, left.offset) < (right.element.file, right.element.line, right.offset)
        }.map(\.element)
        problems = Array(sorted.prefix(limit))
        omittedCount = max(0, sorted.count - limit)
    }

    enum CodingKeys: String, CodingKey {
        case problems
        case omittedCount = "omitted_count"
    }

    /// One line per problem, then `… and N more problems` when some were left out.
    public var lines: [String] {
        var lines = problems.map(\.description)
        if omittedCount > 0 {
            lines.append("… and \(omittedCount) more problem\(omittedCount == 1 ? "" : "s")")
        }
        return lines
    }

    /// ``lines`` joined by line breaks.
    public var description: String { lines.joined(separator: "\n") }
}
