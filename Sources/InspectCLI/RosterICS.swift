import InspectAPI
import InspectCalendar

/// The roster as an iCalendar file (RFC 5545) that a phone's calendar imports:
/// `inspectctl roster --format ics [--inspector ID]`. A pure function of the daemon's
/// decoded answer and the time of export, so the file is tested without a daemon.
///
/// - One `VEVENT` per shift: with an inspector, each of that person's shifts; without,
///   each team-shift.
/// - Times in UTC (`…Z`), so no `VTIMEZONE` is needed; phones show them in local time.
/// - A `UID` that names the assignment and nothing that re-planning changes, so a
///   re-import updates the event instead of adding a second one: `DATE/PERIOD/INSPECTOR`
///   for a person (moved to another team on the same shift, it is still the same duty),
///   the shift id `DATE/PERIOD/ZONE/TEAM` for a team.
/// - `SEQUENCE` is the plan that last set the team: a newer plan's version wins.
/// - Site lists are never written, sealed or not: visits are left out altogether.
/// - Text escaped (`\\`, `\;`, `\,`, `\n`), lines folded at 75 octets without splitting
///   a UTF-8 character, CRLF line ends.
enum RosterICS {
    static let productID = "-//inspectd//inspectctl roster//EN"

    /// The suffix that makes the UIDs globally unique.
    static let uidDomain = "inspectd"

    /// A shift time the daemon wrote that is not ISO 8601 with an offset.
    struct UnreadableTime: Error, CustomStringConvertible {
        var shift: String
        var value: String
        var description: String { "shift \(shift) has the time \"\(value)\", which is not ISO 8601 with an offset" }
    }

