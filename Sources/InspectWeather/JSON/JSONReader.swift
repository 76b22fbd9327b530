/// A JSON value and where it starts in its text.
///
/// Lines and columns are 1-based; a column counts Unicode scalars, so `"雨"` is one
/// column wide. A line ends at LF, CRLF or a lone CR.
public struct JSONValue: Sendable, Equatable {
    /// What the value is.
    public enum Content: Sendable, Equatable {
        case null
        case bool(Bool)
        /// The number and its literal text as written (`1.50`, `-0`, `2e3`).
        case number(Double, literal: String)
        case string(String)
        case array([JSONValue])
        /// Members in file order; keys are unique (the reader rejects duplicates).
        case object([JSONMember])
    }

    /// What the value is.
    public var content: Content
    /// One-based line of the value's first character.
    public var line: Int
    /// One-based column of the value's first character.
    public var column: Int

    /// Creates a value.
    public init(_ content: Content, line: Int, column: Int) {
        self.content = content
        self.line = line
        self.column = column
    }

    /// The member value for `key` when this is an object that has it.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = content else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The members, when this is an object.
    public var members: [JSONMember]? {
        if case .object(let members) = content { return members }
        return nil
    }

    /// The elements, when this is an array.
    public var elements: [JSONValue]? {
        if case .array(let elements) = content { return elements }
        return nil
    }

    /// The text, when this is a string.
    public var string: String? {
        if case .string(let text) = content { return text }
        return nil
    }

    /// The number, when this is a number.
    public var number: Double? {
        if case .number(let value, _) = content { return value }
        return nil
    }

    /// The number as an integer, when this is a number with an integral value of
    /// magnitude below 2^53 (where every integer is exact in a Double, and no other
    /// literal rounds to it).
    public var exactInteger: Int64? {
        guard let value = number, value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992
        else { return nil }
        return Int64(value)
    }

    /// Whether this is `null`.
    public var isNull: Bool { content == .null }

    /// The kind with an article, for messages: `an object`, `an array`, `a string`,
    /// `a number`, `true`, `false`, `null`.
    public var kindDescription: String {
        switch content {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// A short rendering of a scalar for messages: the string's text, the number's
    /// literal, `true`/`false`/`null`; nil for arrays and objects.
    public var scalarText: String? {
        switch content {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(_, let literal): literal
        case .string(let text): text
        case .array, .object: nil
        }
    }
}

/// One member of a JSON object, with where its key starts.
public struct JSONMember: Sendable, Equatable {
    public var key: String
    /// One-based line of the key's opening quote.
    public var keyLine: Int
    /// One-based column of the key's opening quote.
    public var keyColumn: Int
    public var value: JSONValue

    /// Creates a member.
    public init(key: String, keyLine: Int, keyColumn: Int, value: JSONValue) {
        self.key = key
        self.keyLine = keyLine
        self.keyColumn = keyColumn
        self.value = value
    }
}

/// Text that is not valid JSON, and where.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One-based line of the offending character (for a text cut short: just past its end).
    public var line: Int
    /// One-based column (in Unicode scalars) of the offending character.
    public var column: Int
    /// What is wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// E.g. `line 3, column 14: …`.
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A strict RFC 8259 JSON reader.
///
/// Exactly one value, surrounded by optional white space (space, tab, LF, CR). No
/// comments, no trailing commas, no single quotes, no `NaN`; strings must not hold
/// raw control characters or unpaired surrogate escapes; an object must not repeat
/// a key. Numbers become `Double` (every integer up to 2^53 is exact); a number too
/// large for a `Double` is an error. Nesting deeper than ``maximumDepth`` is an error.
/// A leading byte-order mark is not JSON; remove it before (``TextDecoding`` does).
public enum JSONReader {
    /// Arrays and objects may nest this deep: 32. An Open-Meteo forecast nests 2 deep
    /// (`hourly.precipitation`); the limit keeps a hostile file from using deep recursion.
    public static let maximumDepth = 32

    /// Reads the single value of `text`, or throws the first syntax error.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = Parser(bytes: Array(text.utf8))
        return try parser.document()
    }
}

private struct Parser {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var column = 1
    var depth = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    // MARK: positions

