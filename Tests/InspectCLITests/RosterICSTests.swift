import ArgumentParser
import InspectAPI
import Testing

@testable import InspectCLI

/// `inspectctl roster --format ics`: the iCalendar text itself (RFC 5545), from decoded
/// reports made here; an independent parser reads real exports in the end-to-end tests.
@Suite struct RosterICSTests {
    typealias Fixture = RosterRenderingTests

    /// 2026-10-01T00:00:00Z.
    static let stamp: Int64 = 1_790_812_800

    static let report = RosterReport(
        shifts: [Fixture.evening, Fixture.night], shortfalls: [Fixture.shortfall], from: "2026-10-01", to: "2026-10-02", plan: nil)

    static func calendar(_ report: RosterReport = report, inspector: String? = nil, stamp: Int64 = stamp) throws -> String {
        try RosterICS.calendar(report, inspector: inspector, stamp: stamp)
    }

    /// The content lines, unfolded (RFC 5545 3.1: a CRLF followed by one space is removed).
    static func unfolded(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").dropLast().map { $0 }
    }

    static func values(_ name: String, in text: String) -> [String] {
        unfolded(text).filter { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) }
    }

    // MARK: folding

    @Test func aLongChineseLineIsFoldedAt75OctetsWithoutSplittingACharacter() throws {
        let line = "DESCRIPTION:" + String(repeating: "联合巡查夜班★欧阳明月(gaj)、", count: 12)
        let folded = RosterICS.folded(line)
        // The octets as written, cut at each CRLF, the way a reader that does not unfold sees them.
        let octets = Array(folded.utf8)
        var physical: [ArraySlice<UInt8>] = []
        var start = 0
        for index in octets.indices.dropLast() where octets[index] == 13 && octets[index + 1] == 10 {
            physical.append(octets[start..<index])
            start = index + 2
        }
        physical.append(octets[start...])
        #expect(physical.count > 5)
        for (index, part) in physical.enumerated() {
            #expect(part.count <= 75, "line \(index) has \(part.count) octets")
            // Each physical line alone is valid UTF-8: no character was cut in two.
            #expect(String(validating: part, as: UTF8.self) != nil, "line \(index) splits a character")
            if index > 0 { #expect(part.first == UInt8(ascii: " ")) }
        }
        // Lines are filled: a fold happens only where the next character would not fit.
        for part in physical.dropLast() { #expect(part.count > 75 - 4) }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
    }

    @Test func foldingCountsOctetsNotCharacters() {
        let exact = String(repeating: "a", count: 75)
        #expect(RosterICS.folded(exact) == exact)
        #expect(RosterICS.folded(exact + "b") == exact + "\r\n b")
        // 24 three-octet characters are 72 octets; a 25th would make 75 and still fits,
        // a 26th does not.
        let chinese = String(repeating: "班", count: 26)
        #expect(RosterICS.folded(chinese) == String(repeating: "班", count: 25) + "\r\n 班")
        // A four-octet character that does not fit whole moves to the next line whole.
        let emoji = String(repeating: "a", count: 73) + "😀"
        #expect(RosterICS.folded(emoji) == String(repeating: "a", count: 73) + "\r\n 😀")
    }

    @Test func everyLineOfAnExportIsShortAndEndsInCRLF() throws {
        let text = try Self.calendar()
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        let bytes = Array(text.utf8)
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            #expect(index > 0 && bytes[index - 1] == UInt8(ascii: "\r"), "a bare LF at octet \(index)")
        }
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
    }

    // MARK: escaping

    @Test func textIsEscaped() {
        #expect(RosterICS.escaped(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
        #expect(RosterICS.escaped("one\ntwo\r\nthree\rfour") == #"one\ntwo\nthree\nfour"#)
        #expect(RosterICS.escaped("tab\tkept, bell\u{07} and NUL\u{00} dropped") == "tab\tkept\\, bell and NUL dropped")
        #expect(RosterICS.escaped("王五, \"小王\"") == #"王五\, "小王""#)
    }

    @Test func namesWithCommasAndQuotesAreEscapedInTheDescription() throws {
        let text = try Self.calendar(inspector: "I002")
        let description = try #require(Self.values("DESCRIPTION", in: text).first)
        #expect(description.contains(#"Colleagues: 王五\, "小王"★(sw)"#))
        #expect(!description.contains("\n"), "a line break inside a value must be written \\n")
        #expect(description.contains(#"\n"#))
    }

    // MARK: the calendar

    @Test func theCalendarHasItsPropertiesAndOneEventPerTeamShift() throws {
        let text = try Self.calendar()
        let lines = Self.unfolded(text)
        #expect(Array(lines.prefix(5)) == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + RosterICS.productID, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"])
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 2)
        #expect(lines.filter { $0 == "END:VEVENT" }.count == 2)
        #expect(Self.values("UID", in: text) == ["2026-10-01/evening/north/1@inspectd", "2026-10-02/night/south/2@inspectd"])
        #expect(Self.values("DTSTAMP", in: text) == ["20261001T000000Z", "20261001T000000Z"])
        #expect(Self.values("SEQUENCE", in: text) == ["3", "3"])
        #expect(Self.values("SUMMARY", in: text) == ["晚班 · zone north · team 1", "夜班 · zone south · team 2"])
        #expect(Self.values("LOCATION", in: text) == ["zone north", "zone south"])
    }

    @Test func timesAreInUTC() throws {
        let text = try Self.calendar()
        // 16:00–24:00 and 00:00–08:00 at +08:00.
        #expect(Self.values("DTSTART", in: text) == ["20261001T080000Z", "20261001T160000Z"])
        #expect(Self.values("DTEND", in: text) == ["20261001T160000Z", "20261002T000000Z"])
        #expect(RosterICS.utcStamp(iso: "2026-01-01T07:59:59+08:00") == "20251231T235959Z")
        #expect(RosterICS.utcStamp(iso: "2026-03-01T01:30-0530") == "20260301T070000Z")
        #expect(RosterICS.utcStamp(iso: "2024-02-29T23:00:00.250Z") == "20240229T230000Z")
        #expect(RosterICS.utcStamp(iso: "2026-12-01 08:00") == nil)
        #expect(RosterICS.utcStamp(iso: "2026-12-01T08:00:00") == nil, "a time without an offset is not an instant")
        #expect(RosterICS.utcStamp(seconds: -1) == "19691231T235959Z")
    }

    @Test func anUnreadableShiftTimeIsAnErrorNamingTheShift() {
        var shift = Fixture.night
        shift.end = "soon"
        let report = RosterReport(shifts: [shift], shortfalls: [], from: "2026-10-02", to: "2026-10-02", plan: nil)
        let error = #expect(throws: RosterICS.UnreadableTime.self) { try Self.calendar(report) }
        #expect(error?.description == #"shift 2026-10-02/night/south/2 has the time "soon", which is not ISO 8601 with an offset"#)
    }

    @Test func anInspectorsCalendarHasOnlyTheirShiftsAndTheirColleagues() throws {
        let text = try Self.calendar(inspector: "I017")
        #expect(Self.values("UID", in: text) == ["2026-10-01/evening/I017@inspectd"])
        #expect(Self.values("X-WR-CALNAME", in: text) == ["联合巡查排班 欧阳明月 (I017)"])
        let description = try #require(Self.values("DESCRIPTION", in: text).first)
        #expect(description.contains(#"Colleagues: 张伟★(sthj)\, 李强(zrzy)"#))
        #expect(!description.contains("欧阳明月"))
        #expect(description.contains("Day: holiday (国庆节)"))
        #expect(description.contains("Rain period"))
        #expect(description.contains("16:00–24:00"))
        let nobody = try Self.calendar(inspector: "I999")
        #expect(!nobody.contains("BEGIN:VEVENT"))
        #expect(nobody.hasSuffix("END:VCALENDAR\r\n"))
    }

    // MARK: re-import updates

    @Test func uidsAreStableAcrossExportsAndANewerPlanRaisesTheSequence() throws {
        let first = try Self.calendar(inspector: "I001", stamp: Self.stamp)
        // Re-planned later: I001 moves from team 1 to team 2 of the same shift, set by plan 9.
        var moved = Fixture.evening
        moved.id = "2026-10-01/evening/north/2"
        moved.team = 2
        moved.plan = 9
        let later = RosterReport(shifts: [moved], shortfalls: [], from: "2026-10-01", to: "2026-10-01", plan: nil)
        let second = try Self.calendar(later, inspector: "I001", stamp: Self.stamp + 86_400)
        #expect(Self.values("UID", in: first) == Self.values("UID", in: second))
        #expect(Self.values("UID", in: first) == ["2026-10-01/evening/I001@inspectd"])
        #expect(Self.values("SEQUENCE", in: first) == ["3"])
        #expect(Self.values("SEQUENCE", in: second) == ["9"])
        #expect(Self.values("SUMMARY", in: second) == ["晚班 · zone north · team 2"])
        #expect(Self.values("DTSTAMP", in: second) == ["20261002T000000Z"])
        // The same export twice is the same text but for DTSTAMP.
        #expect(try Self.calendar(inspector: "I001") == first)
    }

    @Test func aPersonOnTwoTeamsOfOneShiftGetsTwoDistinctUIDs() throws {
        var second = Fixture.evening
        second.id = "2026-10-01/evening/south/1"
        second.zone = "south"
        let report = RosterReport(shifts: [Fixture.evening, second], shortfalls: [], from: "2026-10-01", to: "2026-10-01", plan: nil)
        let uids = Self.values("UID", in: try Self.calendar(report, inspector: "I001"))
        #expect(uids == ["2026-10-01/evening/I001@inspectd", "2026-10-01/evening/south/1/I001@inspectd"])
    }

    // MARK: never the site lists

    @Test func noVisitIsEverWritten() throws {
        var sealed = Fixture.evening
        sealed.visits = [RosterVisit(site: "S0777", name: "东风化工有限公司", locality: "dongfeng", risk: "A", reason: "weighted")]
        let report = RosterReport(shifts: [sealed, Fixture.night], shortfalls: [], from: "2026-10-01", to: "2026-10-02", plan: nil)
        for inspector in [nil, "I001", "I002"] {
            let text = Self.unfolded(try Self.calendar(report, inspector: inspector)).joined(separator: "\n")
            for secret in ["S0777", "东风化工", "dongfeng", "S0012", "S0345", "site S0", "sealed", "visit"] {
                #expect(!text.contains(secret), "\(secret) in the calendar for \(inspector ?? "all teams")")
            }
        }
    }

    // MARK: which commands write calendars

    /// Every command but `roster` refuses `--format ics` as a usage error, before it
    /// sends anything (the socket here does not exist: exit 69 would mean it tried).
    @Test func onlyTheRosterWritesCalendars() throws {
        let nowhere = ["--socket", "/nonexistent/inspectd.sock", "--format", "ics"]
        for command in [["status"], ["inspectors"], ["calendar"], ["cases", "list"], ["roster", "fairness"], ["duty"], ["leave", "list"]] {
            var parsed = try InspectctlCommand.parseAsRoot(command + nowhere)
            do {
                try parsed.run()
                Issue.record("\(command) ran with --format ics")
            } catch {
                #expect(InspectctlCommand.exitCode(for: error) == .validationFailure, "\(command): \(error)")
                #expect(InspectctlCommand.message(for: error).contains("only inspectctl roster writes one"))
            }
        }
        // roster (show) accepts it and goes on to ask the daemon.
        var roster = try InspectctlCommand.parseAsRoot(["roster"] + nowhere)
        #expect(throws: ExitCode(69)) { try roster.run() }
    }
}
