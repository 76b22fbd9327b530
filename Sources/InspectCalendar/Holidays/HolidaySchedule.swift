import InspectCore

/// One date a holiday schedule names: a day off or a makeup workday.
public struct HolidayEntry: Sendable, Hashable {
    /// The date.
    public var date: CivilDate
    /// `.holiday` or `.makeupWorkday`.
    public var kind: DayKind
    /// The holiday's name: the official Chinese name (`清明节`) when it is a statutory
    /// holiday, else the name the file gives.
    public var name: String
    /// A day off given in lieu of a holiday that fell on a weekend.
    public var inLieu: Bool
    /// The line of the file the date comes from.
    public var line: Int

    public init(date: CivilDate, kind: DayKind, name: String, inLieu: Bool, line: Int) {
        self.date = date
        self.kind = kind
        self.name = name
        self.inLieu = inLieu
        self.line = line
    }
}

/// A parsed holiday schedule: the dates of one source, and the years it covers.
///
/// A schedule covers every year it names at least one date of: for those years, a date
/// it does not name is an ordinary workday or rest day.
public struct HolidaySchedule: Sendable, Equatable {
    /// The file name (or the built-in source's name), shown as each date's source.
    public var source: String
    /// The dates, in date order.
    public var entries: [HolidayEntry]

    public init(source: String, entries: [HolidayEntry]) {
        self.source = source
        self.entries = entries.sorted { $0.date < $1.date }
    }

    /// The years the schedule covers.
    public var years: Set<Int> { Set(entries.map(\.date.year)) }

    /// The built-in official schedules (2025, 2026).
    public static let builtIn: HolidaySchedule = {
        switch HolidayScheduleFile.parseTSV(BuiltInHolidays.tsv, file: BuiltInHolidays.sourceName) {
        case .success(let schedule): return schedule
        case .failure(let failure): preconditionFailure("the built-in holiday schedule is broken: \(failure)")
        }
    }()
}

/// Reads holiday schedule files: the tab-separated form of the built-in schedule, and
/// iCalendar (`.ics`) files of holidays.
public enum HolidayScheduleFile {
    /// The header line of the tab-separated form.
    public static let columns = ["date", "kind", "name", "name_zh", "in_lieu"]

