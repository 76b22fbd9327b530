import Foundation
import InspectFuzzing
import Testing

@testable import InspectConfig

/// Property-based fuzzing of the TOML parser and the configuration reader: seeded mutations
/// of the example configuration and of a sample with every TOML construct must never crash,
/// and every syntax error must say where (a line from 1 on).
@Suite struct TOMLFuzzTests {
    static let constructs = """
        # comment
        title = "督察 \\u0041 \\"q\\""
        literal = 'C:\\path'
        multi = \"\"\"
        two
        lines\"\"\"
        int = 1_000
        hex = 0xff
        float = -3.5e2
        when = 2026-11-29T08:00:00+08:00
        day = 2026-11-29
        list = [1, [2, 3], ["a", 'b'], { x = 1, y = { z = [true, false] } }]
        [table.sub]
        "quoted key" = 1
        [[array]]
        a = 1
        [[array]]
        a = 2
        """

    static var exampleConfiguration: String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../deploy/inspectd.toml")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    @Test func mutatedDocumentsParseOrFailWithALine() {
        let run = FuzzRun(defaultSeed: 0x7031_F022, environment: ProcessInfo.processInfo.environment)
        let samples = [Array(Self.constructs.utf8)]
        var refused = 0
        for (number, bytes) in run.inputs(from: samples, dictionary: ["[", "[[", "]]", "=", "'''", "\"\"\"", "."]) {
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                _ = try TOMLDocument.parse(text, file: "fuzz.toml")
            } catch {
                refused += 1
                if error.line < 1 { Issue.record("seed \(run.seed) case \(number): no line: \(error)") }
            }
        }
        #expect(refused > 0)
    }

    @Test func mutatedExampleConfigurationsNeverCrash() throws {
        let example = Self.exampleConfiguration
        try #require(!example.isEmpty, "deploy/inspectd.toml is the sample")
        let run = FuzzRun(defaultSeed: 0x7031_F023, defaultCases: 500, environment: ProcessInfo.processInfo.environment)
        for (number, bytes) in run.inputs(from: [Array(example.utf8)], dictionary: ["[district]", "= 99999999999", "= \"\""]) {
            if case .failure(let errors) = DaemonConfiguration.parse(String(decoding: bytes, as: UTF8.self), file: "fuzz.toml") {
                if errors.problems.isEmpty { Issue.record("seed \(run.seed) case \(number): a failure with no problem") }
            }
        }
    }
}
