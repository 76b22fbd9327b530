import InspectCore

/// Seeded mutations of valid sample files, for property-based fuzzing of the parsers in
/// the tests: byte flips, truncations, deletions, duplications, splices, and insertions
/// of what breaks parsers (quotes, commas, line breaks, multi-byte UTF-8, GB18030 and
/// invalid bytes, NUL, huge numbers, deep nesting). The same seed gives the same cases,
/// so a failure reproduces from the seed and case number it is reported with.
///
/// Used by the test targets only; nothing in the daemon depends on it.
public struct InputMutator: Sendable {
    private var random: SplitMix64
    /// Format-specific tokens to insert as well (section headers, keys, tags).
    public var dictionary: [[UInt8]]

    public init(seed: UInt64, dictionary: [String] = []) {
        random = SplitMix64(seed: seed)
        self.dictionary = dictionary.map { Array($0.utf8) }
    }

    /// Tokens that break text parsers, whatever the format.
    public static let tokens: [[UInt8]] = {
        var tokens: [[UInt8]] = [
            "\"", "\"\"", ",", ",,,,", "\n", "\r\n", "\r", "\t", " ", "=", "[", "]", "{", "}", ":", "#", "|",
            "督察", "🌧️", "\u{3000}", "\u{FEFF}", "e\u{301}", "0", "-1", "99999999999999999999999999",
            "9223372036854775807", "-9223372036854775808", "1e400", "-0.0", "NaN", "null", "true",
            "2026-02-30T25:61", "+99:99", "{{", "}}", "{{#a}}", "{{/a}}",
        ].map { Array($0.utf8) }
        tokens += [[0x00], [0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE7, 0x9D], [0xB6, 0xBD], [0x81, 0x30, 0x81, 0x30], [0x80]]
        tokens.append(Array(String(repeating: "[", count: 300).utf8))
        tokens.append(Array(String(repeating: "{\"a\":", count: 300).utf8))
        tokens.append(Array(String(repeating: "\"", count: 1_000).utf8))
        tokens.append(Array(String(repeating: "9", count: 400).utf8))
        return tokens
    }()

    /// `sample` with one to four mutations.
    public mutating func mutate(_ sample: [UInt8]) -> [UInt8] {
        var bytes = sample
        for _ in 0...random.next(below: 4) { mutateOnce(&bytes) }
        return bytes
    }

    private mutating func position(in bytes: [UInt8]) -> Int { random.next(below: bytes.count + 1) }

    private mutating func mutateOnce(_ bytes: inout [UInt8]) {
        switch random.next(below: 8) {
        case 0 where !bytes.isEmpty:  // flip one bit
            let at = random.next(below: bytes.count)
            bytes[at] ^= UInt8(1) << UInt8(random.next(below: 8))
        case 1 where !bytes.isEmpty:  // any byte
            bytes[random.next(below: bytes.count)] = UInt8(truncatingIfNeeded: random.next())
        case 2:  // truncate
            bytes.removeLast(bytes.count - position(in: bytes))
        case 3 where !bytes.isEmpty:  // delete a range
            let start = random.next(below: bytes.count)
            let end = min(bytes.count, start + 1 + random.next(below: 64))
            bytes.removeSubrange(start..<end)
        case 4 where !bytes.isEmpty:  // duplicate a range in place, up to 32 times
            let start = random.next(below: bytes.count)
            let end = min(bytes.count, start + 1 + random.next(below: 256))
            let copy = Array(bytes[start..<end])
            for _ in 0...random.next(below: 32) { bytes.insert(contentsOf: copy, at: end) }
        case 5 where !bytes.isEmpty:  // splice a range of the file elsewhere
            let start = random.next(below: bytes.count)
            let end = min(bytes.count, start + 1 + random.next(below: 128))
            bytes.insert(contentsOf: Array(bytes[start..<end]), at: position(in: bytes))
        case 6 where !dictionary.isEmpty:
            bytes.insert(contentsOf: dictionary[random.next(below: dictionary.count)], at: position(in: bytes))
        default:
            bytes.insert(contentsOf: Self.tokens[random.next(below: Self.tokens.count)], at: position(in: bytes))
        }
    }
}

/// How many cases a fuzz test runs and from which seed: `INSPECT_FUZZ_CASES` and
/// `INSPECT_FUZZ_SEED` override the defaults, so a longer run by hand or the replay of a
/// reported seed needs no code change.
public struct FuzzRun: Sendable {
    public var seed: UInt64
    public var cases: Int

    public init(defaultSeed: UInt64, defaultCases: Int = 2_000, environment: [String: String]) {
        seed = environment["INSPECT_FUZZ_SEED"].flatMap { UInt64($0) } ?? defaultSeed
        cases = environment["INSPECT_FUZZ_CASES"].flatMap { Int($0) } ?? defaultCases
    }

    /// Each case's input: a sample (chosen in turn) mutated, with its number.
    public func inputs(from samples: [[UInt8]], dictionary: [String] = []) -> some Sequence<(number: Int, bytes: [UInt8])> {
        var mutator = InputMutator(seed: seed, dictionary: dictionary)
        return (0..<cases).lazy.map { number in (number, mutator.mutate(samples[number % samples.count])) }
    }
}