    /// Parses the tab-separated form: the header `date kind name name_zh in_lieu`, then one
    /// date per line. `kind` is `holiday` or `makeup_workday`; `name` (English) and
    /// `name_zh` name the holiday (at least one of them); `in_lieu` is `yes` or `no` for a
    /// holiday and `-` for a makeup workday, which must fall on a Saturday or Sunday. Blank
    /// lines and lines starting with `#` are skipped. Every problem is reported.
    public static func parseTSV(_ text: String, file: String) -> Result<HolidaySchedule, ImportFailure> {
        var problems: [ImportProblem] = []
        var entries: [HolidayEntry] = []
        var firstLineOf: [CivilDate: Int] = [:]
        var sawHeader = false
        for (index, rawLine) in lines(of: text).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : rawLine
            if line.trimmingBlanks.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingBlanks }
            if !sawHeader {
                sawHeader = true
                if fields != columns {
                    problems.append(
                        ImportProblem(
                            file: file, line: lineNumber, value: line,
                            message: "is not the header; the first line must be the column names "
                                + columns.joined(separator: ", ") + ", separated by tabs"))
                    break
                }
                continue
            }
            guard fields.count == columns.count else {
                problems.append(
                    ImportProblem(
                        file: file, line: lineNumber,
                        message: "has \(fields.count) field\(fields.count == 1 ? "" : "s"), expected \(columns.count) separated by tabs ("
                            + columns.joined(separator: ", ") + ")"))
                continue
            }
            var rowProblems: [ImportProblem] = []
            func problem(_ column: String, _ value: String, _ message: String) {
                rowProblems.append(ImportProblem(file: file, line: lineNumber, column: column, value: value, message: message))
            }
            let date = CivilDate(iso: fields[0])
            if date == nil { problem("date", fields[0], "is not a date; write YYYY-MM-DD, such as 2027-02-06") }
            let kind: DayKind? =
                switch fields[1] {
                case "holiday": .holiday
                case "makeup_workday": .makeupWorkday
                default: nil
                }
            if kind == nil { problem("kind", fields[1], "is not a kind of day; write holiday or makeup_workday") }
            let holiday = StatutoryHoliday.named(fields[3]) ?? StatutoryHoliday.named(fields[2])
            let name = holiday?.rawValue ?? (fields[3].isEmpty ? fields[2] : fields[3])
            if name.isEmpty { problem("name_zh", "", "is empty; name the holiday, such as 春节") }
            var inLieu = false
            switch (kind, fields[4]) {
            case (.holiday, "yes"): inLieu = true
            case (.holiday, "no"): inLieu = false
            case (.makeupWorkday, "-"): break
            case (.holiday, _): problem("in_lieu", fields[4], "must be yes (a day off in lieu) or no for a holiday")
            case (.makeupWorkday, _): problem("in_lieu", fields[4], "must be - for a makeup workday")
            default: break
            }
            if let date, kind == .makeupWorkday, !date.isWeekend {
                problem("date", fields[0], "is a \(weekdayName(date)); a makeup workday (调休上班) is always a Saturday or Sunday")
            }
            if let date, let first = firstLineOf[date] {
                problem("date", fields[0], "is listed twice; it is already on line \(first)")
            }
            if let date, let kind, rowProblems.isEmpty {
                firstLineOf[date] = lineNumber
                entries.append(HolidayEntry(date: date, kind: kind, name: name, inLieu: inLieu, line: lineNumber))
            }
            problems += rowProblems
        }
        if problems.isEmpty && entries.isEmpty {
            problems.append(
                ImportProblem(
                    file: file, line: 1,
                    message: sawHeader ? "lists no dates; add one line per holiday and makeup workday" : "is empty; write the header "
                        + columns.joined(separator: ", ") + " (tab-separated), then one line per date"))
        }
        return problems.isEmpty ? .success(HolidaySchedule(source: file, entries: entries)) : .failure(ImportFailure(problems))
    }

    /// Parses an iCalendar file of holidays (RFC 5545): each `VEVENT` with an all-day
    /// `DTSTART` (and `DTEND`, exclusive, or `DURATION:PnD`; one day when neither) names
    /// its dates. An event whose `SUMMARY` says 班 (补班, 上班) or "workday" marks makeup
    /// workdays; any other event marks holidays. The holiday is recognised in the summary
    /// (春节, 国庆, Spring Festival, …); otherwise the summary is the name. Recurring events
    /// (`RRULE`) are refused: list each year's dates.
    public static func parseICalendar(_ text: String, file: String) -> Result<HolidaySchedule, ImportFailure> {
        var problems: [ImportProblem] = []
        var byDate: [CivilDate: HolidayEntry] = [:]
        var event: ICalendarEvent?
        var sawCalendar = false
        for (lineNumber, line) in unfoldedContentLines(text) {
            guard let colon = line.firstIndex(of: ":") else {
                problems.append(ImportProblem(file: file, line: lineNumber, value: line, message: "is not an iCalendar content line (NAME:value)"))
                continue
            }
            let head = line[..<colon]
            let value = String(line[line.index(after: colon)...])
            let parts = head.split(separator: ";").map(String.init)
            let name = parts.first?.uppercased() ?? ""
            switch name {
            case "BEGIN" where value.uppercased() == "VCALENDAR":
                sawCalendar = true
            case "BEGIN" where value.uppercased() == "VEVENT":
                if event != nil {
                    problems.append(ImportProblem(file: file, line: lineNumber, message: "BEGIN:VEVENT inside another event; close the previous one with END:VEVENT"))
                }
                event = ICalendarEvent(line: lineNumber)
            case "END" where value.uppercased() == "VEVENT":
                guard let finished = event else {
                    problems.append(ImportProblem(file: file, line: lineNumber, message: "END:VEVENT without BEGIN:VEVENT"))
                    continue
                }
                event = nil
                let (entries, eventProblems) = finished.entries(file: file)
                problems += eventProblems
                for entry in entries {
                    if let earlier = byDate[entry.date], earlier.kind != entry.kind {
                        problems.append(
                            ImportProblem(
                                file: file, line: entry.line, column: "DTSTART", value: entry.date.description,
                                message: "is a \(entry.kind.rawValue) here but a \(earlier.kind.rawValue) in the event on line \(earlier.line); keep one"))
                    } else if byDate[entry.date] == nil {
                        byDate[entry.date] = entry
                    }
                }
            case "DTSTART", "DTEND", "DURATION", "SUMMARY", "RRULE", "RDATE":
                event?.properties[name] = (value, parts.dropFirst().map { $0.uppercased() }, lineNumber)
            default:
                break
            }
        }
        if event != nil {
            problems.append(ImportProblem(file: file, line: unfoldedContentLines(text).last?.0 ?? 1, message: "ends inside an event; close it with END:VEVENT"))
        }
        if problems.isEmpty && !sawCalendar {
            problems.append(ImportProblem(file: file, line: 1, message: "is not an iCalendar file; it must contain BEGIN:VCALENDAR"))
        }
        if problems.isEmpty && byDate.isEmpty {
            problems.append(ImportProblem(file: file, line: 1, message: "has no all-day events; add one VEVENT per holiday"))
        }
        return problems.isEmpty
            ? .success(HolidaySchedule(source: file, entries: Array(byDate.values)))
            : .failure(ImportFailure(problems))
    }

    /// The lines of `text`, split at LF or CRLF (a lone CR at the end is the caller's to drop).
    static func lines(of text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
    }

    /// iCalendar content lines with folded continuation lines joined, each with the line
    /// number it starts on. Empty lines are skipped.
    static func unfoldedContentLines(_ text: String) -> [(Int, String)] {
        var result: [(Int, String)] = []
        for (index, raw) in lines(of: text).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            if let first = line.first, first == " " || first == "\t", !result.isEmpty {
                result[result.count - 1].1 += line.dropFirst()
            } else if !line.isEmpty {
                result.append((index + 1, line))
            }
        }
        return result
    }

    static func weekdayName(_ date: CivilDate) -> String {
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][date.isoWeekday - 1]
    }
}

