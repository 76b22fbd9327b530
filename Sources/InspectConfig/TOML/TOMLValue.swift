/// Where something sits in a TOML file: 1-based line, and 1-based column counted in
/// characters (Unicode scalars), so a column points at the right place in a line of Chinese text.
public struct TOMLPosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// One value of a parsed TOML document, with where it was written and under which key.
///
/// `keyPath` is the full path from the document root (`["daemon", "log_level"]`); elements of
/// an array carry the array's path, tables from `[[array of tables]]` carry the array's path.
public struct TOMLValue: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        case dateTime(TOMLDateTime)
        case array([TOMLValue])
        case table(TOMLTable)
    }

    public var kind: Kind
    public var position: TOMLPosition
    public var keyPath: [String]

    public init(_ kind: Kind, position: TOMLPosition, keyPath: [String]) {
        self.kind = kind
        self.position = position
        self.keyPath = keyPath
    }

    public var line: Int { position.line }

    /// The key path as written in TOML: `daemon.log_level`, quoting segments that are not bare keys.
    public var key: String { TOMLKey.dotted(keyPath) }

    /// The value's type with an article, for messages: "a string", "an integer", "a local date".
    public var typeDescription: String {
        switch kind {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a float"
        case .boolean: "a boolean"
        case .dateTime(let value): value.typeDescription
        case .array: "an array"
        case .table: "a table"
        }
    }

    public var string: String? {
        if case .string(let value) = kind { value } else { nil }
    }

    public var integer: Int64? {
        if case .integer(let value) = kind { value } else { nil }
    }

    public var float: Double? {
        if case .float(let value) = kind { value } else { nil }
    }

    public var boolean: Bool? {
        if case .boolean(let value) = kind { value } else { nil }
    }

    public var dateTime: TOMLDateTime? {
        if case .dateTime(let value) = kind { value } else { nil }
    }

    public var array: [TOMLValue]? {
        if case .array(let value) = kind { value } else { nil }
    }

    public var table: TOMLTable? {
        if case .table(let value) = kind { value } else { nil }
    }
}

/// A TOML table: keys in the order they were first written, each with its value.
public struct TOMLTable: Sendable, Equatable {
    /// The keys in document order.
    public private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]

    public init() {}

    public subscript(key: String) -> TOMLValue? { values[key] }

    /// The entries in document order.
    public var entries: [(key: String, value: TOMLValue)] {
        keys.map { ($0, values[$0]!) }
    }

    public var isEmpty: Bool { keys.isEmpty }
    public var count: Int { keys.count }

    mutating func append(_ key: String, _ value: TOMLValue) {
        precondition(values[key] == nil, "duplicate TOML key \(key)")
        keys.append(key)
        values[key] = value
    }
}

/// A TOML date, time or date-time, kept as its components (TOML 1.0's offset date-time,
/// local date-time, local date and local time). No calendar or time zone arithmetic here.
public struct TOMLDateTime: Sendable, Hashable, CustomStringConvertible {
    public struct Date: Sendable, Hashable {
        public var year: Int
        public var month: Int
        public var day: Int

        public init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }
    }

    public struct Time: Sendable, Hashable {
        public var hour: Int
        public var minute: Int
        public var second: Int
        /// Fractional seconds in nanoseconds; digits beyond the ninth are dropped.
        public var nanosecond: Int

        public init(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
            self.hour = hour
            self.minute = minute
            self.second = second
            self.nanosecond = nanosecond
        }
    }

    /// Absent for a local time.
    public var date: Date?
    /// Absent for a local date.
    public var time: Time?
    /// Offset from UTC in minutes (`Z` is 0); absent for local values.
    public var offsetMinutes: Int?

    public init(date: Date?, time: Time?, offsetMinutes: Int? = nil) {
        precondition(date != nil || time != nil, "a TOML date-time needs a date or a time")
        precondition(offsetMinutes == nil || (date != nil && time != nil), "only a full date-time has an offset")
        self.date = date
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    public var typeDescription: String {
        switch (date, time, offsetMinutes) {
        case (.some, .some, .some): "an offset date-time"
        case (.some, .some, .none): "a local date-time"
        case (.some, .none, _): "a local date"
        default: "a local time"
        }
    }

    /// The RFC 3339 form TOML writes: `1979-05-27T07:32:00.5+08:00`.
    public var description: String {
        var text = ""
        if let date {
            text += pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
        }
        if let time {
            if date != nil { text += "T" }
            text += pad(time.hour, 2) + ":" + pad(time.minute, 2) + ":" + pad(time.second, 2)
            if time.nanosecond > 0 {
                var fraction = pad(time.nanosecond, 9)
                while fraction.hasSuffix("0") { fraction.removeLast() }
                text += "." + fraction
            }
        }
        if let offsetMinutes {
            if offsetMinutes == 0 {
                text += "Z"
            } else {
                let magnitude = abs(offsetMinutes)
                text += (offsetMinutes < 0 ? "-" : "+") + pad(magnitude / 60, 2) + ":" + pad(magnitude % 60, 2)
            }
        }
        return text
    }

    private func pad(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// How keys and strings are written back as TOML.
enum TOMLKey {
    /// A float as a TOML literal that reads back to the same value: `2.0`, `0.5`.
    static func number(_ value: Double) -> String {
        let text = "\(value)"
        return text.contains(".") || text.contains("e") || text.contains("n") || text.contains("i") ? text : text + ".0"
    }

    static func isBare(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy(isBareKeyByte)
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    static func dotted(_ path: [String]) -> String {
        path.map { isBare($0) ? $0 : quoted($0) }.joined(separator: ".")
    }

    /// A TOML basic string: quotes, backslashes and control characters escaped; other text,
    /// Chinese included, written as is.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
