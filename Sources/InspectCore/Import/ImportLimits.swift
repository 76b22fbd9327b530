/// The largest import file inspectd reads, so that a damaged or hostile file is refused
/// with an import problem instead of exhausting memory or time.
///
/// The values are far above what a district's files need (a few thousand sites, a dozen
/// columns, short names) and are documented in README.md under "Limits".
public struct ImportLimits: Sendable, Equatable {
    /// Bytes in one file: 16 MiB (`ImportLimits.standard`).
    public var maximumBytes: Int
    /// CSV records in one file, the header included: 200,000.
    public var maximumRecords: Int
    /// Fields in one CSV record: 256.
    public var maximumFields: Int
    /// UTF-8 bytes in one CSV field: 64 KiB.
    public var maximumFieldBytes: Int

    /// Creates limits; tests use small ones.
    public init(maximumBytes: Int, maximumRecords: Int, maximumFields: Int, maximumFieldBytes: Int) {
        self.maximumBytes = maximumBytes
        self.maximumRecords = maximumRecords
        self.maximumFields = maximumFields
        self.maximumFieldBytes = maximumFieldBytes
    }

    /// The limits every import uses.
    public static let standard = ImportLimits(
        maximumBytes: 16 * 1024 * 1024, maximumRecords: 200_000, maximumFields: 256, maximumFieldBytes: 64 * 1024)

    /// The problem for a file of `byteCount` bytes over ``maximumBytes``, else nil. The line
    /// is the one holding the first byte past the limit.
    public func sizeProblem(_ bytes: [UInt8], file: String) -> ImportProblem? {
        guard bytes.count > maximumBytes else { return nil }
        return ImportProblem(
            file: file, line: TextDecoding.lineNumber(of: maximumBytes, in: bytes),
            message: "the file is \(bytes.count) bytes, more than the limit of \(maximumBytes) bytes "
                + "(\(maximumBytes / 1024 / 1024) MiB); split it into smaller files")
    }
}
