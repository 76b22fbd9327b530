/// A time zone as pure code sees it: the offset from UTC at any instant.
///
/// The pure modules never read the time zone database; the daemon resolves an IANA name
/// (such as `Asia/Shanghai`) at its edge and hands the result in. Instants are whole
/// seconds since 1970-01-01T00:00:00Z ("UTC seconds"); local seconds are the same count
/// on the zone's wall clock.
public struct DistrictTimeZone: Sendable, CustomStringConvertible {
    /// The IANA name, such as `Asia/Shanghai`.
    public let identifier: String
    private let offsetAtUTC: @Sendable (Int64) -> Int

    /// A zone whose offset from UTC (in seconds, east positive) at an instant is
    /// `offsetAtUTC(utcSeconds)`.
    public init(identifier: String, offsetAtUTC: @escaping @Sendable (Int64) -> Int) {
        self.identifier = identifier
        self.offsetAtUTC = offsetAtUTC
    }

    /// A zone that is always `offsetSeconds` east of UTC (China: +28800).
    public static func fixed(identifier: String, offsetSeconds: Int) -> DistrictTimeZone {
        DistrictTimeZone(identifier: identifier) { _ in offsetSeconds }
    }

    /// China Standard Time, UTC+8 with no daylight saving since 1991.
    public static let chinaStandardTime = DistrictTimeZone.fixed(identifier: "Asia/Shanghai", offsetSeconds: 28_800)

    /// Seconds east of UTC at the instant.
    public func offsetSeconds(atUTC utcSeconds: Int64) -> Int {
        offsetAtUTC(utcSeconds)
    }

    /// The wall-clock reading at the instant, as local seconds.
    public func localSeconds(fromUTC utcSeconds: Int64) -> Int64 {
        utcSeconds + Int64(offsetAtUTC(utcSeconds))
    }

    /// The instant a wall-clock reading names. In a gap or a repeated hour of a zone with
    /// daylight saving, the reading is taken with the offset in force just before it.
    public func utcSeconds(fromLocal localSeconds: Int64) -> Int64 {
        let guess = localSeconds - Int64(offsetAtUTC(localSeconds - Int64(offsetAtUTC(localSeconds))))
        return localSeconds - Int64(offsetAtUTC(guess))
    }

    /// The instant at which `date` begins (its local midnight).
    public func startOfDay(_ date: CivilDate) -> Int64 {
        utcSeconds(fromLocal: Int64(date.daysSinceEpoch) * 86_400)
    }

    /// The local date at the instant.
    public func date(atUTC utcSeconds: Int64) -> CivilDate {
        CivilDate(daysSinceEpoch: Int(Self.floorDivide(localSeconds(fromUTC: utcSeconds), 86_400)))
    }

    /// ISO 8601 with the zone's offset, to the second: `2026-11-29T08:00:00+08:00`.
    public func iso8601(utcSeconds: Int64) -> String {
        let offset = offsetAtUTC(utcSeconds)
        let local = utcSeconds + Int64(offset)
        let days = Self.floorDivide(local, 86_400)
        let secondOfDay = Int(local - days * 86_400)
        let date = CivilDate(daysSinceEpoch: Int(days))
        let sign = offset < 0 ? "-" : "+"
        let offsetMinutes = abs(offset) / 60
        return "\(date)T\(CivilDate.padded(secondOfDay / 3600, 2)):\(CivilDate.padded(secondOfDay / 60 % 60, 2))"
            + ":\(CivilDate.padded(secondOfDay % 60, 2))"
            + "\(sign)\(CivilDate.padded(offsetMinutes / 60, 2)):\(CivilDate.padded(offsetMinutes % 60, 2))"
    }

    /// The identifier.
    public var description: String { identifier }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
