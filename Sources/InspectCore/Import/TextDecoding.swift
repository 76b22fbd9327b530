#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A text encoding an import file may be written in.
public enum TextEncoding: String, Codable, Sendable, Hashable, CaseIterable {
    /// UTF-8, with or without a byte-order mark.
    case utf8
    /// GB18030, the superset of GBK and GB2312 that Excel and WPS write on Chinese Windows.
    case gb18030
}

/// Text decoded from an import file, and how it was decoded.
public struct DecodedText: Sendable, Equatable {
    /// The text, without a byte-order mark.
    public var text: String
    /// The encoding the bytes were read as (detected or requested).
    public var encoding: TextEncoding
    /// The bytes began with a byte-order mark (removed from ``text``).
    public var hadByteOrderMark: Bool

    /// Creates a decoded text.
    public init(text: String, encoding: TextEncoding, hadByteOrderMark: Bool) {
        self.text = text
        self.encoding = encoding
        self.hadByteOrderMark = hadByteOrderMark
    }
}

/// Bytes that could not be decoded, and where.
public struct TextDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The encoding that was tried (when detecting: the one that read further).
    public var encoding: TextEncoding
    /// Zero-based offset of the first byte that could not be decoded.
    public var byteOffset: Int
    /// One-based line of that byte.
    public var line: Int
    /// What went wrong and what to do.
    public var message: String

    /// Creates a decoding error.
    public init(encoding: TextEncoding, byteOffset: Int, line: Int, message: String) {
        self.encoding = encoding
        self.byteOffset = byteOffset
        self.line = line
        self.message = message
    }

    /// E.g. `line 3 (byte 57): not valid GB18030 …`.
    public var description: String { "line \(line) (byte \(byteOffset)): \(message)" }
}

/// Decodes the bytes of an import file: UTF-8 (with or without BOM) or GB18030/GBK.
///
/// Detection: a UTF-8 byte-order mark means UTF-8; otherwise bytes that are valid
/// UTF-8 are UTF-8 (GB18030 text with any Chinese in it is practically never valid
/// UTF-8); otherwise GB18030. GB18030 is decoded with the C library's `iconv`.
public enum TextDecoding {
    /// Decodes `bytes`, detecting the encoding unless `encoding` is given.
    ///
    /// - Throws: ``TextDecodingError`` with the offset and line of the first
    ///   undecodable byte.
    public static func decode(
        _ bytes: [UInt8], encoding: TextEncoding? = nil
    ) throws(TextDecodingError) -> DecodedText {
        switch encoding {
        case .utf8:
            return try decodeUTF8(bytes)
        case .gb18030:
            return try decodeGB18030(bytes)
        case nil:
            if hasUTF8ByteOrderMark(bytes) { return try decodeUTF8(bytes) }
            let utf8Failure: TextDecodingError
            do { return try decodeUTF8(bytes) } catch { utf8Failure = error }
            let gbFailure: TextDecodingError
            do { return try decodeGB18030(bytes) } catch { gbFailure = error }
            // Neither fits: report the reading that got further; it is most likely
            // the encoding the file was meant to be in.
            var failure = gbFailure.byteOffset >= utf8Failure.byteOffset ? gbFailure : utf8Failure
            failure.message =
                "the file is neither UTF-8 nor GB18030/GBK; as \(failure.encoding == .utf8 ? "UTF-8" : "GB18030") "
                + "the first bad byte is here. Save it again as \"CSV UTF-8\" or check for a damaged file"
            throw failure
        }
    }

    static let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func hasUTF8ByteOrderMark(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A { line += 1 }
        return line
    }

    static func decodeUTF8(_ bytes: [UInt8]) throws(TextDecodingError) -> DecodedText {
        let bom = hasUTF8ByteOrderMark(bytes)
        let start = bom ? 3 : 0
        if let bad = firstInvalidUTF8Offset(bytes, from: start) {
            throw TextDecodingError(
                encoding: .utf8, byteOffset: bad, line: lineNumber(of: bad, in: bytes),
                message: "not valid UTF-8 (byte 0x\(hex(bytes[bad])))"
                    + "; if the file was saved by Excel or WPS on Chinese Windows, import it as GB18030")
        }
        let text = String(decoding: bytes[start...], as: UTF8.self)
        return DecodedText(text: text, encoding: .utf8, hadByteOrderMark: bom)
    }

