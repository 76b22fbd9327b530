import InspectCore
import Testing

@Suite struct TextDecodingTests {
    @Test func plainUTF8IsDetected() throws {
        let decoded = try TextDecoding.decode(Array("id,name\nenv,生态环境局\n".utf8))
        #expect(decoded == DecodedText(text: "id,name\nenv,生态环境局\n", encoding: .utf8, hadByteOrderMark: false))
    }

    @Test func utf8ByteOrderMarkIsRemoved() throws {
        let decoded = try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("id,name\n".utf8))
        #expect(decoded.text == "id,name\n")
        #expect(decoded.encoding == .utf8)
        #expect(decoded.hadByteOrderMark)
        #expect(decoded.text.unicodeScalars.first == "i")
    }

    @Test func emptyInputIsEmptyUTF8Text() throws {
        #expect(try TextDecoding.decode([]) == DecodedText(text: "", encoding: .utf8, hadByteOrderMark: false))
    }

    @Test func gb18030IsDetectedWhenTheBytesAreNotUTF8() throws {
        let decoded = try TextDecoding.decode(GB18030Samples.bureau)
        #expect(decoded.text == "生态环境局")
        #expect(decoded.encoding == .gb18030)
        #expect(!decoded.hadByteOrderMark)
    }

    @Test func fourByteGB18030SequencesDecode() throws {
        let decoded = try TextDecoding.decode(GB18030Samples.fourByteCharacter)
        #expect(decoded.text == "𫖯")
        #expect(decoded.text.unicodeScalars.first?.value == 0x2B5AF)
    }

    @Test func wholeGB18030FilesDecodeToTheirText() throws {
        #expect(try TextDecoding.decode(GB18030Samples.units).text == GB18030Samples.unitsText)
        #expect(try TextDecoding.decode(GB18030Samples.sites).text == GB18030Samples.sitesText)
    }

    @Test func gb18030ByteOrderMarkIsRemoved() throws {
        let decoded = try TextDecoding.decode([0x84, 0x31, 0x95, 0x33] + GB18030Samples.bureau)
        #expect(decoded.text == "生态环境局")
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.hadByteOrderMark)
    }

    @Test func explicitEncodingOverridesDetection() throws {
        // ASCII is valid in both; forcing GB18030 reports GB18030.
        let ascii = Array("id\n".utf8)
        #expect(try TextDecoding.decode(ascii, encoding: .gb18030).encoding == .gb18030)
        // GB18030 bytes forced as UTF-8 fail at the first byte.
        let error = #expect(throws: TextDecodingError.self) {
            try TextDecoding.decode(Array("id\n".utf8) + GB18030Samples.bureau, encoding: .utf8)
        }
        #expect(error?.encoding == .utf8)
        #expect(error?.byteOffset == 3)
        #expect(error?.line == 2)
        #expect(error?.description.hasPrefix("line 2 (byte 3): not valid UTF-8 (byte 0xC9)") == true)
    }

    @Test func utf8ForcedAsGB18030IsNotTheSameText() throws {
        // Three-byte UTF-8 happens to be decodable as GB18030 pairs, so forcing the
        // wrong encoding gives other text rather than an error: detection matters.
        let decoded = try? TextDecoding.decode(Array("生态".utf8), encoding: .gb18030)
        #expect(decoded?.text != "生态")
    }

    @Test func undecodableBytesReportOffsetAndLine() throws {
        // Line 3 has 0xFF, which is neither UTF-8 nor a GB18030 lead byte.
        let bytes = Array("id,name\nenv,ok\nbad,".utf8) + [0xFF, 0x41] + Array("\n".utf8)
        let error = #expect(throws: TextDecodingError.self) { try TextDecoding.decode(bytes) }
        #expect(error?.byteOffset == 19)
        #expect(error?.line == 3)
        #expect(error?.message.contains("neither UTF-8 nor GB18030") == true)
    }

    @Test func truncatedGB18030IsReported() throws {
        let bytes = Array("a\n".utf8) + GB18030Samples.bureau + [0xC9]
        let error = #expect(throws: TextDecodingError.self) { try TextDecoding.decode(bytes, encoding: .gb18030) }
        #expect(error?.byteOffset == 12)
        #expect(error?.line == 2)
        #expect(error?.message.contains("truncated") == true)
    }

    @Test(arguments: [
        [0xC0, 0x80] as [UInt8],  // overlong NUL
        [0xED, 0xA0, 0x80],  // surrogate
        [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0xE6, 0x88],  // truncated
    ])
    func malformedUTF8IsRejected(_ sequence: [UInt8]) throws {
        let error = #expect(throws: TextDecodingError.self) {
            try TextDecoding.decode(Array("ab".utf8) + sequence, encoding: .utf8)
        }
        #expect(error?.byteOffset == 2)
    }

    @Test func largeGB18030InputGrowsTheOutputBuffer() throws {
        let text = String(repeating: "生态环境局,𫖯\n", count: 5000)
        var bytes: [UInt8] = []
        for _ in 0..<5000 { bytes += GB18030Samples.bureau + [0x2C] + GB18030Samples.fourByteCharacter + [0x0A] }
        let decoded = try TextDecoding.decode(bytes)
        #expect(decoded.encoding == .gb18030)
        #expect(decoded.text == text)
    }
}
