import Foundation
import InspectSystemd
import Logging
import Testing

@Suite struct JournalFieldTests {
    @Test(arguments: [
        ("event", "INSPECTD_EVENT"),
        ("ready_ms", "INSPECTD_READY_MS"),
        ("case-id", "INSPECTD_CASE_ID"),
        ("unit.leader", "INSPECTD_UNIT_LEADER"),
        ("负责人", "INSPECTD____"),
    ])
    func metadataKeysBecomeValidJournalFields(key: String, field: String) {
        #expect(JournalLogHandler.fieldName(forMetadataKey: key) == field)
    }

    @Test func fieldNamesAreAtMost64Bytes() {
        let name = JournalLogHandler.fieldName(forMetadataKey: String(repeating: "x", count: 200))
        #expect(name?.utf8.count == 64)
        #expect(JournalLogHandler.fieldName(forMetadataKey: "") == nil)
    }

    @Test func everyEntryCarriesTheRequiredFields() {
        let fields = JournalLogHandler.fields(
            message: "ready", level: .notice, identifier: "inspectd", label: "inspectd",
            metadata: ["event": "started", "config": "/etc/inspectd/inspectd.toml"],
            file: "Daemon.swift", function: "run()", line: 42
        )
        let dictionary = Dictionary(fields, uniquingKeysWith: { first, _ in first })
        #expect(dictionary["MESSAGE"] == "ready")
        #expect(dictionary["PRIORITY"] == "5")
        #expect(dictionary["SYSLOG_IDENTIFIER"] == "inspectd")
        #expect(dictionary["CODE_FILE"] == "Daemon.swift")
        #expect(dictionary["CODE_LINE"] == "42")
        #expect(dictionary["CODE_FUNC"] == "run()")
        #expect(dictionary["INSPECTD_EVENT"] == "started")
        #expect(dictionary["INSPECTD_CONFIG"] == "/etc/inspectd/inspectd.toml")
        for (name, _) in fields {
            #expect(name.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") })
        }
    }

    @Test func entriesWithoutAnEventStillCarryOne() {
        let fields = JournalLogHandler.fields(
            message: "x", level: .info, identifier: "inspectd", label: "l", metadata: [:], file: "f", function: "g", line: 1
        )
        #expect(fields.contains { $0.0 == "INSPECTD_EVENT" && $0.1 == "log" })
    }

    @Test func noticesCarryTheirMessageIDAndPriority() {
        let fields = JournalLogHandler.fields(
            message: "督办通知", level: .notice, identifier: "inspectd", label: "l",
            metadata: ["event": "notice", "journal_message_id": "0123456789abcdef0123456789abcdef", "journal_priority": "3", "notice_id": "n-1"],
            file: "f", function: "g", line: 1)
        let dictionary = Dictionary(fields, uniquingKeysWith: { first, _ in first })
        #expect(dictionary["MESSAGE_ID"] == "0123456789abcdef0123456789abcdef")
        #expect(dictionary["PRIORITY"] == "3")
        #expect(fields.filter { $0.0 == "PRIORITY" }.count == 1)
        #expect(dictionary["INSPECTD_NOTICE_ID"] == "n-1")
        #expect(dictionary["INSPECTD_JOURNAL_PRIORITY"] == nil)
    }

    @Test func prioritiesFollowSyslog() {
        #expect(JournalLogHandler.priority(of: .critical) == 2)
        #expect(JournalLogHandler.priority(of: .error) == 3)
        #expect(JournalLogHandler.priority(of: .warning) == 4)
        #expect(JournalLogHandler.priority(of: .info) == 6)
        #expect(JournalLogHandler.priority(of: .debug) == 7)
    }
}
