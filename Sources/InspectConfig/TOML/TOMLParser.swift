/// A recursive-descent TOML 1.0 parser over UTF-8 bytes.
///
/// Tables are built as mutable builders first, because TOML's rules on defining a table twice
/// depend on how each table came to exist (a `[header]`, a path through a header, a dotted key,
/// an inline table); the finished tree is then frozen into `TOMLTable` values.
struct TOMLParser {
    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1
    private var lineStart = 0

    private let root: TableBuilder
    private var current: TableBuilder
    /// Arrays and inline tables currently open, bounded so hostile input cannot exhaust the stack.
    private var nesting = 0
    static let maximumNesting = 100

    init(text: String, file: String) {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        self.bytes = bytes
        self.file = file
        root = TableBuilder(origin: .header, position: TOMLPosition(line: 1, column: 1), keyPath: [])
        current = root
    }

    // MARK: document structure

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        while index < bytes.count {
            skipWhitespace()
            switch peek() {
            case ascii("["):
                try parseTableHeader()
                try finishLine(after: "the table header")
            case nil, ascii("#"), ascii("\n"), ascii("\r"):
                try finishLine(after: "the comment")  // a blank or comment-only line
            default:
                try parseKeyValue(into: current)
                try finishLine(after: "the value")
            }
        }
        return root.frozen()
    }

    /// After an expression: optional whitespace and comment, then a newline or the end.
    private mutating func finishLine(after what: String) throws(TOMLError) {
        skipWhitespace()
        if peek() == ascii("#") { try skipComment() }
        guard let byte = peek() else { return }
        if byte == ascii("\n") || byte == ascii("\r") {
            try consumeNewline()
        } else {
            throw error("expected a new line after \(what), found \(describe(byte))")
        }
    }

    private mutating func parseTableHeader() throws(TOMLError) {
        let position = here()
        index += 1
        let isArray = peek() == ascii("[")
        if isArray { index += 1 }
        let segments = try parseKey()
        let path = segments.map(\.name)
        let shown = isArray ? "[[\(TOMLKey.dotted(path))]]" : "[\(TOMLKey.dotted(path))]"
        guard peek() == ascii("]") else {
            throw error("expected '\(isArray ? "]]" : "]")' to close table header \(shown)")
        }
        index += 1
        if isArray {
            guard peek() == ascii("]") else { throw error("expected ']]' to close array of tables \(shown)") }
            index += 1
        }

        var table = root
        for segment in segments.dropLast() {
            switch table.entries[segment.name] {
            case nil:
                let created = TableBuilder(
                    origin: .implicit, position: segment.position, keyPath: table.keyPath + [segment.name])
                table.insert(segment.name, .table(created))
                table = created
            case .table(let existing):
                table = existing
            case .tableArray(let array):
                table = array.tables[array.tables.count - 1]
            case .value(let value):
                throw error(
                    "cannot define table \(shown): key \"\(value.key)\" is already \(value.typeDescription) (line \(value.line))",
                    at: segment.position)
            }
        }
        let last = segments[segments.count - 1]
        let keyPath = table.keyPath + [last.name]
        let existing = table.entries[last.name]
        if isArray {
            switch existing {
            case nil:
                let array = TableArrayBuilder(position: last.position, keyPath: keyPath)
                table.insert(last.name, .tableArray(array))
                current = array.appendTable(position: last.position)
            case .tableArray(let array):
                current = array.appendTable(position: last.position)
            case .table(let existing):
                throw error(
                    "cannot define array of tables \(shown): [\(TOMLKey.dotted(keyPath))] is already a table (line \(existing.position.line))",
                    at: position)
            case .value(let value):
                throw error(
                    "cannot define array of tables \(shown): key \"\(value.key)\" is already \(value.typeDescription) (line \(value.line))",
                    at: position)
            }
        } else {
            switch existing {
            case nil:
                let created = TableBuilder(origin: .header, position: last.position, keyPath: keyPath)
                table.insert(last.name, .table(created))
                current = created
            case .table(let existing) where existing.origin == .implicit:
                existing.origin = .header
                existing.position = last.position
                current = existing
            case .table(let existing):
                let how = existing.origin == .dotted ? "by dotted keys " : ""
                throw error(
                    "table \(shown) is defined twice; it was already defined \(how)at line \(existing.position.line)",
                    at: position)
            case .tableArray(let array):
                throw error(
                    "cannot define table \(shown): it is already an array of tables (line \(array.position.line))",
                    at: position)
            case .value(let value):
                throw error(
                    "cannot define table \(shown): key \"\(value.key)\" is already \(value.typeDescription) (line \(value.line))",
                    at: position)
            }
        }
    }

    /// `key = value`, the key possibly dotted, relative to `table`.
    private mutating func parseKeyValue(into table: TableBuilder) throws(TOMLError) {
        let segments = try parseKey()
        let path = table.keyPath + segments.map(\.name)
        guard peek() == ascii("=") else {
            let found = peek().map(describe) ?? "the end of the file"
            throw error("expected '=' after key \"\(TOMLKey.dotted(segments.map(\.name)))\", found \(found)")
        }
        index += 1
        skipWhitespace()
        let value = try parseValue(keyPath: path)

        var target = table
        for segment in segments.dropLast() {
            switch target.entries[segment.name] {
            case nil:
                let created = TableBuilder(
                    origin: .dotted, position: segment.position, keyPath: target.keyPath + [segment.name])
                target.insert(segment.name, .table(created))
                target = created
            case .table(let existing) where existing.origin == .dotted:
                target = existing
            case .table(let existing):
                throw error(
                    "cannot add key \"\(TOMLKey.dotted(path))\": table [\(TOMLKey.dotted(existing.keyPath))] was already defined at line \(existing.position.line); add the key under that table",
                    at: segment.position)
            case .tableArray(let array):
                throw error(
                    "cannot add key \"\(TOMLKey.dotted(path))\": \"\(TOMLKey.dotted(array.keyPath))\" is an array of tables (line \(array.position.line))",
                    at: segment.position)
            case .value(let existing):
                throw error(
                    "cannot add key \"\(TOMLKey.dotted(path))\": key \"\(existing.key)\" is already \(existing.typeDescription) (line \(existing.line))",
                    at: segment.position)
            }
        }
        let last = segments[segments.count - 1]
        if let existing = target.entries[last.name] {
            throw error(
                "key \"\(TOMLKey.dotted(path))\" is defined twice; it was first defined at line \(existing.line)",
                at: last.position)
        }
        target.insert(last.name, .value(value))
    }

    // MARK: keys

    private struct KeySegment {
        var name: String
        var position: TOMLPosition
    }

    /// A simple or dotted key, with the whitespace around it.
    private mutating func parseKey() throws(TOMLError) -> [KeySegment] {
        var segments: [KeySegment] = []
        while true {
            skipWhitespace()
            let position = here()
            let name: String
            switch peek() {
            case ascii("\""):
                if peek(1) == ascii("\""), peek(2) == ascii("\"") {
                    throw error("a key cannot be a multi-line string")
                }
                name = try parseBasicString()
            case ascii("'"):
                if peek(1) == ascii("'"), peek(2) == ascii("'") {
                    throw error("a key cannot be a multi-line string")
                }
                name = try parseLiteralString()
            default:
                let start = index
                while let byte = peek(), TOMLKey.isBareKeyByte(byte) { index += 1 }
                guard index > start else {
                    let found = peek().map(describe) ?? "the end of the file"
                    throw error(
                        "expected a key, found \(found); bare keys use only A-Z a-z 0-9 _ -, other keys need quotes")
                }
                name = String(decoding: bytes[start..<index], as: UTF8.self)
            }
            segments.append(KeySegment(name: name, position: position))
            skipWhitespace()
            guard peek() == ascii(".") else { return segments }
            index += 1
        }
    }

    // MARK: values

    private mutating func parseValue(keyPath: [String]) throws(TOMLError) -> TOMLValue {
        let position = here()
        guard let byte = peek(), byte != ascii("\n"), byte != ascii("\r"), byte != ascii("#") else {
            throw error("expected a value for key \"\(TOMLKey.dotted(keyPath))\"")
        }
        let kind: TOMLValue.Kind
        switch byte {
        case ascii("\""):
            kind = .string(
                peek(1) == ascii("\"") && peek(2) == ascii("\"")
                    ? try parseMultilineBasicString() : try parseBasicString())
        case ascii("'"):
            kind = .string(
                peek(1) == ascii("'") && peek(2) == ascii("'")
                    ? try parseMultilineLiteralString() : try parseLiteralString())
        case ascii("["), ascii("{"):
            guard nesting < Self.maximumNesting else {
                throw error("arrays and inline tables are nested more than \(Self.maximumNesting) deep")
            }
            nesting += 1
            defer { nesting -= 1 }
            kind =
                byte == ascii("[")
                ? .array(try parseArray(keyPath: keyPath))
                : .table(try parseInlineTable(keyPath: keyPath, position: position))
        case ascii("0")...ascii("9"), ascii("+"), ascii("-"):
            kind = try parseNumberOrDateTime()
        case ascii("a")...ascii("z"), ascii("A")...ascii("Z"):
            kind = try parseWord(keyPath: keyPath)
        default:
            throw error("expected a value for key \"\(TOMLKey.dotted(keyPath))\", found \(describe(byte))")
        }
        return TOMLValue(kind, position: position, keyPath: keyPath)
    }

    /// `true`, `false`, `inf`, `nan`; any other bare word is most likely text without quotes
    /// (`log_level = info`), so say so.
    private mutating func parseWord(keyPath: [String]) throws(TOMLError) -> TOMLValue.Kind {
        let position = here()
        let start = index
        while let byte = peek(), TOMLKey.isBareKeyByte(byte) { index += 1 }
        let word = String(decoding: bytes[start..<index], as: UTF8.self)
        switch word {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "inf": return .float(.infinity)
        case "nan": return .float(.nan)
        default:
            throw error(
                "expected a value for key \"\(TOMLKey.dotted(keyPath))\", found \(word); text needs quotes: \(TOMLKey.quoted(word))",
                at: position)
        }
    }

    private mutating func parseArray(keyPath: [String]) throws(TOMLError) -> [TOMLValue] {
        index += 1
        var elements: [TOMLValue] = []
        while true {
            try skipWhitespaceCommentsAndNewlines()
            if peek() == ascii("]") {
                index += 1
                return elements
            }
            guard peek() != nil else { throw error("unterminated array; expected ']'") }
            elements.append(try parseValue(keyPath: keyPath))
            try skipWhitespaceCommentsAndNewlines()
            switch peek() {
            case ascii(","):
                index += 1
            case ascii("]"):
                index += 1
                return elements
            case nil:
                throw error("unterminated array; expected ']'")
            case let byte?:
                throw error("expected ',' or ']' in array, found \(describe(byte))")
            }
        }
    }

    private mutating func parseInlineTable(keyPath: [String], position: TOMLPosition) throws(TOMLError) -> TOMLTable {
        index += 1
        let table = TableBuilder(origin: .inline, position: position, keyPath: keyPath)
        skipWhitespace()
        if peek() == ascii("}") {
            index += 1
            return table.frozen()
        }
        while true {
            try parseKeyValue(into: table)
            skipWhitespace()
            switch peek() {
            case ascii(","):
                index += 1
                skipWhitespace()
                if peek() == ascii("}") { throw error("an inline table cannot end with a comma") }
            case ascii("}"):
                index += 1
                return table.frozen()
            case ascii("\n"), ascii("\r"), nil:
                throw error("an inline table must close with '}' on the same line")
            case let byte?:
                throw error("expected ',' or '}' in inline table, found \(describe(byte))")
            }
        }
    }

    // MARK: strings

    private mutating func parseBasicString() throws(TOMLError) -> String {
        index += 1
        var result: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error("unterminated string; expected '\"'") }
            switch byte {
            case ascii("\""):
                index += 1
                return String(decoding: result, as: UTF8.self)
            case ascii("\\"):
                try appendEscape(to: &result)
            case ascii("\n"), ascii("\r"):
                throw error(
                    "unterminated string; a \"basic string\" must end on its line (use \"\"\" for several lines)")
            default:
                try checkNotControl(byte, in: "a string")
                result.append(byte)
                index += 1
            }
        }
    }

    private mutating func parseLiteralString() throws(TOMLError) -> String {
        index += 1
        let start = index
        while true {
            guard let byte = peek() else { throw error("unterminated string; expected \"'\"") }
            switch byte {
            case ascii("'"):
                defer { index += 1 }
                return String(decoding: bytes[start..<index], as: UTF8.self)
            case ascii("\n"), ascii("\r"):
                throw error("unterminated string; a 'literal string' must end on its line (use ''' for several lines)")
            default:
                try checkNotControl(byte, in: "a string")
                index += 1
            }
        }
    }

    private mutating func parseMultilineBasicString() throws(TOMLError) -> String {
        index += 3
        try skipNewlineRightAfterOpeningQuotes()
        var result: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error("unterminated multi-line string; expected '\"\"\"'") }
            switch byte {
            case ascii("\""):
                if let closing = try closingQuotes(ascii("\"")) {
                    result.append(contentsOf: repeatElement(ascii("\""), count: closing))
                    return String(decoding: result, as: UTF8.self)
                }
                result.append(byte)
                index += 1
            case ascii("\\"):
                if isLineEndingBackslash() {
                    index += 1
                    while let next = peek(),
                        next == ascii(" ") || next == ascii("\t") || next == ascii("\n") || next == ascii("\r")
                    {
                        if next == ascii(" ") || next == ascii("\t") { index += 1 } else { try consumeNewline() }
                    }
                } else {
                    try appendEscape(to: &result)
                }
            case ascii("\n"), ascii("\r"):
                try consumeNewline()
                result.append(ascii("\n"))
            default:
                try checkNotControl(byte, in: "a string")
                result.append(byte)
                index += 1
            }
        }
    }

    private mutating func parseMultilineLiteralString() throws(TOMLError) -> String {
        index += 3
        try skipNewlineRightAfterOpeningQuotes()
        var result: [UInt8] = []
        while true {
            guard let byte = peek() else { throw error("unterminated multi-line string; expected \"'''\"") }
            switch byte {
            case ascii("'"):
                if let closing = try closingQuotes(ascii("'")) {
                    result.append(contentsOf: repeatElement(ascii("'"), count: closing))
                    return String(decoding: result, as: UTF8.self)
                }
                result.append(byte)
                index += 1
            case ascii("\n"), ascii("\r"):
                try consumeNewline()
                result.append(ascii("\n"))
            default:
                try checkNotControl(byte, in: "a string")
                result.append(byte)
                index += 1
            }
        }
    }

    private mutating func skipNewlineRightAfterOpeningQuotes() throws(TOMLError) {
        if peek() == ascii("\n") || peek() == ascii("\r") { try consumeNewline() }
    }

    /// At a quote inside a multi-line string: if three or more quotes close it here, consumes
    /// them and returns how many belong to the content (0...2); otherwise nil.
    private mutating func closingQuotes(_ quote: UInt8) throws(TOMLError) -> Int? {
        var count = 0
        while peek(count) == quote { count += 1 }
        guard count >= 3 else { return nil }
        guard count <= 5 else { throw error("too many quotes in a row at the end of a multi-line string") }
        index += count
        return count - 3
    }

    /// A backslash followed only by spaces or tabs up to the end of the line.
    private func isLineEndingBackslash() -> Bool {
        var offset = 1
        while let byte = peek(offset), byte == ascii(" ") || byte == ascii("\t") { offset += 1 }
        return peek(offset) == ascii("\n") || (peek(offset) == ascii("\r") && peek(offset + 1) == ascii("\n"))
    }

    private mutating func appendEscape(to result: inout [UInt8]) throws(TOMLError) {
        let escapePosition = here()
        index += 1
        guard let byte = peek() else { throw error("unterminated string; expected '\"'") }
        index += 1
        switch byte {
        case ascii("b"): result.append(0x08)
        case ascii("t"): result.append(0x09)
        case ascii("n"): result.append(0x0A)
        case ascii("f"): result.append(0x0C)
        case ascii("r"): result.append(0x0D)
        case ascii("\""): result.append(ascii("\""))
        case ascii("\\"): result.append(ascii("\\"))
        case ascii("u"), ascii("U"):
            let digits = byte == ascii("u") ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<digits {
                guard let next = peek(), let digit = hexValue(next) else {
                    throw error(
                        "\\\(byte == ascii("u") ? "u" : "U") must be followed by \(digits) hexadecimal digits",
                        at: escapePosition)
                }
                value = value &* 16 &+ UInt32(digit)
                index += 1
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw error(
                    "escape is not a Unicode scalar value (surrogates and values above 10FFFF are not allowed)",
                    at: escapePosition)
            }
            result.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error(
                "unknown escape \\\(String(decoding: [byte], as: UTF8.self)); use \\\\ for a backslash",
                at: escapePosition)
        }
    }

    private func checkNotControl(_ byte: UInt8, in context: String) throws(TOMLError) {
        if (byte < 0x20 && byte != ascii("\t")) || byte == 0x7F {
            throw error("control character U+\(scalarHex(byte)) is not allowed in \(context)")
        }
    }

    // MARK: numbers and date-times

    private mutating func parseNumberOrDateTime() throws(TOMLError) -> TOMLValue.Kind {
        let position = here()
        var token = scanToken()
        if looksLikeDate(token), token.count == 10, peek() == ascii(" "), let next = peek(1), isDigit(next) {
            index += 1
            token += [ascii("T")] + scanToken()
        }
        if looksLikeDate(token) || looksLikeTime(token) {
            guard let value = TOMLScalarParsing.dateTime(token) else {
                throw error("invalid date or time \"\(String(decoding: token, as: UTF8.self))\"", at: position)
            }
            return .dateTime(value)
        }
        switch TOMLScalarParsing.number(token) {
        case .success(let kind): return kind
        case .failure(let problem): throw error(problem.message, at: position)
        }
    }

    private mutating func scanToken() -> [UInt8] {
        let start = index
        while let byte = peek(),
            TOMLKey.isBareKeyByte(byte) || byte == ascii("+") || byte == ascii(".") || byte == ascii(":")
        {
            index += 1
        }
        return Array(bytes[start..<index])
    }

    private func looksLikeDate(_ token: [UInt8]) -> Bool {
        token.count >= 5 && token[0..<4].allSatisfy(isDigit) && token[4] == ascii("-")
    }

    private func looksLikeTime(_ token: [UInt8]) -> Bool {
        token.count >= 3 && isDigit(token[0]) && isDigit(token[1]) && token[2] == ascii(":")
    }

    // MARK: whitespace, comments, newlines

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == ascii(" ") || byte == ascii("\t") { index += 1 }
    }

    private mutating func skipComment() throws(TOMLError) {
        index += 1
        while let byte = peek(), byte != ascii("\n") {
            if byte == ascii("\r") && peek(1) == ascii("\n") { return }
            try checkNotControl(byte, in: "a comment")
            index += 1
        }
    }

    private mutating func skipWhitespaceCommentsAndNewlines() throws(TOMLError) {
        while let byte = peek() {
            switch byte {
            case ascii(" "), ascii("\t"): index += 1
            case ascii("\n"), ascii("\r"): try consumeNewline()
            case ascii("#"): try skipComment()
            default: return
            }
        }
    }

    private mutating func consumeNewline() throws(TOMLError) {
        if peek() == ascii("\r") {
            guard peek(1) == ascii("\n") else {
                throw error("a carriage return must be followed by a line feed (CRLF)")
            }
            index += 1
        }
        index += 1
        line += 1
        lineStart = index
    }

    // MARK: positions and errors

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private func here() -> TOMLPosition {
        // Count characters, not bytes: UTF-8 continuation bytes are 10xxxxxx.
        let column = bytes[lineStart..<index].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return TOMLPosition(line: line, column: column)
    }

    private func error(_ message: String, at position: TOMLPosition? = nil) -> TOMLError {
        let position = position ?? here()
        return TOMLError(file: file, line: position.line, column: position.column, message: message)
    }

    private func describe(_ byte: UInt8) -> String {
        switch byte {
        case ascii("\n"), ascii("\r"): "the end of the line"
        case 0..<0x20, 0x7F: "control character U+\(scalarHex(byte))"
        case 0x80...:
            // Show the whole character starting here.
            "'\(String(decoding: bytes[index..<min(bytes.count, index + 4)], as: UTF8.self).prefix(1))'"
        default: "'\(String(decoding: [byte], as: UTF8.self))'"
        }
    }
}

