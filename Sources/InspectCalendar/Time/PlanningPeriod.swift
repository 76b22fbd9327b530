/// One part of the duty day (班次时段), such as day 08:00–16:00 or night 00:00–08:00.
///
/// Times are minutes after local midnight. A period whose end is not after its start
/// crosses midnight (22:00–06:00) and belongs to the date it starts on. An end of 1440
/// is written 24:00.
public struct PlanningPeriod: Sendable, Hashable, Codable {
    /// A short stable id, such as `day`, `evening`, `night`.
    public var id: String
    /// The name shown to people, such as `白班`.
    public var name: String
    /// Minutes after midnight the period starts, 0..<1440.
    public var startMinute: Int
    /// Minutes after midnight the period ends, 1...1440; not after `startMinute` when the
    /// period crosses midnight.
    public var endMinute: Int

    public init(id: String, name: String, startMinute: Int, endMinute: Int) {
        self.id = id
        self.name = name
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// Whether the period runs past midnight into the next date.
    public var crossesMidnight: Bool { endMinute <= startMinute }

    /// Length in minutes.
    public var lengthMinutes: Int { crossesMidnight ? endMinute + 1440 - startMinute : endMinute - startMinute }

    /// The instants `[start, end)` of this period on `date` in `zone`.
    public func interval(on date: CivilDate, in zone: DistrictTimeZone) -> (start: Int64, end: Int64) {
        let midnight = Int64(date.daysSinceEpoch) * 86_400
        let start = zone.utcSeconds(fromLocal: midnight + Int64(startMinute) * 60)
        let endDay = crossesMidnight ? midnight + 86_400 : midnight
        let end = zone.utcSeconds(fromLocal: endDay + Int64(endMinute) * 60)
        return (start, end)
    }

    /// `HH:MM` for minutes after midnight (1440 is `24:00`).
    public static func clock(_ minute: Int) -> String {
        CivilDate.padded(minute / 60, 2) + ":" + CivilDate.padded(minute % 60, 2)
    }

    /// Minutes after midnight from `HH:MM` (00:00...24:00), or nil.
    public static func minute(fromClock text: some StringProtocol) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
            let hours = CivilDate.digits(bytes[0..<2]), let minutes = CivilDate.digits(bytes[3..<5]),
            minutes < 60, hours < 24 || (hours == 24 && minutes == 0)
        else { return nil }
        return hours * 60 + minutes
    }

    /// The default day: day 08:00–16:00, evening 16:00–24:00, night 00:00–08:00.
    public static let defaults: [PlanningPeriod] = [
        PlanningPeriod(id: "day", name: "白班", startMinute: 8 * 60, endMinute: 16 * 60),
        PlanningPeriod(id: "evening", name: "晚班", startMinute: 16 * 60, endMinute: 24 * 60),
        PlanningPeriod(id: "night", name: "夜班", startMinute: 0, endMinute: 8 * 60),
    ]

    /// Why `periods` do not cover each minute of the day exactly once, or nil when they do.
    /// Each message names the minutes that are missing or doubled.
    public static func coverageProblems(_ periods: [PlanningPeriod]) -> [String] {
        var owners = [[String]](repeating: [], count: 1440)
        for period in periods {
            for step in 0..<period.lengthMinutes {
                owners[(period.startMinute + step) % 1440].append(period.id)
            }
        }
        var problems: [String] = []
        var minute = 0
        while minute < 1440 {
            let here = owners[minute]
            var end = minute + 1
            while end < 1440 && owners[end] == here { end += 1 }
            if here.isEmpty {
                problems.append("\(clock(minute))–\(clock(end)) is in no period; every minute of the day must belong to exactly one period")
            } else if here.count > 1 {
                problems.append("\(clock(minute))–\(clock(end)) is in more than one period (\(here.joined(separator: ", "))); periods must not overlap")
            }
            minute = end
        }
        return problems
    }
}
