import InspectLedger
import InspectNotices
import Testing

@Suite struct NoticeIDTests {
    @Test func idIsTheDigestOfTheDedupeKey() {
        // Checked with Python: "n-" + hashlib.sha256(key.encode()).hexdigest()[:24].
        #expect(NoticeID.make(dedupeKey: "case:C-17:step:supervision:0") == "n-1b369b7fe8c961cd63731ac7")
        #expect(NoticeID.make(dedupeKey: "case:C-17:step:supervision:1") == "n-07adf9b53a5e2677905913d6")
        #expect(NoticeID.make(dedupeKey: "") == "n-e3b0c44298fc1c149afbf4c8")
        #expect(NoticeID.make(dedupeKey: "单位:U-3:约谈:2026-04-13") == NoticeID.make(dedupeKey: "单位:U-3:约谈:2026-04-13"))
    }

    @Test func noticeInitDerivesTheID() {
        let notice = Notice(
            dedupeKey: "case:C-17:step:supervision:0", kind: .supervision, created: "", recipients: [], subject: "", body: "",
            data: .null, caseID: "C-17", unitID: "U-3", priority: 4)
        #expect(notice.id == "n-1b369b7fe8c961cd63731ac7")
    }

    @Test func validity() {
        #expect(NoticeID.isValid("n-1b369b7fe8c961cd63731ac7"))
        #expect(NoticeID.isValid(NoticeID.make(dedupeKey: "anything")))
        for invalid in [
            "", "n-", "n-1b369b7fe8c961cd63731ac", "n-1b369b7fe8c961cd63731ac70", "n-1B369B7FE8C961CD63731AC7",
            "m-1b369b7fe8c961cd63731ac7", "n_1b369b7fe8c961cd63731ac7", "n-1b369b7fe8c961cd63731acg", "n-1b369b7fe8c961cd63731ac７",
        ] {
            #expect(!NoticeID.isValid(invalid), "\(invalid)")
        }
    }

    @Test func messageIDsAreFixedDistinct128BitHex() {
        let ids = NoticeKind.allCases.map(\.messageID)
        #expect(Set(ids).count == NoticeKind.allCases.count)
        for id in ids {
            #expect(id.utf8.count == 32)
            #expect(id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) })
        }
        // Operators filter on it; it must never change.
        #expect(NoticeKind.supervision.messageID == "b58f3bf46e24491d97ee842a576a9edd")
    }

    @Test func journalPriorities() {
        #expect(
            NoticeKind.allCases.map(\.journalPriority) == [5, 4, 4, 3, 2, 5, 6, 5, 4],
            "reminder, overdue, supervision, summons, accountability, ranking, roster, visit_reminder, visit_escalation")
        #expect(NoticeKind.allCases.map(\.rawValue) == [
                "reminder", "overdue", "supervision", "summons", "accountability", "ranking", "roster", "visit_reminder",
                "visit_escalation",
            ])
    }
}

/// The journald message catalog in `deploy/catalog/inspectd.catalog`.
@Suite struct MessageCatalogTests {
    struct Entry {
        var header: String
        var lines: [String]
    }

    /// Entries as `journalctl --update-catalog` reads them: a `-- ` line starts one; `#`
    /// lines outside entries are comments.
    func allEntries() throws -> [Entry] {
        let bytes = try #require(readFile(deployDirectory() + "/catalog/inspectd.catalog"))
        let text = try #require(String(validating: bytes, as: UTF8.self), "the catalog must be UTF-8")
        var entries: [Entry] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("-- ") {
                entries.append(Entry(header: String(line.dropFirst(3)), lines: []))
            } else if !entries.isEmpty {
                entries[entries.count - 1].lines.append(line)
            } else {
                #expect(line.isEmpty || line.hasPrefix("#"), "text before the first entry: \(line)")
            }
        }
        return entries
    }

    /// The audit trail's entry (`AuditTrail.messageID` in InspectDaemon, checked there).
    static let auditMessageID = "049419bb9ded436a92240e95127f78e3"

    /// The periodic disclosure's entry (`DisclosureDesk.messageID` in InspectDaemon).
    static let disclosureMessageID = "c426c8e78fde4a2292222b19b3dc67ed"

    /// The notices' entries: all but the audit trail's and the disclosure's.
    func entries() throws -> [Entry] {
        try allEntries().filter { $0.header != Self.auditMessageID && $0.header != Self.disclosureMessageID }
    }

    @Test func theDisclosureHasAnEntryExplainingItsFields() throws {
        let entry = try #require(try allEntries().first { $0.header == Self.disclosureMessageID })
        let text = entry.lines.joined(separator: "\n")
        #expect(text.contains("Defined-By: inspectd"))
        for field in ["INSPECTD_EVENT=disclosure_written", "INSPECTD_PERIOD", "INSPECTD_FROM", "INSPECTD_TO", "INSPECTD_VISITS", "INSPECTD_CSV", "INSPECTD_HTML"] {
            #expect(text.contains(field), "\(field) not explained")
        }
    }

    @Test func theAuditTrailHasAnEntryExplainingItsFields() throws {
        let entry = try #require(try allEntries().first { $0.header == Self.auditMessageID })
        let text = entry.lines.joined(separator: "\n")
        #expect(text.contains("Defined-By: inspectd"))
        for field in ["INSPECTD_AUDIT=1", "INSPECTD_UID", "INSPECTD_ROLE", "INSPECTD_ACTION", "INSPECTD_TARGET", "INSPECTD_OUTCOME"] {
            #expect(text.contains(field), "\(field) not explained")
        }
    }

    @Test func oneEntryPerKind() throws {
        let entries = try entries()
        let ids = entries.map(\.header)
        #expect(ids.sorted() == NoticeKind.allCases.map(\.messageID).sorted(), "one entry per NoticeKind.messageID, no language suffix")
        #expect(Set(ids).count == ids.count)
    }

    @Test func everyEntryHasItsHeadersAndExplainsTheFields() throws {
        for entry in try entries() {
            let kind = try #require(NoticeKind.allCases.first { $0.messageID == entry.header })
            // Header fields up to the first blank line, then the text.
            let blank = try #require(entry.lines.firstIndex(of: ""), "\(kind): no blank line after the headers")
            let headers = entry.lines[..<blank]
            #expect(headers.contains { $0.hasPrefix("Subject: ") && $0.contains(kind.title) }, "\(kind): Subject")
            #expect(headers.contains("Defined-By: inspectd"), "\(kind): Defined-By")
            #expect(headers.allSatisfy { $0.contains(": ") }, "\(kind): a header line without a colon")
            let body = entry.lines[blank...].joined(separator: "\n")
            for field in ["INSPECTD_NOTICE_ID", "INSPECTD_KIND", "INSPECTD_CASE", "INSPECTD_UNIT", "INSPECTD_RECIPIENTS"] {
                #expect(body.contains(field), "\(kind): \(field) not explained")
            }
            #expect(body.contains("new/@INSPECTD_NOTICE_ID@.json"), "\(kind): where the outbox file is")
            #expect(body.contains(kind.rawValue))
        }
    }
}
