import InspectAPI
import InspectCalendar

/// `inspectctl roster week`: one ISO week as a grid, periods down and the seven days
/// across, each cell naming the teams on duty (zone and team number, such as `北1 南2`),
/// with rain periods, shortfalls, holidays and makeup workdays marked. Sized to the
/// terminal, 80 columns when there is none. A pure function of the daemon's answers.
enum WeekGrid {
    /// The most lines a cell takes before its teams are counted instead of listed.
    static let maximumCellLines = 3
    /// Day columns never grow wider than this, so a wide terminal still shows a grid.
    static let widestCell = 16
    /// Nor narrower than this (a terminal narrower than 48 columns gets a wider grid).
    static let narrowestCell = 4
    /// The width used when standard output is not a terminal.
    static let defaultWidth = 80

    /// The Monday that starts the ISO week containing `date`.
    static func monday(of date: CivilDate) -> CivilDate {
        date.adding(days: 1 - date.isoWeekday)
    }

    /// The ISO 8601 week-numbering year and week of `date` (the week's Thursday decides
    /// the year).
    static func isoWeek(of date: CivilDate) -> (year: Int, week: Int) {
        let thursday = monday(of: date).adding(days: 3)
        let newYear = CivilDate(year: thursday.year, month: 1, day: 1)!
        return (thursday.year, newYear.days(to: thursday) / 7 + 1)
    }

    /// The grid for the week that starts on `monday`: `report` holds that week's teams and
    /// shortfalls, `days` the calendar of (at least) that week.
    static func render(_ report: RosterReport, days: [CalendarDay], monday: CivilDate, _ presentation: Presentation) -> String {
        let language = presentation.language
        let dates = (0..<7).map { monday.adding(days: $0) }
        let dateTexts = Set(dates.map(\.description))
        let shifts = report.shifts.filter { dateTexts.contains($0.date) }
        let shortfalls = report.shortfalls.filter { dateTexts.contains($0.date) }
        let calendar = Dictionary(days.map { ($0.date, $0) }, uniquingKeysWith: { first, _ in first })

        let periods = periodRows(shifts: shifts, shortfalls: shortfalls)
        var zones: [String] = []
        for zone in shifts.map(\.zone) + shortfalls.map(\.zone) where !zones.contains(zone) { zones.append(zone) }
        let abbreviations = zoneAbbreviations(zones, language)

        // Column widths: the period column, then seven equal day columns, each after a space.
        let width = presentation.width ?? defaultWidth
        let periodHeader = ColumnTitles.titles(["period"], in: language)[0]
        let periodWidth = ([periodHeader] + periods.flatMap(\.label)).map(DisplayWidth.of).max() ?? 0
        let cellWidth = max(narrowestCell, min(widestCell, (width - periodWidth) / 7 - 1))
        let ruleWidth = periodWidth + 7 * (cellWidth + 1)

        func line(_ first: String, _ cells: [String]) -> String {
            var text = DisplayWidth.pad(first, to: periodWidth)
            for cell in cells { text += " " + DisplayWidth.pad(cell, to: cellWidth) }
            while text.last == " " { text.removeLast() }
            return text
        }

        let first = dates[0]
        let last = dates[6]
        let week = isoWeek(of: first)
        var lines = [presentation.text(.weekHeading(year: week.year, week: week.week, from: first.description, to: last.description))]

        // The header: date; weekday with 休/班; the holiday's name when any day has one.
        let headerDates = dates.map { String($0.description.dropFirst(5)) }
        let headerDays = dates.map { date -> String in
            let weekday = Phrase.weekday(date.isoWeekday).text(language)
            switch calendar[date]?.kind {
            case .holiday: return weekday + " " + Phrase.holidayMark.text(language)
            case .makeupWorkday: return weekday + " " + Phrase.makeupMark.text(language)
            default: return weekday
            }
        }
        let names = dates.map { date in
            calendar[date].flatMap { $0.kind == .holiday || $0.kind == .makeupWorkday ? $0.name : nil } ?? ""
        }
        lines.append(line(periodHeader, headerDates))
        lines.append(line("", headerDays))
        if names.contains(where: { !$0.isEmpty }) {
            lines.append(line("", names.map { DisplayWidth.truncate($0, to: cellWidth) }))
        }

        let rule = String(repeating: "-", count: ruleWidth)
        if periods.isEmpty {
            lines.append(rule)
            lines.append(presentation.text(.noShiftsPlanned))
        }
        for period in periods {
            lines.append(rule)
            let cells = dates.map { date in
                cell(
                    shifts: shifts.filter { $0.date == date.description && $0.period == period.id },
                    shortfalls: shortfalls.filter { $0.date == date.description && $0.period == period.id },
                    zones: zones, abbreviations: abbreviations, width: cellWidth, presentation)
            }
            let height = max(period.label.count, cells.map(\.count).max() ?? 1)
            for row in 0..<height {
                lines.append(line(row < period.label.count ? period.label[row] : "", cells.map { row < $0.count ? $0[row] : "" }))
            }
        }
        lines.append(rule)
        lines.append(contentsOf: key(zones: zones, abbreviations: abbreviations, language: language, width: width))
        lines.append(presentation.text(.weekDetails(from: first.description, to: last.description)))
        return lines.joined(separator: "\n")
    }