    /// The offset of the first byte that does not belong to a well-formed UTF-8
    /// sequence (rejecting overlong forms, surrogates and values above U+10FFFF).
    static func firstInvalidUTF8Offset(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                upper = 0x9F
            case 0xF0:
                length = 4
                lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                upper = 0x8F
            default: return index
            }
            for continuation in 1..<length {
                let position = index + continuation
                guard position < count else { return index }
                let byte = bytes[position]
                let low = continuation == 1 ? lower : 0x80
                let high = continuation == 1 ? upper : 0xBF
                guard byte >= low && byte <= high else { return index }
            }
            index += length
        }
        return nil
    }

    static let gb18030ByteOrderMark: [UInt8] = [0x84, 0x31, 0x95, 0x33]

    static func decodeGB18030(_ bytes: [UInt8]) throws(TextDecodingError) -> DecodedText {
        let result = convertGB18030ToUTF8(bytes)
        switch result {
        case .failure(let failure):
            throw TextDecodingError(
                encoding: .gb18030, byteOffset: failure.offset, line: lineNumber(of: failure.offset, in: bytes),
                message: failure.message)
        case .success(let utf8):
            var text = String(decoding: utf8, as: UTF8.self)
            var bom = false
            if text.unicodeScalars.first == "\u{FEFF}" {
                text.unicodeScalars.removeFirst()
                bom = true
            }
            return DecodedText(text: text, encoding: .gb18030, hadByteOrderMark: bom)
        }
    }

    struct ConversionFailure: Error {
        var offset: Int
        var message: String
    }

    /// Converts with `iconv(3)`; on failure reports the offset of the first byte not converted.
    static func convertGB18030ToUTF8(_ bytes: [UInt8]) -> Result<[UInt8], ConversionFailure> {
        if bytes.isEmpty { return .success([]) }
        let descriptor = iconv_open("UTF-8", "GB18030")
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else {
            return .failure(
                ConversionFailure(
                    offset: 0, message: "GB18030 is not available from the C library (iconv); import the file as UTF-8")
            )
        }
        defer { iconv_close(descriptor) }

        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var input = bytes
        var consumed = 0
        var produced = 0
        while true {
            let (status, errorNumber, inputUsed, outputUsed) = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    let inStart = UnsafeMutableRawPointer(inBuffer.baseAddress! + consumed)
                        .assumingMemoryBound(to: CChar.self)
                    let outStart = UnsafeMutableRawPointer(outBuffer.baseAddress! + produced)
                        .assumingMemoryBound(to: CChar.self)
                    var inPointer: UnsafeMutablePointer<CChar>? = inStart
                    var outPointer: UnsafeMutablePointer<CChar>? = outStart
                    var inLeft = inBuffer.count - consumed
                    var outLeft = outBuffer.count - produced
                    let inBefore = inLeft
                    let outBefore = outLeft
                    let status = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    let errorNumber = status == -1 ? errno : 0
                    return (status, errorNumber, inBefore - inLeft, outBefore - outLeft)
                }
            }
            consumed += inputUsed
            produced += outputUsed
            if status != -1 { break }
            switch errorNumber {
            case E2BIG:
                output.append(contentsOf: repeatElement(0, count: output.count))
            case EILSEQ:
                return .failure(
                    ConversionFailure(
                        offset: consumed,
                        message: "not valid GB18030 (byte 0x\(hex(bytes[consumed])))"
                            + "; check the file's encoding or save it again as \"CSV UTF-8\""))
            case EINVAL:
                return .failure(
                    ConversionFailure(
                        offset: consumed,
                        message: "the file ends in the middle of a GB18030 character; it may be truncated"))
            default:
                return .failure(
                    ConversionFailure(
                        offset: consumed, message: "GB18030 conversion failed (errno \(errorNumber))"))
            }
        }
        return .success(Array(output[..<produced]))
    }
}

/// Two upper-case hex digits, e.g. `0A`.
func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
}