    /// The calendar: `report`'s shifts (only `inspector`'s when given), stamped with
    /// `stamp` (seconds since 1970 UTC; the moment of export, DTSTAMP).
    static func calendar(_ report: RosterReport, inspector: String?, stamp: Int64) throws(UnreadableTime) -> String {
        let shifts = report.shifts.filter { shift in inspector.map { id in shift.members.contains { $0.id == id } } ?? true }
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:" + productID,
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ]
        let name = calendarName(shifts, inspector: inspector)
        lines.append("NAME:" + escaped(name))
        lines.append("X-WR-CALNAME:" + escaped(name))
        var usedUIDs: Set<String> = []
        for shift in shifts {
            var uid = self.uid(shift, inspector: inspector)
            // A person put on two teams of one shift by hand: the second keeps its team in the UID.
            if usedUIDs.contains(uid), let inspector { uid = "\(shift.id)/\(inspector)@\(uidDomain)" }
            usedUIDs.insert(uid)
            guard let start = utcStamp(iso: shift.start) else { throw UnreadableTime(shift: shift.id, value: shift.start) }
            guard let end = utcStamp(iso: shift.end) else { throw UnreadableTime(shift: shift.id, value: shift.end) }
            lines.append(contentsOf: [
                "BEGIN:VEVENT",
                "UID:" + escaped(uid),
                "DTSTAMP:" + utcStamp(seconds: stamp),
                "SEQUENCE:\(max(0, shift.plan))",
                "DTSTART:" + start,
                "DTEND:" + end,
                "SUMMARY:" + escaped(summary(shift)),
                "LOCATION:" + escaped("zone \(shift.zone)"),
                "DESCRIPTION:" + escaped(description(shift, inspector: inspector)),
                "STATUS:CONFIRMED",
                "TRANSP:OPAQUE",
                "END:VEVENT",
            ])
        }
        lines.append("END:VCALENDAR")
        return lines.map { folded($0) + "\r\n" }.joined()
    }

    /// `DATE/PERIOD/INSPECTOR@inspectd` for a person's duty, `DATE/PERIOD/ZONE/TEAM@inspectd` for a team.
    static func uid(_ shift: RosterShift, inspector: String?) -> String {
        if let inspector { return "\(shift.date)/\(shift.period)/\(inspector)@\(uidDomain)" }
        return "\(shift.id)@\(uidDomain)"
    }

    /// `夜班 · zone north · team 1`.
    static func summary(_ shift: RosterShift) -> String {
        "\(shift.periodName) · zone \(shift.zone) · team \(shift.team)"
    }

    static func calendarName(_ shifts: [RosterShift], inspector: String?) -> String {
        guard let inspector else { return "联合巡查排班 roster" }
        let name = shifts.lazy.flatMap(\.members).first { $0.id == inspector }?.name
        return "联合巡查排班 \(name.map { "\($0) (\(inspector))" } ?? inspector)"
    }

    /// The shift in words: when, the kind of day, rain, who else is on the team, the shift id.
    static func description(_ shift: RosterShift, inspector: String?) -> String {
        var lines = ["\(shift.date) \(shift.periodName) \(timeRange(start: shift.start, end: shift.end)) (district time)"]
        let holiday = shift.holiday.flatMap { $0.isEmpty ? nil : $0 }
        lines.append("Day: " + shift.dayKind + (holiday.map { " (\($0))" } ?? ""))
        if shift.rain { lines.append("Rain period (晴雨结合): extra teams on duty") }
        if let inspector {
            let others = shift.members.filter { $0.id != inspector }
            lines.append("Colleagues: " + (others.isEmpty ? "none" : others.map(memberLabel).joined(separator: ", ")))
        } else {
            lines.append("Team: " + (shift.members.isEmpty ? "nobody yet" : shift.members.map(memberLabel).joined(separator: ", ")))
        }
        lines.append("\(certifiedMark) certified (持执法证), department in brackets")
        lines.append("Shift \(shift.id), plan \(shift.plan)")
        return lines.joined(separator: "\n")
    }

    /// The mark after a certified officer's (持执法证) name, as the roster table writes it.
    static let certifiedMark = "★"

    /// `张伟★(sthj)`: the name, the certified mark and the department.
    static func memberLabel(_ member: RosterMember) -> String {
        "\(member.name)\(member.certified ? certifiedMark : "")(\(member.department))"
    }

    /// `HH:MM–HH:MM` from two ISO 8601 times; an end at the next midnight is `24:00`.
    static func timeRange(start: String, end: String) -> String {
        func clock(_ iso: String) -> String {
            let parts = iso.split(separator: "T", maxSplits: 1)
            return parts.count == 2 ? String(parts[1].prefix(5)) : iso
        }
        var endClock = clock(end)
        if endClock == "00:00" && end.prefix(10) != start.prefix(10) { endClock = "24:00" }
        return clock(start) + "–" + endClock
    }

    // MARK: RFC 5545 text

    /// A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma, and line
    /// breaks (CRLF, CR or LF) as `\n`; other control characters, which TEXT cannot
    /// hold, are dropped.
    static func escaped(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            switch scalar {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case ";": out.append(contentsOf: "\\;".unicodeScalars)
            case ",": out.append(contentsOf: "\\,".unicodeScalars)
            case "\r":
                out.append(contentsOf: "\\n".unicodeScalars)
                if pending == "\n" { pending = scalars.next() }
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\t": out.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The longest line, in octets, before the line break (RFC 5545 3.1).
    static let lineLimit = 75

    /// `line` folded (RFC 5545 3.1): no line longer than 75 octets, each continuation
    /// starting with one space (counted in its 75), breaks only between Unicode scalars
    /// so that a multi-octet UTF-8 character is never split. Joined with CRLF, without
    /// a final one.
    static func folded(_ line: String) -> String {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if octets + size > lineLimit {
                lines.append(String(current))
                current = String.UnicodeScalarView(" ".unicodeScalars)
                octets = 1
            }
            current.append(scalar)
            octets += size
        }
        lines.append(String(current))
        return lines.joined(separator: "\r\n")
    }

    // MARK: times

    /// `20261130T160000Z`: seconds since 1970 UTC as an RFC 5545 UTC DATE-TIME.
    static func utcStamp(seconds: Int64) -> String {
        let days = Int(seconds.floorDivided(by: 86_400))
        let second = Int(seconds - Int64(days) * 86_400)
        let date = CivilDate(daysSinceEpoch: days)
        return pad(date.year, 4) + pad(date.month, 2) + pad(date.day, 2) + "T" + pad(second / 3600, 2) + pad(second / 60 % 60, 2)
            + pad(second % 60, 2) + "Z"
    }

    /// An ISO 8601 date-time with `Z` or an offset (`2026-12-01T00:00:00+08:00`, as the
    /// daemon writes shift times) in UTC for DTSTART/DTEND; nil when it is not one.
    static func utcStamp(iso: String) -> String? {
        seconds(iso: iso).map { utcStamp(seconds: $0) }
    }

    /// Seconds since 1970 UTC of `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM|±HHMM)`.
    static func seconds(iso: String) -> Int64? {
        let bytes = Array(iso.utf8)
        guard bytes.count >= 17, let date = CivilDate(iso: iso.prefix(10)), bytes[10] == UInt8(ascii: "T"),
            let hour = number(bytes, 11, 2), bytes[13] == UInt8(ascii: ":"), let minute = number(bytes, 14, 2), hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        if bytes[index] == UInt8(ascii: ":") {
            guard let value = number(bytes, index + 1, 2), value < 60 else { return nil }
            second = value
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            let rest = bytes.count - index - 1
            guard let hours = number(bytes, index + 1, 2), hours <= 14 else { return nil }
            let minutes: Int?
            if rest == 5, bytes[index + 3] == UInt8(ascii: ":") {
                minutes = number(bytes, index + 4, 2)
            } else if rest == 4 {
                minutes = number(bytes, index + 3, 2)
            } else {
                minutes = nil
            }
            guard let minutes, minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return local - Int64(offset)
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

extension Int64 {
    /// Division rounding towards minus infinity (a time before 1970 stays on its day).
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
