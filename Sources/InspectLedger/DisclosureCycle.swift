import InspectCalendar

/// How often the public disclosure (一公开) is written. `[disclosure] cycle`.
public enum DisclosureCycleKind: String, Sendable, Hashable, CaseIterable {
    /// Each ISO week (Monday to Sunday), named `2026-W48`.
    case weekly
    /// Each calendar month, named `2026-11`.
    case monthly
}

/// One period the disclosure covers: its dates and its name (`2026-W48`, `2026-11`).
public struct DisclosurePeriod: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var from: CivilDate
    public var to: CivilDate
    public var name: String

    public init(from: CivilDate, to: CivilDate, name: String) {
        self.from = from
        self.to = to
        self.name = name
    }

    public static func < (left: DisclosurePeriod, right: DisclosurePeriod) -> Bool { left.from < right.from }

    public var description: String { "\(name) (\(from) to \(to))" }

    /// The files' name without extension: `disclosure-2026-W48`.
    public var fileStem: String { "disclosure-\(name)" }
}

/// When each period's disclosure is written: the period after it ends, on a weekday
/// (weekly) or a day of the month (monthly), at a local time. Pure: the caller passes the
/// time and the zone.
public struct DisclosureSchedule: Sendable, Hashable {
    public var kind: DisclosureCycleKind
    /// 1 (Monday) ... 7 (Sunday): a weekly period is written on this day of the next week.
    public var weekday: Int
    /// 1 ... 28: a monthly period is written on this day of the next month.
    public var dayOfMonth: Int
    /// Minutes after local midnight.
    public var minute: Int

    public init(kind: DisclosureCycleKind, weekday: Int, dayOfMonth: Int, minute: Int) {
        self.kind = kind
        self.weekday = weekday
        self.dayOfMonth = dayOfMonth
        self.minute = minute
    }

    /// The period holding `date`.
    public func period(containing date: CivilDate) -> DisclosurePeriod {
        switch kind {
        case .weekly:
            let monday = date.adding(days: 1 - date.isoWeekday)
            let (year, week) = Self.isoWeek(of: date)
            return DisclosurePeriod(from: monday, to: monday.adding(days: 6), name: "\(year)-W\(week < 10 ? "0" : "")\(week)")
        case .monthly:
            let first = CivilDate(year: date.year, month: date.month, day: 1)!
            let last = CivilDate(year: date.year, month: date.month, day: CivilDate.daysInMonth(year: date.year, month: date.month))!
            return DisclosurePeriod(from: first, to: last, name: "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)")
        }
    }

    /// The period before `period`.
    public func previous(_ period: DisclosurePeriod) -> DisclosurePeriod { self.period(containing: period.from.adding(days: -1)) }

    /// The period after `period`.
    public func next(_ period: DisclosurePeriod) -> DisclosurePeriod { self.period(containing: period.to.adding(days: 1)) }

    /// The local day `period`'s disclosure is written on.
    public func writeDate(of period: DisclosurePeriod) -> CivilDate {
        let following = period.to.adding(days: 1)
        switch kind {
        case .weekly: return following.adding(days: weekday - 1)
        case .monthly: return following.adding(days: dayOfMonth - 1)
        }
    }

    /// When `period`'s disclosure falls due, UTC seconds.
    public func dueAt(_ period: DisclosurePeriod, zone: DistrictTimeZone) -> Int64 {
        zone.utcSeconds(fromLocal: Int64(writeDate(of: period).daysSinceEpoch) * 86_400 + Int64(minute) * 60)
    }

    /// The newest period whose disclosure is due at `now`.
    public func latestDue(now: Int64, zone: DistrictTimeZone) -> DisclosurePeriod {
        var period = previous(self.period(containing: zone.date(atUTC: now)))
        while dueAt(period, zone: zone) > now { period = previous(period) }
        return period
    }

    /// The periods to write at `now`, oldest first. `written` holds the dates of every
    /// report already written, whatever its cycle (a switch of `[disclosure] cycle` keeps
    /// them): what is due starts after the latest date written, so no visit is published
    /// twice — a period reaching back before it is cut to start the day after (its report
    /// covers only the days not yet published), and a period overlapping a written report is
    /// skipped. At most `limit` periods are written (the newest ones); with nothing written
    /// yet, only the newest due period (a first start does not write the past).
    ///
    /// Each period is decided by itself against the clock: one ending today or later is
    /// never due, and a report dated today or later (written while the clock ran ahead) does
    /// not hold the others back, so once the clock is right the periods since the latest
    /// report of the past are written.
    public func duePeriods(now: Int64, zone: DistrictTimeZone, written: [ClosedRange<CivilDate>], limit: Int) -> [DisclosurePeriod] {
        let today = zone.date(atUTC: now)
        let latest = latestDue(now: now, zone: zone)
        func writable(_ period: DisclosurePeriod) -> Bool {
            period.to < today && !written.contains { $0.overlaps(period.from...period.to) }
        }
        guard let floor = written.map(\.upperBound).filter({ $0 < today }).max() else { return writable(latest) ? [latest] : [] }
        var periods: [DisclosurePeriod] = []
        var period = latest
        var looked = 0
        while looked < limit, period.to > floor {
            looked += 1
            var candidate = period
            if candidate.from <= floor { candidate.from = floor.adding(days: 1) }
            if writable(candidate) { periods.append(candidate) }
            period = previous(period)
        }
        return periods.reversed()
    }

    /// The ISO 8601 week-numbering year and week of `date`: the week's Thursday decides the
    /// year (2026-12-31, a Thursday, is in 2026-W53; 2027-01-03 too).
    public static func isoWeek(of date: CivilDate) -> (year: Int, week: Int) {
        let thursday = date.adding(days: 4 - date.isoWeekday)
        let januaryFirst = CivilDate(year: thursday.year, month: 1, day: 1)!
        return (thursday.year, januaryFirst.days(to: thursday) / 7 + 1)
    }
}
