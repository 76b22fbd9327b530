import CSystemd
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A swift-log handler that writes structured entries to the systemd journal
/// with `sd_journal_sendv(3)`.
///
/// Every entry carries `MESSAGE`, `PRIORITY`, `SYSLOG_IDENTIFIER`,
/// `CODE_FILE`/`CODE_LINE`/`CODE_FUNC` and `INSPECTD_EVENT`; metadata becomes
/// fields prefixed `INSPECTD_`, with names made valid for the journal
/// (`[A-Z0-9_]`, at most 64 bytes), since journald silently drops others.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    public var metadataProvider: Logger.MetadataProvider?
    private let identifier: String
    private let label: String

    /// The metadata key whose value becomes `INSPECTD_EVENT`.
    public static let eventKey = "event"

    public init(label: String, identifier: String = "inspectd", metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.identifier = identifier
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        let fields = Self.fields(
            message: "\(event.message)", level: event.level, identifier: identifier, label: label,
            metadata: merged, file: event.file, function: event.function, line: event.line
        )
        Self.send(fields)
    }

    /// The journal fields of one entry, in order (exposed for tests).
    public static func fields(
        message: String, level: Logger.Level, identifier: String, label: String,
        metadata: Logger.Metadata, file: String, function: String, line: UInt
    ) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("MESSAGE", message),
            ("PRIORITY", String(priority(of: level))),
            ("SYSLOG_IDENTIFIER", identifier),
            ("CODE_FILE", file),
            ("CODE_LINE", String(line)),
            ("CODE_FUNC", function),
            ("INSPECTD_LOGGER", label),
        ]
        var event = "log"
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            if key == eventKey {
                event = "\(value)"
                continue
            }
            if key == messageIDKey {
                fields.append(("MESSAGE_ID", "\(value)"))
                continue
            }
            if key == priorityKey, let number = Int("\(value)"), (0...7).contains(number) {
                fields[1] = ("PRIORITY", String(number))
                continue
            }
            guard let name = fieldName(forMetadataKey: key) else { continue }
            fields.append((name, "\(value)"))
        }
        fields.append(("INSPECTD_EVENT", event))
        return fields
    }

    /// The metadata key whose value becomes `MESSAGE_ID` (a 128-bit id in 32 hex digits
    /// that `journalctl -x` looks up in the message catalog).
    public static let messageIDKey = "journal_message_id"
    /// The metadata key whose value (0–7) replaces the level's `PRIORITY`.
    public static let priorityKey = "journal_priority"

    /// Maps swift-log levels to syslog priorities (`PRIORITY=`).
    public static func priority(of level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// `INSPECTD_` + the key upper-cased with other characters turned into `_`;
    /// nil when nothing usable is left.
    public static func fieldName(forMetadataKey key: String) -> String? {
        var name = "INSPECTD_"
        for scalar in key.unicodeScalars {
            switch scalar {
            case "a"..."z": name.unicodeScalars.append(Unicode.Scalar(scalar.value - 32)!)
            case "A"..."Z", "0"..."9": name.unicodeScalars.append(scalar)
            default: name.append("_")
            }
        }
        guard name.count > "INSPECTD_".count else { return nil }
        return String(name.prefix(64))
    }

    private static func send(_ fields: [(String, String)]) {
        let buffers: [[UInt8]] = fields.map { Array("\($0.0)=\($0.1)".utf8) }
        var pointers: [UnsafeMutableRawPointer?] = []
        pointers.reserveCapacity(buffers.count)
        for buffer in buffers {
            let copy = UnsafeMutableRawPointer.allocate(byteCount: max(buffer.count, 1), alignment: 1)
            buffer.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: buffer.count) }
            pointers.append(copy)
        }
        defer { for pointer in pointers { pointer?.deallocate() } }
        var vectors = zip(pointers, buffers).map { iovec(iov_base: $0.0, iov_len: $0.1.count) }
        _ = vectors.withUnsafeMutableBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
    }
}
