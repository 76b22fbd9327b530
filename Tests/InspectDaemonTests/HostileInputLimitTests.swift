import Foundation
import Testing

@testable import InspectDaemon

@Suite struct HostileInputLimitTests {
    @Test(arguments: [
        ("{}", nil),
        (String(repeating: "[", count: 32) + String(repeating: "]", count: 32), nil),
        (String(repeating: "[", count: 33), 32),
        ("{\"a\":\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}", nil),  // brackets in a string do not count
        ("{\"a\":\"\\\"" + String(repeating: "{", count: 40) + "\"}", nil),  // nor after an escaped quote
        ("{\"a\":\"\\\\\"" + String(repeating: "{", count: 40), 40),  // an escaped backslash ends the string
    ] as [(String, Int?)])
    func jsonNestingIsMeasuredOutsideStrings(body: String, offset: Int?) {
        #expect(RequestLimits.jsonNestingExceeding(32, in: Array(body.utf8)) == offset)
    }

    @Test(arguments: [
        ("forecast.json", true), ("预报-2026-11-29.csv", true), ("..", false), (".", false), ("", false),
        ("a\nb.json", false), ("a\u{0}b", false), ("a/b", false), (String(repeating: "x", count: 200), true),
        (String(repeating: "x", count: 201), false), (String(repeating: "长", count: 67), false),
    ])
    func dropFileNamesMustBePlain(name: String, safe: Bool) {
        #expect(ForecastDropWatcher.isSafeName(name) == safe)
    }
}
