import InspectCore
import Testing

/// Vectors from FIPS 180-2 Appendix B and NIST's "SHA-256 examples" (csrc.nist.gov,
/// Cryptographic Standards and Guidelines, Examples with Intermediate Values); the
/// 896-bit message is the one FIPS 180-2 uses for SHA-384/512, whose SHA-256 digest NIST
/// lists among its additional vectors.
@Suite struct SHA256Tests {
    static let vectors: [(message: String, digest: String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ]

    @Test(arguments: 0..<4) func nistVectors(index: Int) {
        let (message, digest) = Self.vectors[index]
        #expect(SHA256.hex(Array(message.utf8)) == digest)
        #expect(SHA256.hexString(SHA256.hash(Array(message.utf8))) == digest)
        #expect(SHA256.hash(Array(message.utf8)).count == 32)
    }

    @Test func oneMillionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)) == expected)
        // The same, fed incrementally in pieces that straddle block boundaries.
        var digest = SHA256()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for round in 0..<1000 {
            if round.isMultiple(of: 2) {
                digest.update(piece)
            } else {
                digest.update(piece[0..<37])
                digest.update(piece[37...])
            }
        }
        #expect(SHA256.hexString(digest.finalize()) == expected)
    }

    /// Lengths around the padding boundaries (55/56 bytes: the length fits or needs another
    /// block; 63/64/65: a full block), checked against Python's hashlib.
    @Test(arguments: [
        (55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"),
        (56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"),
        (63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"),
        (64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"),
        (65, "9537c5fdf120482f7d58d25e9ed583f52c02b4e304ea814db1633ad565aed7e9"),
        (119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c"),
        (120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98"),
    ])
    func paddingBoundaries(length: Int, digest: String) {
        let message = [UInt8](repeating: UInt8(ascii: "x"), count: length)
        #expect(SHA256.hex(message) == digest)
        // Byte by byte gives the same digest.
        var incremental = SHA256()
        for byte in message { incremental.update([byte]) }
        #expect(SHA256.hexString(incremental.finalize()) == digest)
    }

    @Test func chineseTextAndAllByteValues() {
        #expect(SHA256.hex(Array("整改提醒".utf8)) == "f6b364d23b158446f868c2851e88bea703eccd4287889a3a714731d29a3c02b4")
        var utf8 = SHA256()
        utf8.update(utf8: "整改")
        utf8.update(utf8: "提醒")
        #expect(SHA256.hexString(utf8.finalize()) == "f6b364d23b158446f868c2851e88bea703eccd4287889a3a714731d29a3c02b4")
        let bytes = (0..<768).map { UInt8(truncatingIfNeeded: $0) }
        #expect(SHA256.hex(bytes) == "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363")
    }

    @Test func finalizeLeavesTheDigestUsable() {
        var digest = SHA256()
        digest.update(Array("ab".utf8))
        _ = digest.finalize()
        digest.update(Array("c".utf8))
        #expect(SHA256.hexString(digest.finalize()) == Self.vectors[1].digest)
    }
}
