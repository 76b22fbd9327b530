import InspectLedger
import InspectNotices
import Testing

@Suite struct NoticeJSONTests {
    static let notice = Notice(
        dedupeKey: "case:C-17:step:supervision:0", kind: .supervision, created: "2026-04-13T09:00:00+08:00",
        recipients: [
            NoticeRecipient(name: "王建国", role: "unit_leader", unit: "U-3", phone: "13800000003"),
            NoticeRecipient(name: "指挥部办公室", role: "hq_office", email: "hq@example.gov.cn"),
        ],
        subject: "【督办通知】「某砖厂」（C-17）已逾期 13 天",
        body: "白河镇人民政府：\n你单位…\t\"引号\" \\ 反斜杠",
        data: .object([
            ("days_overdue", .int(13)), ("ratio", .double(0.25)), ("site", .null), ("flags", .array([.bool(true), .bool(false)])),
            ("case", .object([("id", .string("C-17"))])),
        ]),
        caseID: "C-17", unitID: nil, priority: 4)

    @Test func exactBytesKeysInOrder() {
        let text = String(decoding: NoticeJSON.encode(Self.notice), as: UTF8.self)
        let expected =
            #"{"id":"n-1b369b7fe8c961cd63731ac7","kind":"supervision","created":"2026-04-13T09:00:00+08:00","recipients":[{"name":"王建国","role":"unit_leader","unit":"U-3","phone":"13800000003","email":null},{"name":"指挥部办公室","role":"hq_office","unit":null,"phone":null,"email":"hq@example.gov.cn"}],"subject":"【督办通知】「某砖厂」（C-17）已逾期 13 天","body":"白河镇人民政府：\n你单位…\t\"引号\" \\ 反斜杠","data":{"days_overdue":13,"ratio":0.25,"site":null,"flags":[true,false],"case":{"id":"C-17"}},"case":"C-17","unit":null,"priority":4}"#
            + "\n"
        #expect(text == expected)
    }

    @Test func deterministicAndOneLine() {
        let first = NoticeJSON.encode(Self.notice)
        #expect(first == NoticeJSON.encode(Self.notice))
        #expect(first.last == UInt8(ascii: "\n"))
        #expect(first.dropLast().contains(UInt8(ascii: "\n")) == false)
    }

    @Test func roundTripWithoutTheDedupeKey() throws {
        var expected = Self.notice
        expected.dedupeKey = ""
        #expect(NoticeJSON.decode(NoticeJSON.encode(Self.notice)) == expected)
    }

    @Test func controlCharactersAndOddNumbers() throws {
        var notice = Self.notice
        notice.body = "\u{0}\u{1}\u{8}\u{c}\r\u{1f}\u{7f} 😀 \u{2028}"
        notice.data = .array([
            .int(Int64.min), .int(Int64.max), .double(-0.5), .double(1e-7), .double(3.0), .double(.infinity), .double(1e300),
        ])
        let bytes = NoticeJSON.encode(notice)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""body":"\u0000\u0001\b\f\r\u001f"#))
        #expect(text.contains(#""data":[-9223372036854775808,9223372036854775807,-0.5,1e-07,3.0,null,1e+300]"#))
        let decoded = try #require(NoticeJSON.decode(bytes))
        #expect(decoded.body == notice.body)
        #expect(decoded.data == .array([.int(Int64.min), .int(Int64.max), .double(-0.5), .double(1e-7), .double(3.0), .null, .double(1e300)]))
    }

    @Test func decodesEscapesSurrogatesBlanksAndUnknownKeys() throws {
        let text = """
             { "id" : "n-1", "kind" : "roster", "created" : "x", "recipients" : [ ],
              "subject" : "\\u6392\\u73ED \\ud83d\\ude00 \\/", "body" : "", "data" : { "n" : -12.5e1, "z" : 0 },
              "case" : null, "unit" : "U-1", "priority" : 6, "gateway_note" : [1, {"a": null}] }\r\n
            """
        let notice = try #require(NoticeJSON.decode(Array(text.utf8)))
        #expect(notice.subject == "排班 😀 /")
        #expect(notice.kind == .roster)
        #expect(notice.recipients.isEmpty)
        #expect(notice.data == .object([("n", .double(-125)), ("z", .int(0))]))
        #expect(notice.caseID == nil)
        #expect(notice.unitID == "U-1")
        #expect(notice.dedupeKey == "")
    }

    @Test(arguments: [
        "",
        "{}",
        #"{"id":"n-1","kind":"memo","created":"x","recipients":[],"subject":"","body":"","data":null,"case":null,"unit":null,"priority":5}"#,
        #"{"id":"n-1","kind":"roster","created":"x","recipients":[],"subject":"","body":"","data":null,"case":null,"unit":null,"priority":5.5}"#,
        #"{"id":"n-1","kind":"roster","created":"x","recipients":[{"name":"a"}],"subject":"","body":"","data":null,"case":null,"unit":null,"priority":5}"#,
        #"{"id":"n-1","kind":"roster","created":"x","recipients":[],"subject":"","body":"","data":null,"case":7,"unit":null,"priority":5}"#,
        #"{"id":"n-1","kind":"roster","created":"x","recipients":[],"subject":"","body":"","case":null,"unit":null,"priority":5}"#,
        #"{"id":"n-1","kind":"roster","created":"x","recipients":[],"subject":"","body":"","data":null,"case":null,"unit":null,"priority":5} x"#,
        #"{"id":"n-1","kind":"roster","created":"x","recipients":[],"subject":"\ud800","body":"","data":null,"case":null,"unit":null,"priority":5}"#,
        #"{"id":"n-1","kind":"roster","created":"x","recipients":[],"subject":"\q","body":"","data":null,"case":null,"unit":null,"priority":5}"#,
        #"{"id":"n-1","kind":"roster","created":"x","recipients":[],"subject":"","body":"","data":[1,],"case":null,"unit":null,"priority":5}"#,
        #"{"id":"n-1","kind":"roster","created":"x","recipients":[],"subject":"","body":"","data":01,"case":null,"unit":null,"priority":5}"#,
        #"[{"id":"n-1"}]"#,
    ])
    func rejectsWhatIsNotANotice(text: String) {
        #expect(NoticeJSON.decode(Array(text.utf8)) == nil)
    }

    @Test func rejectsInvalidUTF8AndRawControlCharacters() {
        var bytes = NoticeJSON.encode(Self.notice)
        let nonASCII = bytes.firstIndex { $0 >= 0x80 }!
        bytes[nonASCII] = 0xFF
        #expect(NoticeJSON.decode(bytes) == nil)
        #expect(NoticeJSON.decodeValue(Array("\"a\u{1}b\"".utf8)) == nil)
        #expect(NoticeJSON.decodeValue(Array("\"a\nb\"".utf8)) == nil)
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(NoticeJSON.decodeValue(Array(deep.utf8)) == nil)
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(NoticeJSON.decodeValue(Array(fine.utf8)) != nil)
    }

    @Test func valueRoundTrip() {
        let value = NoticeValue.object([
            ("键", .string("值")), ("list", .array([.int(1), .double(2.5), .string(""), .null])), ("empty", .object([])),
        ])
        let bytes = NoticeJSON.encode(value: value)
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"键":"值","list":[1,2.5,"",null],"empty":{}}"#)
        #expect(NoticeJSON.decodeValue(bytes) == value)
    }
}
