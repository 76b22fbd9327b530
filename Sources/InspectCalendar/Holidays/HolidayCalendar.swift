import InspectCore

/// The district's calendar: the kind of every date, from the official schedules where
/// they exist and computed (and marked provisional) where they do not.
///
/// Schedules are layered: the built-in schedule first, then the operator's files. A year
/// covered by an operator's file is taken from the operator's files only (a corrected
/// schedule replaces the built-in one for its year); two operator files that disagree about
/// a date are an error.
public struct HolidayCalendar: Sendable {
    /// The years an official schedule covers.
    public let officialYears: Set<Int>
    /// The schedules in force, in layering order.
    public let schedules: [HolidaySchedule]
    private let entries: [CivilDate: (entry: HolidayEntry, source: String)]
    private let sourceOfYear: [Int: String]

    /// The calendar of the built-in schedules alone.
    public static let builtIn: HolidayCalendar = {
        switch HolidayCalendar.layering(builtIn: .builtIn, operatorSchedules: []) {
        case .success(let calendar): return calendar
        case .failure(let failure): preconditionFailure("the built-in calendar is broken: \(failure)")
        }
    }()

    /// Layers the operator's schedules over the built-in one, or reports every date two
    /// operator files disagree about.
    public static func layering(
        builtIn: HolidaySchedule, operatorSchedules: [HolidaySchedule]
    ) -> Result<HolidayCalendar, ImportFailure> {
        var entries: [CivilDate: (entry: HolidayEntry, source: String)] = [:]
        var sourceOfYear: [Int: String] = [:]
        let operatorYears = operatorSchedules.reduce(into: Set<Int>()) { $0.formUnion($1.years) }
        for entry in builtIn.entries where !operatorYears.contains(entry.date.year) {
            entries[entry.date] = (entry, builtIn.source)
        }
        for year in builtIn.years where !operatorYears.contains(year) { sourceOfYear[year] = builtIn.source }
        var problems: [ImportProblem] = []
        for schedule in operatorSchedules {
            for year in schedule.years {
                sourceOfYear[year] = sourceOfYear[year].map { $0 + ", " + schedule.source } ?? schedule.source
            }
            for entry in schedule.entries {
                if let earlier = entries[entry.date] {
                    if earlier.entry.kind != entry.kind {
                        problems.append(
                            ImportProblem(
                                file: schedule.source, line: entry.line, column: "date", value: entry.date.description,
                                message: "is a \(entry.kind.rawValue) here but a \(earlier.entry.kind.rawValue) in \(earlier.source) line \(earlier.entry.line); correct one of the two files"))
                    }
                    continue
                }
                entries[entry.date] = (entry, schedule.source)
            }
        }
        if !problems.isEmpty { return .failure(ImportFailure(problems)) }
        return .success(
            HolidayCalendar(
                officialYears: Set(sourceOfYear.keys), schedules: [builtIn] + operatorSchedules,
                entries: entries, sourceOfYear: sourceOfYear))
    }

    private init(
        officialYears: Set<Int>, schedules: [HolidaySchedule],
        entries: [CivilDate: (entry: HolidayEntry, source: String)], sourceOfYear: [Int: String]
    ) {
        self.officialYears = officialYears
        self.schedules = schedules
        self.entries = entries
        self.sourceOfYear = sourceOfYear
    }

    /// The kind of one date.
    public func day(_ date: CivilDate) -> CalendarDay {
        days(from: date, through: date)[0]
    }

    /// One day per date from `first` through `last` inclusive (empty when `last` is earlier).
    public func days(from first: CivilDate, through last: CivilDate) -> [CalendarDay] {
        var computed: [Int: [CivilDate: HolidayEntry]] = [:]
        return first.through(last).map { date in
            if let source = sourceOfYear[date.year] {
                return Self.day(date, entry: entries[date]?.entry, provisional: false, source: entries[date]?.source ?? source)
            }
            if computed[date.year] == nil {
                computed[date.year] = Dictionary(
                    uniqueKeysWithValues: ComputedHolidays.schedule(for: date.year).entries.map { ($0.date, $0) })
            }
            return Self.day(date, entry: computed[date.year]?[date], provisional: true, source: ComputedHolidays.sourceName)
        }
    }

    private static func day(_ date: CivilDate, entry: HolidayEntry?, provisional: Bool, source: String) -> CalendarDay {
        if let entry {
            return CalendarDay(date: date, kind: entry.kind, name: entry.name, provisional: provisional, inLieu: entry.inLieu, source: source)
        }
        return CalendarDay(date: date, kind: date.isWeekend ? .restday : .workday, name: nil, provisional: provisional, inLieu: false, source: source)
    }

    /// The first date from `first` through `last` that no official schedule covers, or nil.
    public func firstProvisionalDate(from first: CivilDate, through last: CivilDate) -> CivilDate? {
        guard first <= last else { return nil }
        for year in first.year...last.year where !officialYears.contains(year) {
            return max(first, CivilDate(year: year, month: 1, day: 1)!)
        }
        return nil
    }

    /// The date `count` working days after `date` (before it when negative), counting
    /// workdays and makeup workdays and skipping rest days and holidays. Zero returns
    /// `date` itself.
    public func addingWorkdays(_ count: Int, to date: CivilDate) -> CivilDate {
        guard count != 0 else { return date }
        let step = count > 0 ? 1 : -1
        var remaining = abs(count)
        var cursor = date
        while remaining > 0 {
            // Look ahead a month at a time so computed years are laid out once per block.
            let block = days(from: step > 0 ? cursor.adding(days: 1) : cursor.adding(days: -31),
                             through: step > 0 ? cursor.adding(days: 31) : cursor.adding(days: -1))
            for day in step > 0 ? block : block.reversed() {
                cursor = day.date
                if day.kind.countsAsWorkday {
                    remaining -= 1
                    if remaining == 0 { break }
                }
            }
        }
        return cursor
    }
}

/// What the daemon says when the planning horizon runs past the official calendar.
public struct CalendarHorizonWarning: Sendable, Equatable, CustomStringConvertible {
    /// The first date no official schedule covers.
    public var firstProvisionalDate: CivilDate
    /// The last date of the horizon.
    public var horizonEnd: CivilDate
    /// The file to add, such as `/etc/inspectd/calendar.d/2027.tsv`.
    public var fileToAdd: String

    /// The warning for the horizon `today...horizonEnd`, or nil when it is all official.
    public init?(calendar: HolidayCalendar, today: CivilDate, horizonEnd: CivilDate, calendarDirectory: String) {
        guard let first = calendar.firstProvisionalDate(from: today, through: horizonEnd) else { return nil }
        firstProvisionalDate = first
        self.horizonEnd = horizonEnd
        let directory = calendarDirectory.hasSuffix("/") ? String(calendarDirectory.dropLast()) : calendarDirectory
        fileToAdd = "\(directory)/\(first.year).tsv"
    }

    /// One line for the journal, `STATUS=` and `inspectctl status`.
    public var description: String {
        "the planning horizon runs to \(horizonEnd), past the official holiday calendar: dates from \(firstProvisionalDate) are provisional "
            + "(weekends and computed statutory holidays, no adjusted working days); add the State Council's \(firstProvisionalDate.year) schedule as \(fileToAdd) and reload"
    }
}