/// The properties of one VEVENT that matter for a holiday schedule.
struct ICalendarEvent {
    let line: Int
    var properties: [String: (value: String, parameters: [String], line: Int)] = [:]

    init(line: Int) {
        self.line = line
    }

    func entries(file: String) -> (entries: [HolidayEntry], problems: [ImportProblem]) {
        if let rule = properties["RRULE"] ?? properties["RDATE"] {
            return ([], [
                ImportProblem(
                    file: file, line: rule.line, column: "RRULE",
                    message: "recurring events are not supported, because holidays move every year; list each year's dates as separate events")
            ])
        }
        guard let start = properties["DTSTART"] else {
            return ([], [ImportProblem(file: file, line: line, message: "the event has no DTSTART; give its first day as DTSTART;VALUE=DATE:YYYYMMDD")])
        }
        guard let first = Self.date(start.value) else {
            return ([], [
                ImportProblem(file: file, line: start.line, column: "DTSTART", value: start.value, message: "is not a date; write YYYYMMDD, such as 20270206")
            ])
        }
        var dayCount = 1
        if let end = properties["DTEND"] {
            guard let last = Self.date(end.value) else {
                return ([], [
                    ImportProblem(file: file, line: end.line, column: "DTEND", value: end.value, message: "is not a date; write YYYYMMDD (the day after the last day)")
                ])
            }
            dayCount = max(1, first.days(to: last))
            if first.days(to: last) < 0 {
                return ([], [
                    ImportProblem(file: file, line: end.line, column: "DTEND", value: end.value, message: "is before DTSTART; DTEND is the day after the last day")
                ])
            }
        } else if let duration = properties["DURATION"] {
            guard let days = Self.days(inDuration: duration.value) else {
                return ([], [
                    ImportProblem(file: file, line: duration.line, column: "DURATION", value: duration.value, message: "is not a whole number of days; write PnD, such as P3D")
                ])
            }
            dayCount = max(1, days)
        }
        if dayCount > 31 {
            return ([], [
                ImportProblem(file: file, line: start.line, column: "DTEND", message: "the event runs \(dayCount) days; no holiday is that long, check DTEND")
            ])
        }
        let summary = Self.unescaped(properties["SUMMARY"]?.value ?? "")
        let lowered = summary.lowercased()
        let isMakeup = summary.contains("班") || lowered.contains("workday") || lowered.contains("working day")
        let name = StatutoryHoliday.mentioned(in: summary)?.rawValue ?? summary.trimmingBlanks
        guard !name.isEmpty else {
            return ([], [ImportProblem(file: file, line: line, column: "SUMMARY", message: "the event has no SUMMARY; name the holiday, such as 春节")])
        }
        var problems: [ImportProblem] = []
        var entries: [HolidayEntry] = []
        for date in first.through(first.adding(days: dayCount - 1)) {
            if isMakeup && !date.isWeekend {
                problems.append(
                    ImportProblem(
                        file: file, line: start.line, column: "DTSTART", value: date.description,
                        message: "is a \(HolidayScheduleFile.weekdayName(date)); a makeup workday (调休上班) is always a Saturday or Sunday"))
            }
            entries.append(HolidayEntry(date: date, kind: isMakeup ? .makeupWorkday : .holiday, name: name, inLieu: false, line: start.line))
        }
        return problems.isEmpty ? (entries, []) : ([], problems)
    }

    /// `YYYYMMDD`, or the date part of `YYYYMMDDTHHMMSS[Z]`.
    static func date(_ value: String) -> CivilDate? {
        let bytes = Array(value.utf8)
        guard bytes.count == 8 || (bytes.count >= 15 && bytes[8] == UInt8(ascii: "T")),
            let year = CivilDate.digits(bytes[0..<4]), let month = CivilDate.digits(bytes[4..<6]),
            let day = CivilDate.digits(bytes[6..<8])
        else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// The days of `PnD` or `PnW`.
    static func days(inDuration value: String) -> Int? {
        guard value.hasPrefix("P"), value.count >= 3 else { return nil }
        let unit = value.last
        guard let number = Int(value.dropFirst().dropLast()), number >= 0 else { return nil }
        switch unit {
        case "D": return number
        case "W": return number * 7
        default: return nil
        }
    }

    /// RFC 5545 TEXT unescaping: `\\`, `\;`, `\,`, `\n`.
    static func unescaped(_ text: String) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                result.append(character == "n" || character == "N" ? "\n" : character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
