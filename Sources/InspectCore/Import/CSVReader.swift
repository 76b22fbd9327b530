/// One CSV record and where it starts in the file.
public struct CSVRecord: Sendable, Equatable {
    /// One-based physical line the record starts on (a quoted field may span lines).
    public var line: Int
    /// The fields, unquoted, not trimmed.
    public var fields: [String]

    /// Creates a record.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A syntax error in CSV text.
public struct CSVSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of error.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// A quoted field is never closed.
        case unterminatedQuote = "unterminated_quote"
        /// A quote inside an unquoted field, or text right after a closing quote.
        case strayQuote = "stray_quote"
        /// More records than ``ImportLimits/maximumRecords``; reading stopped there.
        case tooManyRecords = "too_many_records"
        /// A record with more fields than ``ImportLimits/maximumFields``; reading stopped there.
        case tooManyFields = "too_many_fields"
        /// A field longer than ``ImportLimits/maximumFieldBytes``; reading stopped there.
        case fieldTooLong = "field_too_long"

        /// A limit was passed: the reader stopped, and the file must be refused whatever else is in it.
        public var isLimit: Bool {
            switch self {
            case .unterminatedQuote, .strayQuote: false
            case .tooManyRecords, .tooManyFields, .fieldTooLong: true
            }
        }
    }

    /// What kind of error.
    public var kind: Kind
    /// One-based physical line of the offending character.
    public var line: Int
    /// One-based character position of the offending character in its line.
    public var column: Int
    /// One-based number of the field the character belongs to.
    public var field: Int
    /// One-based line the broken record starts on.
    public var recordLine: Int
    /// What went wrong and what to do.
    public var message: String

    /// Creates a syntax error.
    public init(kind: Kind, line: Int, column: Int, field: Int, recordLine: Int, message: String) {
        self.kind = kind
        self.line = line
        self.column = column
        self.field = field
        self.recordLine = recordLine
        self.message = message
    }

    /// E.g. `line 4, column 12: …`.
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// The records of a CSV text, and the syntax errors found in it.
public struct CSVDocument: Sendable, Equatable {
    /// The records that parsed cleanly, in file order. Records with a syntax error are left out.
    public var records: [CSVRecord]
    /// Every syntax error, in file order.
    public var errors: [CSVSyntaxError]
}

/// An RFC 4180 CSV reader.
///
/// Fields are separated by commas and records by CRLF or LF (a lone CR also ends a
/// line); a final line break is optional. A field in double quotes may contain
/// commas, line breaks and doubled quotes (`""` is one `"`). Empty lines are skipped.
/// Leniency for hand-edited files: blanks before an opening quote and after a
/// closing quote are allowed (and dropped).
public enum CSVReader {
    /// Reads all records; throws the first syntax error.
    public static func parse(_ text: String, limits: ImportLimits = .standard) throws(CSVSyntaxError) -> [CSVRecord] {
        let document = read(text, limits: limits)
        if let first = document.errors.first { throw first }
        return document.records
    }

