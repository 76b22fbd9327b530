import InspectCalendar
import InspectCore

/// Reads a forecast CSV file:
///
/// ```
/// start,end,precipitation_mm,probability,area
/// 2026-11-29T20:00+08:00,2026-11-29T23:00+08:00,6.5,80%,baihe
/// 2026-11-29T23:00,2026-11-30T02:00,,60,
/// ```
///
/// - Header: the columns `start`, `end`, `precipitation_mm`, `probability` and
///   optionally `area`, in any order; names are trimmed and compared without regard to
///   case (as in the directory imports). Other, repeated or missing columns are errors.
/// - `start`, `end`: `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`, followed by `Z`, an
///   offset `±HH:MM`, or nothing; a time with nothing after it is district time
///   (``ForecastContext/districtZone``). `end` is after `start`.
/// - `precipitation_mm`: millimetres over the whole interval, 0 or more and at most
///   500 mm per hour of the interval; empty means no value.
/// - `probability`: 0 to 100, optionally followed by `%`; empty means no value.
///   A row needs at least one of the two values.
/// - `area`: a locality id (1–64 letters, digits, `_`, `.`, `-`); empty means the whole
///   district.
/// - Intervals of the same area must not overlap, and every interval lies inside the
///   planning window.
///
/// Values are trimmed; blank rows are skipped. Every problem in the file is reported.
enum ForecastCSV {
    static let required = ["start", "end", "precipitation_mm", "probability"]
    static let optional = ["area"]
    static let header = "start,end,precipitation_mm,probability[,area]"
    static let timeHint =
        "write YYYY-MM-DDTHH:MM[:SS] followed by Z, an offset such as +08:00, or nothing for district time"

    /// A checked cell: `value` is nil when the cell is empty.
    struct Cell<Value> {
        var value: Value?
    }

    /// One row that passed its own checks.
    struct Row {
        var line: Int
        var interval: ForecastInterval
        var startText: String
        var endText: String
    }

