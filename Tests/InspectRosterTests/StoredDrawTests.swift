import Foundation
import InspectCalendar
import InspectCore
import Testing

@testable import InspectRoster

@Suite struct StoredDrawTests {
    @Test func aStoredInputAndResultReplayAfterJSON() throws {
        let input = mediumInput(seed: 0xFEDC_BA98_7654_3210)
        let recorded = VisitDraw.draw(input)
        let storedInput = try JSONEncoder().encode(input)
        let storedResult = try JSONEncoder().encode(recorded)
        let keys = try #require(try JSONSerialization.jsonObject(with: storedInput) as? [String: Any]).keys
        #expect(Set(keys) == ["sites", "history", "slots", "cadence", "seed"])

        let reloadedInput = try JSONDecoder().decode(DrawInput.self, from: storedInput)
        let reloadedResult = try JSONDecoder().decode(DrawResult.self, from: storedResult)
        #expect(reloadedInput == input)
        #expect(reloadedInput.seed == 0xFEDC_BA98_7654_3210)
        #expect(reloadedResult == recorded)
        #expect(throws: Never.self) { try VisitDraw.verify(reloadedInput, recorded: reloadedResult).get() }
    }

    @Test func anAlteredStoredVisitIsReported() throws {
        let input = mediumInput()
        let storedInput = try JSONEncoder().encode(input)
        let storedResult = try JSONEncoder().encode(VisitDraw.draw(input))

        // Edit the stored JSON as a tamperer would: the site of the eighth visit.
        var text = String(decoding: storedResult, as: UTF8.self)
        let list = try #require(text.range(of: #""visits":["#))
        var cursor = list.upperBound
        for _ in 0..<7 { cursor = try #require(text.range(of: #""siteID":""#, range: cursor..<text.endIndex)).upperBound }
        let field = try #require(text.range(of: #""siteID":""#, range: cursor..<text.endIndex))
        let end = try #require(text.range(of: "\"", range: field.upperBound..<text.endIndex))
        let original = String(text[field.upperBound..<end.lowerBound])
        text.replaceSubrange(field.upperBound..<end.lowerBound, with: original == "s5" ? "s6" : "s5")
        let tampered = Data(text.utf8)

        let replayInput = try JSONDecoder().decode(DrawInput.self, from: storedInput)
        let replayRecord = try JSONDecoder().decode(DrawResult.self, from: tampered)
        guard case .failure(let mismatch) = VisitDraw.verify(replayInput, recorded: replayRecord) else {
            Issue.record("an altered visit was not reported")
            return
        }
        #expect(mismatch.kind == .visits)
        #expect(mismatch.description.contains("visit #7"))
        #expect(mismatch.description.contains("site \(original)"))
    }
}