    /// Reads all records, collecting every syntax error. After a stray quote the
    /// reader carries on with the next record; after an unterminated quote the rest
    /// of the text belongs to the broken field. Past one of `limits` (records, fields in a
    /// record, bytes in a field) the reader stops with a limit error as the last error.
    public static func read(_ text: String, limits: ImportLimits = .standard) -> CSVDocument {
        var records: [CSVRecord] = []
        var errors: [CSVSyntaxError] = []

        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var recordLine = 1
        var recordHasError = false
        var line = 1
        var column = 0
        var recordCount = 0
        var limitError: CSVSyntaxError?

        enum State {
            case fieldStart  // nothing but blanks seen in this field
            case unquoted
            case quoted(line: Int, column: Int)
            case quoteInQuoted(line: Int, column: Int)  // saw a quote inside a quoted field
            case afterClosingQuote
        }
        var state = State.fieldStart
        var pendingBlanks = String.UnicodeScalarView()  // blanks at field start, kept if the field is unquoted

        func limit(_ kind: CSVSyntaxError.Kind, _ message: String) {
            guard limitError == nil else { return }
            limitError = CSVSyntaxError(
                kind: kind, line: line, column: column, field: fields.count + 1, recordLine: recordLine, message: message)
        }
        func endField() {
            if case .fieldStart = state { field = pendingBlanks }
            let text = String(field)
            if text.utf8.count > limits.maximumFieldBytes {
                limit(
                    .fieldTooLong,
                    "the field is \(text.utf8.count) bytes long, more than the limit of \(limits.maximumFieldBytes); "
                        + "check for a quote that is never closed, or shorten the value")
            }
            if fields.count >= limits.maximumFields {
                limit(
                    .tooManyFields,
                    "the record has more than \(limits.maximumFields) fields, the limit; check the separators")
            }
            fields.append(text)
            field = String.UnicodeScalarView()
            pendingBlanks = String.UnicodeScalarView()
            state = .fieldStart
        }
        func endRecord() {
            endField()
            let isEmptyLine = fields.count == 1 && fields[0].isEmpty
            if !isEmptyLine { recordCount += 1 }
            if recordCount > limits.maximumRecords {
                limit(
                    .tooManyRecords,
                    "the file has more than \(limits.maximumRecords) records (the header included), the limit; "
                        + "split it into smaller files")
            }
            if !recordHasError && !isEmptyLine && limitError == nil {
                records.append(CSVRecord(line: recordLine, fields: fields))
            }
            fields = []
            recordHasError = false
        }
        func stray(_ message: String) {
            errors.append(
                CSVSyntaxError(
                    kind: .strayQuote, line: line, column: column, field: fields.count + 1, recordLine: recordLine,
                    message: message))
            recordHasError = true
        }

        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            index += 1
            column += 1
            let isLineBreak = scalar == "\n" || scalar == "\r"
            if isLineBreak, scalar == "\r", index < scalars.count, scalars[index] == "\n" {
                index += 1  // CRLF is one line break
            }

            switch state {
            case .quoted(let startLine, let startColumn):
                if scalar == "\"" {
                    state = .quoteInQuoted(line: startLine, column: startColumn)
                } else {
                    if isLineBreak { field.append("\n") } else { field.append(scalar) }
                }
            case .quoteInQuoted(let startLine, let startColumn):
                if scalar == "\"" {
                    field.append("\"")
                    state = .quoted(line: startLine, column: startColumn)
                } else if scalar == "," {
                    endField()
                } else if isLineBreak {
                    endRecord()
                } else if scalar == " " || scalar == "\t" {
                    state = .afterClosingQuote
                } else {
                    stray("text after a closing quote; inside quotes write a quote as two quotes (\"\")")
                    state = .unquoted
                    field.append(scalar)
                }
            case .afterClosingQuote:
                if scalar == "," {
                    endField()
                } else if isLineBreak {
                    endRecord()
                } else if scalar == " " || scalar == "\t" {
                    break
                } else {
                    stray("text after a closing quote; inside quotes write a quote as two quotes (\"\")")
                    state = .unquoted
                    field.append(scalar)
                }
            case .fieldStart:
                if scalar == "\"" {
                    state = .quoted(line: line, column: column)
                } else if scalar == "," {
                    endField()
                } else if isLineBreak {
                    endRecord()
                } else if scalar == " " || scalar == "\t" {
                    pendingBlanks.append(scalar)
                } else {
                    field = pendingBlanks
                    field.append(scalar)
                    state = .unquoted
                }
            case .unquoted:
                if scalar == "," {
                    endField()
                } else if isLineBreak {
                    endRecord()
                } else if scalar == "\"" {
                    stray("a quote inside an unquoted field; put the whole field in quotes and double the quote (\"\")")
                    field.append(scalar)
                } else {
                    field.append(scalar)
                }
            }

            if limitError != nil { break }
            if isLineBreak {
                line += 1
                column = 0
                if case .fieldStart = state, fields.isEmpty { recordLine = line }
            }
        }
        if let limitError {
            errors.append(limitError)
            return CSVDocument(records: records, errors: errors)
        }

        switch state {
        case .quoted(let startLine, let startColumn):
            errors.append(
                CSVSyntaxError(
                    kind: .unterminatedQuote, line: startLine, column: startColumn, field: fields.count + 1,
                    recordLine: recordLine,
                    message:
                        "the quote opened here is never closed; close it, or double it (\"\") if it is part of the text"
                ))
        case .fieldStart where fields.isEmpty && pendingBlanks.isEmpty:
            break  // the text ended with a line break (or is empty): no final record
        default:
            endRecord()  // a final record without a line break
        }
        return CSVDocument(records: records, errors: errors)
    }
}