    static func parse(_ text: String, file: String, context: ForecastContext) -> Result<ParsedForecast, ImportFailure> {
        var problems = ProblemList(file: file)
        if ForecastParser.detectFormat(Array(text.utf8.prefix(4096))) == .openMeteo {
            problems.add(line: 1, "the file holds JSON, not CSV; import it as open-meteo")
            return .failure(problems.failure!)
        }
        let document = CSVReader.read(text)
        var records = document.records
        let firstRecordLine = records.first?.line ?? Int.max

        // Past a limit the reader stopped: the file is refused for that alone.
        if let limit = document.errors.last, limit.kind.isLimit {
            syntaxProblem(limit, header: nil, into: &problems)
            return .failure(problems.failure!)
        }

        // A header with a syntax error cannot be trusted: report and stop.
        if let first = document.errors.first, first.recordLine < firstRecordLine {
            for error in document.errors { syntaxProblem(error, header: nil, into: &problems) }
            return .failure(problems.failure!)
        }
        guard !records.isEmpty else {
            problems.add(line: 1, "the file is empty; the first line must be the header \(header)")
            return .failure(problems.failure!)
        }

        // Header.
        let headerRecord = records.removeFirst()
        var names = headerRecord.fields.map { trimmed($0).lowercased() }
        if let first = names.first, first.unicodeScalars.first == "\u{FEFF}" {
            names[0] = trimmed(String(first.unicodeScalars.dropFirst()))
        }
        let known = required + optional
        guard names.contains(where: known.contains) else {
            problems.add(
                line: headerRecord.line,
                "is not a header; the first line must be \(header) (any order)")
            return .failure(problems.failure!)
        }
        var columnIndex: [String: Int] = [:]
        for (index, name) in names.enumerated() where !name.isEmpty {
            if columnIndex[name] != nil {
                problems.add(line: headerRecord.line, column: name, "appears twice in the header; keep one")
            } else {
                if !known.contains(name) {
                    problems.add(
                        line: headerRecord.line, column: name,
                        "is not a forecast column; the columns are start, end, precipitation_mm, probability and "
                            + "optionally area")
                }
                columnIndex[name] = index
            }
        }
        let missing = required.filter { columnIndex[$0] == nil }
        if !missing.isEmpty {
            let list = missing.map { "\"\($0)\"" }.joined(separator: ", ")
            problems.add(
                line: headerRecord.line,
                "the header lacks the column\(missing.count == 1 ? "" : "s") \(list); the header must be "
                    + "\(header) (any order)")
            for error in document.errors { syntaxProblem(error, header: nil, into: &problems) }
            return .failure(problems.failure!)
        }
        for error in document.errors { syntaxProblem(error, header: names, into: &problems) }

        // Rows.
        var rows: [Row] = []
        var usedDistrictZone = false
        for record in records {
            let fields = record.fields.map(trimmed)
            if fields.allSatisfy(\.isEmpty) { continue }
            if fields.count < names.count || fields[names.count...].contains(where: { !$0.isEmpty }) {
                let used =
                    fields.count > names.count
                    ? (fields.lastIndex(where: { !$0.isEmpty }).map { $0 + 1 } ?? fields.count) : fields.count
                problems.add(
                    line: record.line,
                    "the row has \(used) value\(used == 1 ? "" : "s") but the header has \(names.count) columns; "
                        + "quote values that contain commas")
                continue
            }
            for (index, name) in names.enumerated() where name.isEmpty && !fields[index].isEmpty {
                problems.add(
                    line: record.line, value: fields[index],
                    "is in column \(index + 1), which has no name in the header; remove it or name the column")
            }
            var row = RowReader(
                file: file, line: record.line, fields: fields, columnIndex: columnIndex, context: context)
            let parsed = row.read()
            problems.problems += row.problems
            usedDistrictZone = usedDistrictZone || row.usedDistrictZone
            if let parsed { rows.append(parsed) }
        }

        // Overlaps within an area.
        var byArea: [String?: [Row]] = [:]
        for row in rows { byArea[row.interval.area, default: []].append(row) }
        for (area, areaRows) in byArea {
            let sorted = areaRows.sorted { ($0.interval.start, $0.line) < ($1.interval.start, $1.line) }
            var furthest = sorted[0]
            for row in sorted.dropFirst() {
                if row.interval.start < furthest.interval.end {
                    let (later, other) = row.line > furthest.line ? (row, furthest) : (furthest, row)
                    problems.add(
                        line: later.line, column: "start", value: later.startText,
                        "overlaps the row on line \(other.line) (\(other.startText) to \(other.endText)) for "
                            + (area.map { "area \"\($0)\"" } ?? "the whole district")
                            + "; intervals of one area must not overlap, correct or merge the rows")
                }
                if row.interval.end > furthest.interval.end { furthest = row }
            }
        }

        if let failure = problems.failure { return .failure(failure) }
        guard !rows.isEmpty else {
            problems.add(
                line: headerRecord.line, "the file has a header but no rows; a forecast needs at least one interval")
            return .failure(problems.failure!)
        }
        return .success(
            ParsedForecast(
                format: .csv, timezone: usedDistrictZone ? context.districtZone.identifier : nil,
                intervals: rows.map(\.interval)))
    }

    static func syntaxProblem(_ error: CSVSyntaxError, header: [String]?, into problems: inout ProblemList) {
        var column: String?
        if let header, error.field <= header.count, !header[error.field - 1].isEmpty {
            column = header[error.field - 1]
        }
        problems.add(line: error.line, column: column, "character \(error.column): \(error.message)")
    }

