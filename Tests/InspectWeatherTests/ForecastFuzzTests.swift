import Foundation
import InspectCore
import InspectFuzzing
import Testing

@testable import InspectWeather

/// Property-based fuzzing of the forecast readers (Open-Meteo JSON and forecast CSV):
/// seeded mutations of valid files must never crash, and every rejection must say where
/// (a line from 1 on). Replay a failure with `INSPECT_FUZZ_SEED` / `INSPECT_FUZZ_CASES`.
@Suite struct ForecastFuzzTests {
    static let csv = """
        start,end,precipitation_mm,probability,area
        2026-11-29T20:00+08:00,2026-11-29T23:00+08:00,6.5,80%,baihe
        2026-11-29T23:00,2026-11-30T02:00,,60,
        2026-11-30T02:00Z,2026-11-30T03:00Z,0.2,,
        """

    func check(samples: [String], format: ForecastFormat?, seed: UInt64, dictionary: [String]) {
        let run = FuzzRun(defaultSeed: seed, environment: ProcessInfo.processInfo.environment)
        var refused = 0
        for (number, bytes) in run.inputs(from: samples.map { Array($0.utf8) }, dictionary: dictionary) {
            if case .failure(let failure) = ForecastParser.parse(bytes, file: "fuzz", format: format, context: Fixture.context()) {
                refused += 1
                for problem in failure.problems where problem.line < 1 {
                    Issue.record("seed \(run.seed) case \(number): a problem without a line: \(problem)")
                }
            }
        }
        #expect(refused > 0)
    }

    @Test func mutatedOpenMeteoFilesAreReadOrRefusedWithALine() {
        check(
            samples: [Fixture.openMeteoJSON], format: .openMeteo, seed: 0x0E7E_0001,
            dictionary: ["\"hourly\":", "\"time\":", "\"precipitation\":", "[null]", "\\u0000", "\\ud800", "1e308", ",\"x\":{}"])
    }

    @Test func mutatedForecastCSVFilesAreReadOrRefusedWithALine() {
        check(
            samples: [Self.csv], format: nil, seed: 0x0E7E_0002,
            dictionary: ["T24:00", "+14:00", "-12:00", "100%", "1e9", "start", "area"])
    }

    @Test func aFileOverTheSizeLimitIsRefusedBeforeDecoding() {
        let bytes = [UInt8](repeating: UInt8(ascii: " "), count: ForecastParser.maximumBytes + 1)
        guard case .failure(let failure) = ForecastParser.parse(bytes, file: "big.json", format: nil, context: Fixture.context()) else {
            Issue.record("an oversized file was accepted")
            return
        }
        #expect(failure.problems.map(\.description) == ["big.json:1: the file is 8388609 bytes, more than the limit of 8388608 bytes (8 MiB); split it into smaller files"])
    }
}
