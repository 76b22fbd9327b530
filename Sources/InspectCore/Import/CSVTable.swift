/// One data row of a CSV table: its trimmed values, where it is, and where each column is.
public struct CSVTableRow: Sendable {
    public let file: String
    /// One-based line the row starts on.
    public let line: Int
    /// The values, trimmed.
    public let fields: [String]
    /// Column name (lower case) → index in `fields`.
    public let columnIndex: [String: Int]
}

/// Reads a CSV file that starts with a header naming its columns (in any order): the
/// shape every import of inspectd shares (units, inspectors, sites, cases).
///
/// The header is checked (a syntax error in it, an empty file, no known column, a column
/// twice, an unknown column, a required column missing); rows with more values than the
/// header or a value under an unnamed column are reported; `makeRecord` checks each row's
/// values; ids must be unique in the file. Every problem is collected and the file is
/// refused if there is any: nothing of it is returned.
public enum CSVTable {
    public static func read<Value: Sendable>(
        text: String, file: String, columns known: [String], required: [String], noun: String, header: String,
        id: (Value) -> String, makeRecord: (CSVTableRow) -> (value: Value?, problems: [ImportProblem])
    ) throws(ImportFailure) -> [ParsedRecord<Value>] {
        var problems: [ImportProblem] = []
        let document = CSVReader.read(text)
        var records = document.records
        let firstRecordLine = records.first?.line ?? Int.max

        // Past a limit the reader stopped: the file is refused for that alone.
        if let limit = document.errors.last, limit.kind.isLimit {
            throw ImportFailure([syntaxProblem(limit, file: file, header: nil)])
        }

        // A header with a syntax error cannot be trusted: report and stop.
        if let first = document.errors.first, first.recordLine < firstRecordLine {
            throw ImportFailure(document.errors.map { syntaxProblem($0, file: file, header: nil) })
        }
        guard !records.isEmpty else {
            throw ImportFailure([
                ImportProblem(file: file, line: 1, message: "the file is empty; the first line must be the header \(header)")
            ])
        }

        // Header.
        let headerRecord = records.removeFirst()
        var names = headerRecord.fields.map { trimmed($0).lowercased() }
        if let first = names.first, first.unicodeScalars.first == "\u{FEFF}" {
            names[0] = trimmed(String(first.unicodeScalars.dropFirst()))
        }
        guard names.contains(where: known.contains) else {
            // No known column at all: most likely the header line is missing.
            throw ImportFailure([
                ImportProblem(
                    file: file, line: headerRecord.line, message: "is not a header; the first line must be \(header) (any order)")
            ])
        }
        var columnIndex: [String: Int] = [:]
        for (index, name) in names.enumerated() where !name.isEmpty {
            if columnIndex[name] != nil {
                problems.append(
                    ImportProblem(file: file, line: headerRecord.line, column: name, message: "appears twice in the header; keep one"))
                continue
            }
            if !known.contains(name) {
                problems.append(
                    ImportProblem(
                        file: file, line: headerRecord.line, column: name, message: "is not a column of \(noun); the columns are \(header)"))
            }
            columnIndex[name] = index
        }
        let missing = required.filter { columnIndex[$0] == nil }
        if !missing.isEmpty {
            let list = missing.map { "\"\($0)\"" }.joined(separator: ", ")
            problems.append(
                ImportProblem(
                    file: file, line: headerRecord.line,
                    message: "the header lacks the column\(missing.count == 1 ? "" : "s") \(list); "
                        + "the header must be \(header) (any order)"))
            problems += document.errors.map { syntaxProblem($0, file: file, header: nil) }
            throw ImportFailure(problems)
        }
        problems += document.errors.map { syntaxProblem($0, file: file, header: names) }

        // Rows.
        var values: [ParsedRecord<Value>] = []
        var firstLineOfId: [String: Int] = [:]
        for record in records {
            let fields = record.fields.map(trimmed)
            if fields.allSatisfy(\.isEmpty) { continue }
            if fields.count < names.count || fields[names.count...].contains(where: { !$0.isEmpty }) {
                let used =
                    fields.count > names.count
                    ? (fields.lastIndex(where: { !$0.isEmpty }).map { $0 + 1 } ?? fields.count) : fields.count
                problems.append(
                    ImportProblem(
                        file: file, line: record.line,
                        message: "the row has \(used) value\(used == 1 ? "" : "s") but the header has \(names.count) "
                            + "columns; quote values that contain commas"))
                continue
            }
            for (index, name) in names.enumerated() where name.isEmpty && !fields[index].isEmpty {
                problems.append(
                    ImportProblem(
                        file: file, line: record.line, value: fields[index],
                        message: "is in column \(index + 1), which has no name in the header; remove it or name the column"))
            }
            let (value, rowProblems) = makeRecord(CSVTableRow(file: file, line: record.line, fields: fields, columnIndex: columnIndex))
            problems += rowProblems
            guard let value else { continue }
            if let firstLine = firstLineOfId[id(value)] {
                problems.append(
                    ImportProblem(
                        file: file, line: record.line, column: "id", value: id(value),
                        message: "is used on line \(firstLine) and again on line \(record.line); ids must be unique in the file"))
                continue
            }
            firstLineOfId[id(value)] = record.line
            values.append(ParsedRecord(line: record.line, value: value))
        }
        if !problems.isEmpty { throw ImportFailure(problems) }
        return values
    }

    /// A CSV syntax error as an import problem, named by its column when the header is known.
    static func syntaxProblem(_ error: CSVSyntaxError, file: String, header: [String]?) -> ImportProblem {
        var column: String?
        if let header, error.field <= header.count, !header[error.field - 1].isEmpty {
            column = header[error.field - 1]
        }
        return ImportProblem(file: file, line: error.line, column: column, message: "character \(error.column): \(error.message)")
    }

    /// Trims white space (including the ideographic space U+3000) at both ends.
    public static func trimmed(_ text: some StringProtocol) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = text.lastIndex(where: { !$0.isWhitespace })!
        return String(text[first...last])
    }
}
