import InspectCalendar

/// The kinds of forecast file inspectd reads.
public enum ForecastFormat: String, Sendable, Codable, CaseIterable {
    /// The JSON an Open-Meteo `/v1/forecast` request returns with
    /// `hourly=precipitation,precipitation_probability`.
    case openMeteo = "open-meteo"
    /// `start,end,precipitation_mm,probability[,area]`, one interval per row.
    case csv
}

/// What a forecast says about one span of time: `[start, end)` in UTC seconds.
public struct ForecastInterval: Sendable, Hashable, Codable {
    /// First second of the interval (UTC seconds).
    public var start: Int64
    /// First second after the interval (UTC seconds); later than `start`.
    public var end: Int64
    /// Precipitation over the whole interval in mm; nil when the file gives no value.
    public var precipitationMM: Double?
    /// Probability of precipitation in the interval, 0...100; nil when the file gives no value.
    public var probabilityPercent: Double?
    /// The area (a locality id) the interval is for; nil for the whole district.
    public var area: String?

    /// Creates an interval.
    public init(
        start: Int64, end: Int64, precipitationMM: Double?, probabilityPercent: Double?, area: String? = nil
    ) {
        self.start = start
        self.end = end
        self.precipitationMM = precipitationMM
        self.probabilityPercent = probabilityPercent
        self.area = area
    }

    /// Sort order of parsed forecasts: the whole district (nil) first, then areas by id;
    /// within an area by start.
    static func areaThenStart(_ left: ForecastInterval, _ right: ForecastInterval) -> Bool {
        let leftKey = (left.area == nil ? 0 : 1, left.area ?? "", left.start, left.end)
        let rightKey = (right.area == nil ? 0 : 1, right.area ?? "", right.start, right.end)
        return leftKey < rightKey
    }
}

/// A forecast file that passed every check.
public struct ParsedForecast: Sendable, Equatable {
    /// The format it was read as.
    public var format: ForecastFormat
    /// Open-Meteo: its `timezone` (an IANA name). CSV: the district zone's identifier when
    /// some time was written without an offset (and so read in that zone), else nil.
    public var timezone: String?
    /// The intervals, sorted by area (the whole district first) and then start; never empty.
    public var intervals: [ForecastInterval]
    /// The earliest start of any interval (UTC seconds).
    public var coverageStart: Int64
    /// The latest end of any interval (UTC seconds).
    public var coverageEnd: Int64

    /// Creates a parsed forecast: sorts `intervals` (which must not be empty) and
    /// computes the coverage from them.
    public init(format: ForecastFormat, timezone: String?, intervals: [ForecastInterval]) {
        precondition(!intervals.isEmpty, "a parsed forecast has at least one interval")
        self.format = format
        self.timezone = timezone
        self.intervals = intervals.sorted(by: ForecastInterval.areaThenStart)
        coverageStart = intervals.map(\.start).min()!
        coverageEnd = intervals.map(\.end).max()!
    }
}

/// What a parser needs to know besides the file: the district's zone, how to look up
/// other zones, and the planning window.
public struct ForecastContext: Sendable {
    /// The zone for CSV times written without an offset.
    public var districtZone: DistrictTimeZone
    /// Resolves an IANA zone name; nil for a zone this system does not know. The daemon
    /// backs it with `Foundation.TimeZone`; pure code never reads the zone database.
    public var zoneNamed: @Sendable (String) -> DistrictTimeZone?
    /// The planning window `[start, end)` in UTC seconds; every interval of a forecast
    /// must lie inside it.
    public var window: (start: Int64, end: Int64)

    /// Creates a context.
    public init(
        districtZone: DistrictTimeZone, zoneNamed: @escaping @Sendable (String) -> DistrictTimeZone?,
        window: (start: Int64, end: Int64)
    ) {
        self.districtZone = districtZone
        self.zoneNamed = zoneNamed
        self.window = window
    }

    /// The window for messages: `2026-11-29T00:00:00+08:00 to 2026-12-06T00:00:00+08:00`.
    var windowDescription: String {
        "\(districtZone.iso8601(utcSeconds: window.start)) to \(districtZone.iso8601(utcSeconds: window.end))"
    }
}

/// Limits shared by the formats.
enum ForecastLimits {
    /// More precipitation than this per hour is not a forecast but a broken file (the
    /// heaviest hourly rain ever measured is about 300 mm).
    static let absurdMMPerHour: Double = 500
}

/// Wall-clock times as forecast files write them.
enum ForecastTime {
    /// A parsed time: the wall-clock reading as local seconds and the written offset
    /// from UTC in seconds (nil when none was written).
    struct Reading: Equatable {
        var localSeconds: Int64
        var offsetSeconds: Int?
    }

    /// Parses `YYYY-MM-DDTHH:MM`, and when `full` also `:SS` and an offset `Z` or
    /// `±HH:MM`. Hours 00–23, minutes and seconds 00–59; the date must exist.
    static func parse(_ text: String, full: Bool) -> Reading? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
            let date = CivilDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
            let hour = digits(bytes[11..<13]), let minute = digits(bytes[14..<16]), hour < 24, minute < 60
        else { return nil }
        var rest = bytes[16...]
        if !full { return rest.isEmpty ? Reading(localSeconds: local(date, hour, minute, 0), offsetSeconds: nil) : nil }
        var second = 0
        if rest.first == UInt8(ascii: ":") {
            guard rest.count >= 3, let value = digits(rest.dropFirst().prefix(2)), value < 60 else { return nil }
            second = value
            rest = rest.dropFirst(3)
        }
        let localSeconds = local(date, hour, minute, second)
        if rest.isEmpty { return Reading(localSeconds: localSeconds, offsetSeconds: nil) }
        if rest.count == 1, rest.first == UInt8(ascii: "Z") {
            return Reading(localSeconds: localSeconds, offsetSeconds: 0)
        }
        guard rest.count == 6, let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
            rest[rest.startIndex + 3] == UInt8(ascii: ":"),
            let offsetHours = digits(rest.dropFirst().prefix(2)), let offsetMinutes = digits(rest.suffix(2)),
            offsetHours <= 18, offsetMinutes < 60
        else { return nil }
        let offset = (offsetHours * 3600 + offsetMinutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        return Reading(localSeconds: localSeconds, offsetSeconds: offset)
    }

    static func local(_ date: CivilDate, _ hour: Int, _ minute: Int, _ second: Int) -> Int64 {
        Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// `HH:MM` of a UTC instant in `zone`, for messages.
    static func clock(_ utcSeconds: Int64, in zone: DistrictTimeZone) -> String {
        let text = zone.iso8601(utcSeconds: utcSeconds)
        return String(text.dropFirst(11).prefix(5))
    }
}