// MARK: - table builders

private final class TableBuilder {
    enum Origin {
        /// Created on the way to a deeper `[a.b]` header; may still be defined once by `[a]`.
        case implicit
        /// Defined by its own `[header]` (or the root, or an element of `[[array]]`).
        case header
        /// Created by a dotted key such as `a.b = 1`; closed to headers.
        case dotted
        /// `{ ... }`; closed once written.
        case inline
    }

    enum Entry {
        case value(TOMLValue)
        case table(TableBuilder)
        case tableArray(TableArrayBuilder)

        var line: Int {
            switch self {
            case .value(let value): value.line
            case .table(let table): table.position.line
            case .tableArray(let array): array.position.line
            }
        }
    }

    var origin: Origin
    var position: TOMLPosition
    let keyPath: [String]
    private(set) var keys: [String] = []
    private(set) var entries: [String: Entry] = [:]

    init(origin: Origin, position: TOMLPosition, keyPath: [String]) {
        self.origin = origin
        self.position = position
        self.keyPath = keyPath
    }

    func insert(_ key: String, _ entry: Entry) {
        keys.append(key)
        entries[key] = entry
    }

    func frozen() -> TOMLTable {
        var table = TOMLTable()
        for key in keys {
            switch entries[key]! {
            case .value(let value):
                table.append(key, value)
            case .table(let builder):
                table.append(
                    key, TOMLValue(.table(builder.frozen()), position: builder.position, keyPath: builder.keyPath))
            case .tableArray(let array):
                let elements = array.tables.map {
                    TOMLValue(.table($0.frozen()), position: $0.position, keyPath: $0.keyPath)
                }
                table.append(key, TOMLValue(.array(elements), position: array.position, keyPath: array.keyPath))
            }
        }
        return table
    }
}

private final class TableArrayBuilder {
    let position: TOMLPosition
    let keyPath: [String]
    private(set) var tables: [TableBuilder] = []

    init(position: TOMLPosition, keyPath: [String]) {
        self.position = position
        self.keyPath = keyPath
    }

    func appendTable(position: TOMLPosition) -> TableBuilder {
        let table = TableBuilder(origin: .header, position: position, keyPath: keyPath)
        tables.append(table)
        return table
    }
}

// MARK: - byte helpers

private func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }

private func isDigit(_ byte: UInt8) -> Bool { byte >= ascii("0") && byte <= ascii("9") }

private func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case ascii("0")...ascii("9"): byte - ascii("0")
    case ascii("a")...ascii("f"): byte - ascii("a") + 10
    case ascii("A")...ascii("F"): byte - ascii("A") + 10
    default: nil
    }
}

private func scalarHex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return String(repeating: "0", count: 4 - digits.count) + digits
}