    /// Trims white space (including the ideographic space U+3000) at both ends.
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = text.lastIndex(where: { !$0.isWhitespace })!
        return String(text[first...last])
    }

    /// A plain decimal: optional sign, digits with an optional fraction (`2`, `2.5`,
    /// `.5`, `-1`); no exponent, no `inf`/`nan`, no thousands separators.
    static func decimal(_ text: String) -> Double? {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits = 0
        var points = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                points += 1
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits += 1
            } else {
                return nil
            }
        }
        guard digits > 0, points <= 1 else { return nil }
        return Double(text)
    }

    /// The checks of one row, collecting problems.
    struct RowReader {
        let file: String
        let line: Int
        let fields: [String]
        let columnIndex: [String: Int]
        let context: ForecastContext
        var problems: [ImportProblem] = []
        var usedDistrictZone = false

        init(file: String, line: Int, fields: [String], columnIndex: [String: Int], context: ForecastContext) {
            self.file = file
            self.line = line
            self.fields = fields
            self.columnIndex = columnIndex
            self.context = context
        }

        func raw(_ column: String) -> String {
            columnIndex[column].map { fields[$0] } ?? ""
        }

        mutating func problem(_ column: String?, _ value: String?, _ message: String) {
            problems.append(ImportProblem(file: file, line: line, column: column, value: value, message: message))
        }

        mutating func read() -> Row? {
            let start = time("start")
            var end = time("end")
            if let start, let checkedEnd = end, checkedEnd <= start {
                problem("end", raw("end"), "is not after start (\(raw("start"))); an interval ends after it starts")
                end = nil
            }
            let amount = precipitation(start: start, end: end)
            let chance = probability()
            let area = self.area()
            if raw("precipitation_mm").isEmpty && raw("probability").isEmpty {
                problem(
                    nil, nil, "has neither precipitation_mm nor probability; fill in at least one, or delete the row")
            }
            if let start, let end {
                let window = context.window
                if start < window.start {
                    problem(
                        "start", raw("start"),
                        "is before the planning window (\(context.windowDescription)); keep only rows inside the "
                            + "planning window")
                }
                if end > window.end {
                    problem(
                        "end", raw("end"),
                        "is after the planning window (\(context.windowDescription)); keep only rows inside the "
                            + "planning window")
                }
            }
            guard problems.isEmpty, let start, let end, let amount, let chance, let area else { return nil }
            return Row(
                line: line,
                interval: ForecastInterval(
                    start: start, end: end, precipitationMM: amount.value, probabilityPercent: chance.value,
                    area: area.value),
                startText: raw("start"), endText: raw("end"))
        }

        /// A time as UTC seconds.
        mutating func time(_ column: String) -> Int64? {
            let text = raw(column)
            if text.isEmpty {
                problem(column, nil, "is empty; \(ForecastCSV.timeHint)")
                return nil
            }
            guard let reading = ForecastTime.parse(text, full: true) else {
                problem(column, text, "is not a time; \(ForecastCSV.timeHint)")
                return nil
            }
            if let offset = reading.offsetSeconds { return reading.localSeconds - Int64(offset) }
            let zone = context.districtZone
            let instant = zone.utcSeconds(fromLocal: reading.localSeconds)
            guard zone.localSeconds(fromUTC: instant) == reading.localSeconds else {
                problem(
                    column, text,
                    "does not exist in \(zone.identifier) (the clocks skip it); write the time with its offset")
                return nil
            }
            usedDistrictZone = true
            return instant
        }

        /// The cell's value (nil inside for an empty cell), or nil when the cell is wrong.
        mutating func precipitation(start: Int64?, end: Int64?) -> Cell<Double>? {
            let text = raw("precipitation_mm")
            if text.isEmpty { return Cell(value: nil) }
            guard let value = ForecastCSV.decimal(text) else {
                problem(
                    "precipitation_mm", text,
                    "is not a number; write millimetres such as 2.5 (without unit), or leave it empty")
                return nil
            }
            if value < 0 {
                problem("precipitation_mm", text, "is negative; precipitation is 0 mm or more")
                return nil
            }
            if let start, let end, value > ForecastLimits.absurdMMPerHour * Double(end - start) / 3600 {
                problem(
                    "precipitation_mm", text,
                    "is more than \(MessageFormat.number(ForecastLimits.absurdMMPerHour)) mm per hour over the "
                        + "\(MessageFormat.duration(end - start)) interval; check the value and that it is in mm")
                return nil
            }
            return Cell(value: value)
        }

        mutating func probability() -> Cell<Double>? {
            var text = raw("probability")
            if text.isEmpty { return Cell(value: nil) }
            let written = text
            if text.hasSuffix("%") { text = ForecastCSV.trimmed(String(text.dropLast())) }
            guard let value = ForecastCSV.decimal(text) else {
                problem(
                    "probability", written,
                    "is not a percentage; write 0 to 100, such as 70 or 70%, or leave it empty")
                return nil
            }
            guard (0...100).contains(value) else {
                problem("probability", written, "is not between 0 and 100; write a percentage such as 70 or 70%")
                return nil
            }
            return Cell(value: value)
        }

        mutating func area() -> Cell<String>? {
            let text = raw("area")
            if text.isEmpty { return Cell(value: nil) }
            let valid =
                text.utf8.count <= 64
                && text.utf8.allSatisfy { byte in
                    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                        || byte == 0x5F || byte == 0x2E || byte == 0x2D
                }
            guard valid else {
                problem(
                    "area", text,
                    "is not a locality id; use 1–64 letters, digits, '_', '.' or '-', or leave it empty for the "
                        + "whole district")
                return nil
            }
            return Cell(value: text)
        }
    }
}