    var atEnd: Bool { index >= bytes.count }
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Moves past one byte, keeping line and column (columns count scalars, so
    /// UTF-8 continuation bytes do not advance the column).
    mutating func advance() {
        let byte = bytes[index]
        index += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte == 0x0D {
            if current != 0x0A {
                line += 1
                column = 1
            }
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: column, message: message)
    }

    func error(line: Int, column: Int, _ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: column, message: message)
    }

    static let cutShort = "the file is cut short; fetch or copy it again"

    mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            advance()
        }
    }

    /// The character at the current position, for messages.
    func currentCharacter() -> String {
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: bytes[index..<min(end, bytes.count)], as: UTF8.self)
        switch text {
        case "\n": return "a line break"
        case "\t": return "a tab"
        case "'": return "\"'\""
        default:
            if let scalar = text.unicodeScalars.first, scalar.value < 0x20 {
                return "control character U+\(Parser.hex4(scalar.value))"
            }
            return "'\(text)'"
        }
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    // MARK: grammar

    mutating func document() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        if atEnd {
            throw error("the file is empty or blank; a JSON file holds one value, such as an object {…}")
        }
        let value = try parseValue()
        skipWhitespace()
        if !atEnd {
            throw error(
                "unexpected \(currentCharacter()) after the end of the JSON value; a JSON file holds exactly one "
                    + "value, remove what follows it or fetch the file again")
        }
        return value
    }

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard let byte = current else {
            throw error("the file ends where a value was expected; \(Parser.cutShort)")
        }
        let startLine = line
        let startColumn = column
        switch byte {
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "\""):
            return JSONValue(.string(try parseString()), line: startLine, column: startColumn)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case UInt8(ascii: "t"):
            try literal("true")
            return JSONValue(.bool(true), line: startLine, column: startColumn)
        case UInt8(ascii: "f"):
            try literal("false")
            return JSONValue(.bool(false), line: startLine, column: startColumn)
        case UInt8(ascii: "n"):
            try literal("null")
            return JSONValue(.null, line: startLine, column: startColumn)
        case UInt8(ascii: "'"):
            throw error("JSON strings are written in double quotes (\"), not single quotes; fix the quotes")
        case UInt8(ascii: "/"):
            throw error("JSON has no comments; remove the comment")
        default:
            throw error(
                "unexpected \(currentCharacter()) where a value should be; write an object, array, string, number, "
                    + "true, false or null")
        }
    }

    mutating func literal(_ word: String) throws(JSONSyntaxError) {
        let startLine = line
        let startColumn = column
        for expected in word.utf8 {
            guard let byte = current else {
                throw error("the file ends inside \"\(word)\"; \(Parser.cutShort)")
            }
            guard byte == expected else {
                throw error(
                    line: startLine, column: startColumn,
                    "unknown word; the only words in JSON are true, false and null (lower case), text needs double "
                        + "quotes")
            }
            advance()
        }
        if let byte = current, Parser.isWordByte(byte) {
            throw error(
                line: startLine, column: startColumn,
                "unknown word; the only words in JSON are true, false and null (lower case), text needs double quotes")
        }
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F || byte >= 0x80
    }

    mutating func enter(_ what: String) throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONReader.maximumDepth {
            throw error("\(what) nests deeper than \(JSONReader.maximumDepth) levels; this is not a forecast file")
        }
    }

    mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        let startLine = line
        let startColumn = column
        try enter("this array")
        advance()  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            advance()
            depth -= 1
            return JSONValue(.array([]), line: startLine, column: startColumn)
        }
        while true {
            skipWhitespace()
            guard !atEnd else {
                throw error(
                    "the file ends inside the array opened at line \(startLine), column \(startColumn); "
                        + Parser.cutShort)
            }
            if current == UInt8(ascii: "]") {
                throw error("a comma before ']' with no value after it; remove the trailing comma")
            }
            elements.append(try parseValue())
            skipWhitespace()
            guard let byte = current else {
                throw error(
                    "the file ends inside the array opened at line \(startLine), column \(startColumn); "
                        + Parser.cutShort)
            }
            if byte == UInt8(ascii: ",") {
                advance()
            } else if byte == UInt8(ascii: "]") {
                advance()
                depth -= 1
                return JSONValue(.array(elements), line: startLine, column: startColumn)
            } else {
                throw error(
                    "unexpected \(currentCharacter()) in the array opened at line \(startLine), column \(startColumn); "
                        + "separate elements with ',' and close the array with ']'")
            }
        }
    }

    mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        let startLine = line
        let startColumn = column
        try enter("this object")
        advance()  // {
        var members: [JSONMember] = []
        var memberIndex: [String: Int] = [:]  // key → position in `members`
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            advance()
            depth -= 1
            return JSONValue(.object([]), line: startLine, column: startColumn)
        }
        while true {
            skipWhitespace()
            guard let byte = current else {
                throw error(
                    "the file ends inside the object opened at line \(startLine), column \(startColumn); "
                        + Parser.cutShort)
            }
            guard byte == UInt8(ascii: "\"") else {
                if byte == UInt8(ascii: "}") {
                    throw error("a comma before '}' with no member after it; remove the trailing comma")
                }
                throw error(
                    "unexpected \(currentCharacter()) where a key was expected; keys are strings in double quotes")
            }
            let keyLine = line
            let keyColumn = column
            let key = try parseString()
            if let index = memberIndex[key] {
                let earlier = members[index]
                throw error(
                    line: keyLine, column: keyColumn,
                    "the key \"\(key)\" appears twice in this object (first at line \(earlier.keyLine), column "
                        + "\(earlier.keyColumn)); keep one")
            }
            skipWhitespace()
            guard let colon = current else {
                throw error(
                    "the file ends inside the object opened at line \(startLine), column \(startColumn); "
                        + Parser.cutShort)
            }
            guard colon == UInt8(ascii: ":") else {
                throw error(
                    "unexpected \(currentCharacter()) after the key \"\(key)\"; write ':' between key and value")
            }
            advance()
            skipWhitespace()
            guard !atEnd else {
                throw error(
                    "the file ends inside the object opened at line \(startLine), column \(startColumn); "
                        + Parser.cutShort)
            }
            let value = try parseValue()
            memberIndex[key] = members.count
            members.append(JSONMember(key: key, keyLine: keyLine, keyColumn: keyColumn, value: value))
            skipWhitespace()
            guard let next = current else {
                throw error(
                    "the file ends inside the object opened at line \(startLine), column \(startColumn); "
                        + Parser.cutShort)
            }
            if next == UInt8(ascii: ",") {
                advance()
            } else if next == UInt8(ascii: "}") {
                advance()
                depth -= 1
                return JSONValue(.object(members), line: startLine, column: startColumn)
            } else {
                throw error(
                    "unexpected \(currentCharacter()) in the object opened at line \(startLine), column "
                        + "\(startColumn); separate members with ',' and close the object with '}'")
            }
        }
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        let startLine = line
        let startColumn = column
        advance()  // opening quote
        var text: [UInt8] = []
        while true {
            guard let byte = current else {
                throw error(
                    "the file ends inside the string opened at line \(startLine), column \(startColumn); "
                        + Parser.cutShort)
            }
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                let escapeLine = line
                let escapeColumn = column
                advance()
                guard let escaped = current else {
                    throw error(
                        "the file ends inside the string opened at line \(startLine), column \(startColumn); "
                            + Parser.cutShort)
                }
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                    text.append(escaped)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    advance()
                    let scalar = try unicodeEscape(line: escapeLine, column: escapeColumn)
                    text.append(contentsOf: Array(String(Character(scalar)).utf8))
                    continue  // unicodeEscape stopped after its last hex digit
                default:
                    let shown =
                        escaped >= 0x21 && escaped < 0x7F
                        ? "\\" + String(UnicodeScalar(escaped)) : "a backslash before \(currentCharacter())"
                    throw error(
                        line: escapeLine, column: escapeColumn,
                        "\(shown) is not a JSON escape; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or "
                            + "\\uXXXX")
                }
                advance()
            default:
                if byte < 0x20 {
                    throw error(
                        "\(currentCharacter()) inside a string; write it as an escape (\\n, \\t or \\uXXXX), or "
                            + "close the string opened at line \(startLine), column \(startColumn)")
                }
                text.append(byte)
                advance()
            }
        }
    }

    /// Reads the four hex digits after `\u` (and a following `\uXXXX` low surrogate
    /// when the first is a high surrogate); stops after the last digit read.
    mutating func unicodeEscape(line escapeLine: Int, column escapeColumn: Int) throws(JSONSyntaxError)
        -> Unicode.Scalar
    {
        let first = try hexQuad(line: escapeLine, column: escapeColumn)
        switch first {
        case 0xD800...0xDBFF:
            guard current == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u")
            else {
                throw error(
                    line: escapeLine, column: escapeColumn,
                    "\\u\(Parser.hex4(first)) is half of a surrogate pair without its second half (\\uDC00–\\uDFFF); "
                        + "write the pair or the character itself")
            }
            let lowLine = line
            let lowColumn = column
            advance()
            advance()
            let second = try hexQuad(line: lowLine, column: lowColumn)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw error(
                    line: lowLine, column: lowColumn,
                    "\\u\(Parser.hex4(second)) does not complete the surrogate pair begun by \\u\(Parser.hex4(first)); "
                        + "write the pair or the character itself")
            }
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
        case 0xDC00...0xDFFF:
            throw error(
                line: escapeLine, column: escapeColumn,
                "\\u\(Parser.hex4(first)) is the second half of a surrogate pair with no first half; "
                    + "write the pair or the character itself")
        default:
            return Unicode.Scalar(first)!
        }
    }

    mutating func hexQuad(line escapeLine: Int, column escapeColumn: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else {
                throw error("the file ends inside a \\u escape; \(Parser.cutShort)")
            }
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default:
                throw error(
                    line: escapeLine, column: escapeColumn,
                    "\\u must be followed by four hex digits (such as \\u96E8); fix the escape")
            }
            value = value * 16 + digit
            advance()
        }
        return value
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let startLine = line
        let startColumn = column
        let start = index
        func isDigit(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }
        if current == UInt8(ascii: "-") { advance() }
        guard isDigit(current) else {
            if atEnd { throw error("the file ends inside a number; \(Parser.cutShort)") }
            throw error("'-' must be followed by digits; write a number such as -1.5")
        }
        if current == UInt8(ascii: "0") {
            advance()
            if isDigit(current) {
                throw error(
                    line: startLine, column: startColumn,
                    "a number must not start with 0 followed by digits; write 7 rather than 07")
            }
        } else {
            while isDigit(current) { advance() }
        }
        if current == UInt8(ascii: ".") {
            advance()
            guard isDigit(current) else {
                if atEnd { throw error("the file ends inside a number; \(Parser.cutShort)") }
                throw error("a decimal point must be followed by digits; write 1.0 or 1, not 1.")
            }
            while isDigit(current) { advance() }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            advance()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
            guard isDigit(current) else {
                if atEnd { throw error("the file ends inside a number; \(Parser.cutShort)") }
                throw error("an exponent must have digits; write 1e3, not 1e")
            }
            while isDigit(current) { advance() }
        }
        if let byte = current, Parser.isWordByte(byte) || byte == UInt8(ascii: ".") {
            throw error("unexpected \(currentCharacter()) in a number; a JSON number is like -12, 0.5 or 3e-2")
        }
        let literal = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(literal), value.isFinite else {
            throw error(
                line: startLine, column: startColumn,
                "the number \(literal) is too large to represent; this is not a forecast value")
        }
        return JSONValue(.number(value, literal: literal), line: startLine, column: startColumn)
    }
}
