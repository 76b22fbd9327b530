import Foundation
import InspectFuzzing
import Testing

@testable import RosterEngine

/// Property-based fuzzing of the Curtois instance reader: seeded mutations of the real
/// Instance1 and of the hand-made small instance must never crash, and every error must
/// say where (a line from 1 on). Replay a failure with `INSPECT_FUZZ_SEED` / `INSPECT_FUZZ_CASES`.
@Suite struct CurtoisFuzzTests {
    @Test func mutatedInstancesParseOrFailWithALine() throws {
        let samples = [Array(Fixture.small.utf8), Array(try Fixture.text("Instance1").utf8)]
        let run = FuzzRun(defaultSeed: 0xC0_7701, environment: ProcessInfo.processInfo.environment)
        let sections = ["SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF", "SECTION_COVER"]
        var refused = 0
        for (number, bytes) in run.inputs(from: samples, dictionary: sections.map { "\n\($0)\n" } + ["|", "=", "\n#"]) {
            do {
                _ = try CurtoisFormat.parse(String(decoding: bytes, as: UTF8.self), name: "fuzz")
            } catch {
                refused += 1
                if error.line < 1 { Issue.record("seed \(run.seed) case \(number): no line: \(error)") }
            }
        }
        #expect(refused > 0)
    }
}
