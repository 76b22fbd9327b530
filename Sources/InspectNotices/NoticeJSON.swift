import InspectLedger

/// A notice as the outbox file the delivery gateway reads: one JSON object in UTF-8 on one
/// line, ending with a line break.
///
/// Keys, always all of them and in this order: `id`, `kind` (a ``NoticeKind`` raw value),
/// `created`, `recipients` (objects with `name`, `role`, `unit`, `phone`, `email`; absent
/// values as `null`), `subject`, `body`, `data` (the notice's ``NoticeValue``, object keys in
/// their order), `case` and `unit` (ids, or `null`), `priority` (syslog, 0–7).
///
/// Deterministic: the same notice always gives the same bytes, so a notice written again
/// after a crash is byte for byte the file written before. Non-ASCII text is written as
/// UTF-8, not `\u` escapes; control characters, `"` and `\` are escaped. Decimals are
/// written in their shortest round-trip form (`0.25`, `1e-07`); infinities and NaN, which
/// JSON cannot hold, as `null`.
///
/// The dedupe key is not part of the file (the gateway has no use for it):
/// ``decode(_:)`` gives a notice whose ``Notice/dedupeKey`` is empty.
public enum NoticeJSON {
    /// The outbox file's bytes for `notice`.
    public static func encode(_ notice: Notice) -> [UInt8] {
        var writer = JSONWriter()
        writer.byte("{")
        writer.key("id", first: true)
        writer.string(notice.id)
        writer.key("kind")
        writer.string(notice.kind.rawValue)
        writer.key("created")
        writer.string(notice.created)
        writer.key("recipients")
        writer.byte("[")
        for (index, recipient) in notice.recipients.enumerated() {
            if index > 0 { writer.byte(",") }
            writer.byte("{")
            writer.key("name", first: true)
            writer.string(recipient.name)
            writer.key("role")
            writer.string(recipient.role)
            writer.key("unit")
            writer.optionalString(recipient.unit)
            writer.key("phone")
            writer.optionalString(recipient.phone)
            writer.key("email")
            writer.optionalString(recipient.email)
            writer.byte("}")
        }
        writer.byte("]")
        writer.key("subject")
        writer.string(notice.subject)
        writer.key("body")
        writer.string(notice.body)
        writer.key("data")
        writer.value(notice.data)
        writer.key("case")
        writer.optionalString(notice.caseID)
        writer.key("unit")
        writer.optionalString(notice.unitID)
        writer.key("priority")
        writer.bytes += Array(String(notice.priority).utf8)
        writer.byte("}")
        writer.byte("\n")
        return writer.bytes
    }

    /// The notice in an outbox file, or nil when `bytes` is not one: not UTF-8 JSON, not a
    /// single object, a key missing or of the wrong type, or an unknown kind. Unknown keys
    /// are ignored. The dedupe key comes back empty.
    public static func decode(_ bytes: [UInt8]) -> Notice? {
        guard let root = decodeValue(bytes), case .object = root,
            case .string(let id)? = root["id"],
            case .string(let kindName)? = root["kind"], let kind = NoticeKind(rawValue: kindName),
            case .string(let created)? = root["created"],
            case .array(let recipientValues)? = root["recipients"],
            case .string(let subject)? = root["subject"],
            case .string(let body)? = root["body"],
            let data = root["data"],
            let caseID = optionalString(root["case"]),
            let unitID = optionalString(root["unit"]),
            case .int(let rawPriority)? = root["priority"], let priority = Int(exactly: rawPriority)
        else { return nil }
        var recipients: [NoticeRecipient] = []
        for value in recipientValues {
            guard case .object = value, case .string(let name)? = value["name"], case .string(let role)? = value["role"],
                let unit = optionalString(value["unit"]), let phone = optionalString(value["phone"]),
                let email = optionalString(value["email"])
            else { return nil }
            recipients.append(NoticeRecipient(name: name, role: role, unit: unit, phone: phone, email: email))
        }
        return Notice(
            id: id, dedupeKey: "", kind: kind, created: created, recipients: recipients, subject: subject, body: body,
            data: data, caseID: caseID, unitID: unitID, priority: priority)
    }

    /// `value` as compact JSON (no line break), with the same rules as ``encode(_:)``.
    public static func encode(value: NoticeValue) -> [UInt8] {
        var writer = JSONWriter()
        writer.value(value)
        return writer.bytes
    }

    /// The JSON text in `bytes` as a value (blanks around it allowed), or nil when it is
    /// not valid JSON in UTF-8. Numbers without a fraction or exponent that fit 64 bits are
    /// ``NoticeValue/int(_:)``; other numbers ``NoticeValue/double(_:)``.
    public static func decodeValue(_ bytes: [UInt8]) -> NoticeValue? {
        var reader = JSONReader(bytes: bytes)
        reader.skipBlanks()
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipBlanks()
        return reader.index == bytes.count ? value : nil
    }

    /// `.some(nil)` for JSON null, `.some(text)` for a string, nil for anything else.
    private static func optionalString(_ value: NoticeValue?) -> String?? {
        switch value {
        case .null?: .some(nil)
        case .string(let text)?: .some(text)
        default: nil
        }
    }
}

