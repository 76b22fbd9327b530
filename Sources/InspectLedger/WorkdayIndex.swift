import InspectCalendar

/// Working-day arithmetic in constant time over a range of dates, built once from a
/// ``HolidayCalendar``.
///
/// The index holds, for each date of the range, how many working days (workdays and
/// makeup workdays; not rest days or holidays) fall on or before it, and the position of
/// every working day. Adding working days to a date in the range is then two array reads.
/// Outside the range (or when the answer lies outside it) the index falls back to the
/// calendar's own ``HolidayCalendar/addingWorkdays(_:to:)``, which is correct but slow.
///
/// Counting follows ``HolidayCalendar/addingWorkdays(_:to:)``: `+n` is the n-th working
/// day after the date, `-n` the n-th working day before it, and `0` the date itself,
/// whatever kind of day it is. So +3 working days from Wednesday 2026-09-30 (before the
/// National Day holiday 10-01…10-07) is Saturday 2026-10-10, a makeup workday.
public struct WorkdayIndex: Sendable {
    /// The calendar the index was built from, used outside the range.
    public let calendar: HolidayCalendar
    /// The first date of the range.
    public let first: CivilDate
    /// The last date of the range (not before `first`).
    public let last: CivilDate

    /// Days since the epoch of `first`.
    let firstDay: Int
    /// `cumulative[i]`: working days from `first` through `first + i`, inclusive.
    let cumulative: [Int32]
    /// Offsets from `first` of every working day in the range, in order.
    let workdayOffsets: [Int32]

    /// The largest range an index covers: 200 years. Longer ranges are clipped at the end.
    public static let maximumDays = 73_050

    /// Indexes `first` through `last` (inclusive; swapped when `last` is earlier; clipped
    /// to ``maximumDays``).
    public init(calendar: HolidayCalendar, from first: CivilDate, through last: CivilDate) {
        let (low, high) = first <= last ? (first, last) : (last, first)
        let clippedHigh = low.days(to: high) >= Self.maximumDays ? low.adding(days: Self.maximumDays - 1) : high
        self.calendar = calendar
        self.first = low
        self.last = clippedHigh
        firstDay = low.daysSinceEpoch
        let days = calendar.days(from: low, through: clippedHigh)
        var cumulative: [Int32] = []
        cumulative.reserveCapacity(days.count)
        var offsets: [Int32] = []
        offsets.reserveCapacity(days.count * 3 / 4)
        var count: Int32 = 0
        for (offset, day) in days.enumerated() {
            if day.kind.countsAsWorkday {
                count += 1
                offsets.append(Int32(offset))
            }
            cumulative.append(count)
        }
        self.cumulative = cumulative
        workdayOffsets = offsets
    }

    /// An index of the years `firstYear` through `lastYear`, whole.
    public init(calendar: HolidayCalendar, years: ClosedRange<Int>) {
        self.init(
            calendar: calendar, from: CivilDate(year: years.lowerBound, month: 1, day: 1)!,
            through: CivilDate(year: years.upperBound, month: 12, day: 31)!)
    }

    /// Whether `date` lies in the indexed range.
    public func contains(_ date: CivilDate) -> Bool {
        first <= date && date <= last
    }

    /// Whether `date` is a working day (a workday or a makeup workday).
    public func isWorkday(_ date: CivilDate) -> Bool {
        let offset = date.daysSinceEpoch - firstDay
        guard offset >= 0, offset < cumulative.count else { return calendar.day(date).kind.countsAsWorkday }
        return isWorkday(offset: offset)
    }

    /// The date `count` working days after `date` (before it when negative); `date`
    /// itself when `count` is 0. O(1) inside the range.
    public func date(addingWorkdays count: Int, to date: CivilDate) -> CivilDate {
        if let day = day(addingWorkdays: count, to: date.daysSinceEpoch) {
            return CivilDate(daysSinceEpoch: day)
        }
        return calendar.addingWorkdays(count, to: date)
    }

    /// Working days after `start` up to and including `end`; negative when `end` is
    /// before `start` (minus the working days after `end` through `start`).
    public func workdays(after start: CivilDate, through end: CivilDate) -> Int {
        workdays(afterDay: start.daysSinceEpoch, throughDay: end.daysSinceEpoch)
    }

    // MARK: on days since the epoch (for the ladder's inner loops)

    @inline(__always)
    func isWorkday(offset: Int) -> Bool {
        let previous = offset == 0 ? 0 : cumulative[offset - 1]
        return cumulative[offset] != previous
    }

    /// The day `count` working days from `day`, or nil when the index cannot answer
    /// (the day or the answer lies outside the range).
    @inline(__always)
    func day(addingWorkdays count: Int, to day: Int) -> Int? {
        if count == 0 { return day }
        let offset = day - firstDay
        guard offset >= 0, offset < cumulative.count else { return nil }
        let through = Int(cumulative[offset])  // working days on or before `day`
        let position: Int
        if count > 0 {
            position = through + count - 1
        } else {
            let before = isWorkday(offset: offset) ? through - 1 : through
            position = before + count
        }
        guard position >= 0, position < workdayOffsets.count else { return nil }
        return firstDay + Int(workdayOffsets[position])
    }

    /// The day `count` working days from `day`, inside the range or not.
    func anyDay(addingWorkdays count: Int, to day: Int) -> Int {
        if let answer = self.day(addingWorkdays: count, to: day) { return answer }
        return calendar.addingWorkdays(count, to: CivilDate(daysSinceEpoch: day)).daysSinceEpoch
    }

    /// Working days in `(start, end]` (negated when `end < start`), inside the range or not.
    func workdays(afterDay start: Int, throughDay end: Int) -> Int {
        if end < start { return -workdays(afterDay: end, throughDay: start) }
        if end == start { return 0 }
        let startOffset = start - firstDay
        let endOffset = end - firstDay
        if startOffset >= 0, endOffset < cumulative.count {
            return Int(cumulative[endOffset] - cumulative[startOffset])
        }
        // Outside the range: count the part inside with the index, the rest day by day.
        var total = 0
        var cursor = start + 1
        while cursor <= end {
            let offset = cursor - firstDay
            if offset >= 0, offset < cumulative.count {
                let stop = min(end, firstDay + cumulative.count - 1)
                let before = offset == 0 ? 0 : Int(cumulative[offset - 1])
                total += Int(cumulative[stop - firstDay]) - before
                cursor = stop + 1
            } else {
                let stop = offset < 0 ? min(end, firstDay - 1) : end
                total += calendar.days(from: CivilDate(daysSinceEpoch: cursor), through: CivilDate(daysSinceEpoch: stop))
                    .reduce(0) { $0 + ($1.kind.countsAsWorkday ? 1 : 0) }
                cursor = stop + 1
            }
        }
        return total
    }
}
