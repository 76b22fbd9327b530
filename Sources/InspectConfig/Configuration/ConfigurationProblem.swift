/// One thing wrong with a configuration file: what, where (file, line, key) and what to do.
///
/// Prints as `/etc/inspectd/inspectd.toml:7: key "daemon.log_level": "loud" is not a log level;
/// use one of trace, debug, info, notice, warning, error, critical`. Syntax errors have a
/// column and no key: `/etc/inspectd/inspectd.toml:12:5: expected '=' after key "socket_path"`.
public struct ConfigurationProblem: Sendable, Equatable, CustomStringConvertible {
    /// A stable code for each kind of problem, for tests and for callers that react to a kind.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// The file is not valid TOML (or defines a key or table twice).
        case syntax = "syntax"
        /// A key the daemon does not know, in a known table.
        case unknownKey = "unknown-key"
        /// A table the daemon does not know.
        case unknownTable = "unknown-table"
        /// A value of the wrong TOML type, such as a number where a string belongs.
        case wrongType = "wrong-type"
        /// A value of the right type that is not allowed, such as a relative path.
        case invalidValue = "invalid-value"
    }

    public var code: Code
    public var file: String
    public var line: Int
    /// Only syntax errors have a column.
    public var column: Int?
    /// The full dotted key (`daemon.log_level`); absent for syntax errors.
    public var key: String?
    public var message: String

    public init(code: Code, file: String, line: Int, column: Int? = nil, key: String?, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    public var description: String {
        var text = "\(file):\(line):"
        if let column { text += "\(column):" }
        if let key { text += " key \"\(key)\":" }
        return text + " " + message
    }
}

/// Every problem found in a configuration file, in file order. Non-empty.
public struct ConfigurationErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [ConfigurationProblem]

    public init(problems: [ConfigurationProblem]) {
        self.problems = problems
    }

    /// One problem per line.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