private struct JSONWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ character: Unicode.Scalar) {
        bytes.append(UInt8(ascii: character))
    }

    mutating func key(_ name: String, first: Bool = false) {
        if !first { byte(",") }
        string(name)
        byte(":")
    }

    mutating func optionalString(_ text: String?) {
        if let text { string(text) } else { bytes += Array("null".utf8) }
    }

    mutating func string(_ text: String) {
        let hex = Array("0123456789abcdef".utf8)
        byte("\"")
        for unit in text.utf8 {
            switch unit {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0..<0x20:
                bytes += Array("\\u00".utf8)
                bytes.append(hex[Int(unit >> 4)])
                bytes.append(hex[Int(unit & 0x0f)])
            default: bytes.append(unit)
            }
        }
        byte("\"")
    }

    mutating func value(_ value: NoticeValue) {
        switch value {
        case .null: bytes += Array("null".utf8)
        case .bool(let flag): bytes += Array((flag ? "true" : "false").utf8)
        case .int(let number): bytes += Array(String(number).utf8)
        case .double(let number):
            bytes += Array((number.isFinite ? String(number) : "null").utf8)
        case .string(let text): string(text)
        case .array(let elements):
            byte("[")
            for (index, element) in elements.enumerated() {
                if index > 0 { byte(",") }
                self.value(element)
            }
            byte("]")
        case .object(let members):
            byte("{")
            for (index, (name, element)) in members.enumerated() {
                key(name, first: index == 0)
                self.value(element)
            }
            byte("}")
        }
    }
}

/// A strict RFC 8259 reader into ``NoticeValue``.
private struct JSONReader {
    static let maximumDepth = 256

    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipBlanks() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    mutating func literal(_ text: String, _ value: NoticeValue) -> NoticeValue? {
        let expected = Array(text.utf8)
        guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
            return nil
        }
        index += expected.count
        return value
    }

    mutating func value(depth: Int) -> NoticeValue? {
        guard depth < JSONReader.maximumDepth, let byte = current else { return nil }
        switch byte {
        case UInt8(ascii: "n"): return literal("null", .null)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "\""): return string().map(NoticeValue.string)
        case UInt8(ascii: "["):
            index += 1
            var elements: [NoticeValue] = []
            skipBlanks()
            if current == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                skipBlanks()
                guard let element = value(depth: depth + 1) else { return nil }
                elements.append(element)
                skipBlanks()
                switch current {
                case UInt8(ascii: ",")?: index += 1
                case UInt8(ascii: "]")?:
                    index += 1
                    return .array(elements)
                default: return nil
                }
            }
        case UInt8(ascii: "{"):
            index += 1
            var members: [(String, NoticeValue)] = []
            skipBlanks()
            if current == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipBlanks()
                guard current == UInt8(ascii: "\""), let name = string() else { return nil }
                skipBlanks()
                guard current == UInt8(ascii: ":") else { return nil }
                index += 1
                skipBlanks()
                guard let member = value(depth: depth + 1) else { return nil }
                members.append((name, member))
                skipBlanks()
                switch current {
                case UInt8(ascii: ",")?: index += 1
                case UInt8(ascii: "}")?:
                    index += 1
                    return .object(members)
                default: return nil
                }
            }
        default:
            return number()
        }
    }

    private func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    mutating func number() -> NoticeValue? {
        let start = index
        var integral = true
        if current == UInt8(ascii: "-") { index += 1 }
        if current == UInt8(ascii: "0") {
            index += 1
        } else if isDigit(current) {
            while isDigit(current) { index += 1 }
        } else {
            return nil
        }
        if current == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard isDigit(current) else { return nil }
            while isDigit(current) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard isDigit(current) else { return nil }
            while isDigit(current) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if integral, let number = Int64(text) { return .int(number) }
        guard let number = Double(text) else { return nil }
        return .double(number)
    }

    /// A string starting at the opening quote.
    mutating func string() -> String? {
        guard current == UInt8(ascii: "\"") else { return nil }
        index += 1
        var utf8: [UInt8] = []
        while true {
            guard let byte = current else { return nil }
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = current else { return nil }
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escaped)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "u"):
                    guard let first = hexQuad() else { return nil }
                    var scalarValue = UInt32(first)
                    if (0xD800..<0xDC00).contains(first) {
                        guard current == UInt8(ascii: "\\") else { return nil }
                        index += 1
                        guard current == UInt8(ascii: "u") else { return nil }
                        index += 1
                        guard let second = hexQuad(), (0xDC00..<0xE000).contains(second) else { return nil }
                        scalarValue = 0x10000 + ((UInt32(first) - 0xD800) << 10) + (UInt32(second) - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(scalarValue) else { return nil }
                    utf8 += Array(String(Character(scalar)).utf8)
                default: return nil
                }
            case 0..<0x20:
                return nil
            default:
                utf8.append(byte)
            }
        }
    }

    mutating func hexQuad() -> UInt16? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }
}