    /// A period's row: its id, and the lines of its label (name, then start time).
    struct PeriodRow {
        var id: String
        var label: [String]
    }

    /// The periods in the week, in the order of their start in the day (a night period
    /// from 00:00 first); a period known only from a shortfall comes last, by id.
    static func periodRows(shifts: [RosterShift], shortfalls: [RosterShortfall]) -> [PeriodRow] {
        var starts: [String: (clock: String, name: String)] = [:]
        for shift in shifts where starts[shift.period] == nil {
            starts[shift.period] = (RosterRendering.clock(shift.start), shift.periodName)
        }
        var rows = starts.sorted { ($0.value.clock, $0.key) < ($1.value.clock, $1.key) }.map {
            PeriodRow(id: $0.key, label: [$0.value.name, $0.value.clock])
        }
        for id in Set(shortfalls.map(\.period)).subtracting(starts.keys).sorted() {
            rows.append(PeriodRow(id: id, label: [id]))
        }
        return rows
    }

    /// A piece of a cell, red when colour is on and it is an alert.
    struct Token {
        var text: String
        var alert = false
    }

    /// The lines of one cell: the rain mark, the teams and the shortfall mark, wrapped to
    /// `width`; when listing the teams takes more than ``maximumCellLines`` lines, the
    /// teams per zone are counted (`北3组`), and failing that all teams together (`9组`).
    static func cell(
        shifts: [RosterShift], shortfalls: [RosterShortfall], zones: [String], abbreviations: [String: String], width: Int,
        _ presentation: Presentation
    ) -> [String] {
        let language = presentation.language
        let missing = shortfalls.map(\.missingTeams).reduce(0, +)
        if shifts.isEmpty && missing == 0 { return ["-"] }
        let zoneIndex = Dictionary(zones.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let teams = shifts.sorted { (zoneIndex[$0.zone] ?? 0, $0.team) < (zoneIndex[$1.zone] ?? 0, $1.team) }
        let head = teams.contains(where: \.rain) ? [Token(text: Phrase.rainMark.text(language))] : []
        let tail = missing > 0 ? [Token(text: Phrase.shortMark(missing).text(language), alert: true)] : []

        let listed = teams.map { Token(text: teamLabel(abbreviations[$0.zone] ?? $0.zone, $0.team)) }
        let counted = zones.compactMap { zone -> Token? in
            let count = teams.filter { $0.zone == zone }.count
            return count == 0 ? nil : Token(text: Phrase.zoneCount(abbreviation: abbreviations[zone] ?? zone, count: count).text(language))
        }
        let total = teams.isEmpty ? [] : [Token(text: Phrase.teamCount(teams.count).text(language))]
        var lines: [[Token]] = []
        for choice in [listed, counted, total] {
            lines = wrap(head + choice + tail, width: width)
            if lines.count <= maximumCellLines { break }
        }
        return lines.map { tokens in
            tokens.map { token in
                let text = DisplayWidth.truncate(token.text, to: width)
                return token.alert ? presentation.alert(text) : text
            }
            .joined(separator: " ")
        }
    }

    /// `北1`, or `Z1-1` when the zone's abbreviation ends in a digit.
    static func teamLabel(_ abbreviation: String, _ team: Int) -> String {
        abbreviation.last?.isNumber == true ? "\(abbreviation)-\(team)" : "\(abbreviation)\(team)"
    }

    /// Tokens in lines of at most `width` cells, separated by spaces, in order.
    static func wrap(_ tokens: [Token], width: Int) -> [[Token]] {
        var lines: [[Token]] = []
        var current: [Token] = []
        var used = 0
        for token in tokens {
            let cells = min(width, DisplayWidth.of(token.text))
            if !current.isEmpty && used + 1 + cells > width {
                lines.append(current)
                current = []
                used = 0
            }
            used += current.isEmpty ? cells : 1 + cells
            current.append(token)
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// Short, distinct names for zones: `北`/`N` for `north` and the other compass points,
    /// `中`/`C` for `central`; otherwise the id's first letter, lengthened until no two
    /// zones share one.
    static func zoneAbbreviations(_ zones: [String], _ language: Language) -> [String: String] {
        let known: [String: (en: String, zh: String)] = [
            "north": ("N", "北"), "south": ("S", "南"), "east": ("E", "东"), "west": ("W", "西"), "central": ("C", "中"),
            "center": ("C", "中"), "centre": ("C", "中"), "middle": ("M", "中"), "northeast": ("NE", "东北"), "northwest": ("NW", "西北"),
            "southeast": ("SE", "东南"), "southwest": ("SW", "西南"), "district": ("D", "全区"),
        ]
        func prefix(_ zone: String, _ length: Int) -> String {
            zone.prefix(1).uppercased() + zone.dropFirst().prefix(length - 1)
        }
        var result: [String: String] = [:]
        for zone in zones {
            result[zone] = known[zone].map { language.pick($0.en, $0.zh) } ?? prefix(zone, 1)
        }
        var length = 2
        while length <= (zones.map(\.count).max() ?? 0) {
            let clashing = Dictionary(grouping: zones) { result[$0]! }.values.filter { $0.count > 1 }.flatMap { $0 }
            if clashing.isEmpty { break }
            for zone in clashing { result[zone] = prefix(zone, length) }
            length += 1
        }
        return result
    }

    /// The key under the grid, wrapped to `width`: zones, then marks.
    static func key(zones: [String], abbreviations: [String: String], language: Language, width: Int) -> [String] {
        var items = zones.map { Phrase.zoneKey(abbreviation: abbreviations[$0] ?? $0, zone: $0).text(language) }
        if let zone = zones.first, let abbreviation = abbreviations[zone] {
            items.append(Phrase.teamKey(label: teamLabel(abbreviation, 2), abbreviation: abbreviation, team: 2).text(language))
            let count = Phrase.zoneCount(abbreviation: abbreviation, count: 3).text(language)
            items.append(Phrase.countKey(label: count, abbreviation: abbreviation, count: 3).text(language))
        }
        items += [Phrase.rainKey, .shortKey, .holidayKey, .makeupKey].map { $0.text(language) }
        let separator = language.pick("; ", "；")
        var lines: [String] = []
        var current = ""
        for item in items {
            let joined = current.isEmpty ? item : current + separator + item
            if !current.isEmpty && DisplayWidth.of(joined) > width {
                lines.append(current)
                current = item
            } else {
                current = joined
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
