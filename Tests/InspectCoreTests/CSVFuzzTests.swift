import Foundation
import InspectCore
import InspectFuzzing
import Testing

/// Property-based fuzzing of the directory CSV imports: seeded mutations of valid files
/// must never crash, and every rejection must say where (a line from 1 on). The seed and
/// case number of a failure reproduce it: `INSPECT_FUZZ_SEED=<seed> INSPECT_FUZZ_CASES=<n>`.
@Suite struct CSVFuzzTests {
    static let units = #"""
        id,name,kind,leader_name,leader_phone,contact_name,contact_phone
        env,区生态环境局,department,王海,13800000001,李明,13800000002
        "baihe","白河街道",locality,赵六,13800000003,,
        """#
    static let inspectors = #"""
        id,name,unit,phone,can_lead,active
        i1,张三,env,13900000001,yes,yes
        i2,"李 ""四""",baihe,13900000002,no,yes
        """#
    static let sites = #"""
        id,name,kind,risk,locality,address
        s1,"天津某化工有限公司, 一厂",chemical,A,baihe,白河路1号
        s2,工地,construction,C,baihe,"多行
        地址"
        """#

    @Test(arguments: [DirectoryKind.units, .inspectors, .sites])
    func mutatedFilesAreReadOrRefusedWithALine(kind: DirectoryKind) {
        let (sample, seed): (String, UInt64) = switch kind {
        case .units: (Self.units, 0x5EED_C5F1)
        case .inspectors: (Self.inspectors, 0x5EED_C5F2)
        case .sites: (Self.sites, 0x5EED_C5F3)
        }
        let gb18030 = try? TextDecoding.decode(Array(sample.utf8)).text
        var samples = [Array(sample.utf8), Array(sample.replacingOccurrences(of: "\n", with: "\r\n").utf8)]
        if let gb18030, let converted = GB18030Bytes.encode(gb18030) { samples.append(converted) }
        let run = FuzzRun(defaultSeed: seed, environment: ProcessInfo.processInfo.environment)
        var refused = 0
        for (number, bytes) in run.inputs(from: samples, dictionary: kind.columns + ["yes", "no", "A", "department"]) {
            do {
                _ = try DirectoryImport.read(kind, bytes: bytes)
            } catch {
                refused += 1
                for problem in error.problems where problem.line < 1 {
                    Issue.record("seed \(run.seed) case \(number): a problem without a line: \(problem)")
                }
            }
        }
        #expect(refused > 0, "the mutations should break some files")
    }

    @Test func tooManyRecordsIsRefusedNamingTheLimit() {
        let limits = ImportLimits(maximumBytes: 1 << 20, maximumRecords: 3, maximumFields: 8, maximumFieldBytes: 64)
        let document = CSVReader.read("a\nb\n\nc\nd\ne\n", limits: limits)
        #expect(document.records.map(\.line) == [1, 2, 4])
        #expect(document.errors.map(\.kind) == [.tooManyRecords])
        #expect(document.errors.first?.line == 5)
        #expect(document.errors.first?.message.contains("more than 3 records") == true)
    }

    @Test func tooManyFieldsAndLongFieldsAreRefused() {
        let limits = ImportLimits(maximumBytes: 1 << 20, maximumRecords: 10, maximumFields: 3, maximumFieldBytes: 5)
        #expect(CSVReader.read("a,b,c\nd,e,f,g\n", limits: limits).errors.map { [$0.kind.rawValue, "\($0.line)"] } == [["too_many_fields", "2"]])
        let long = CSVReader.read("a,b\n\"123\n456\",x\n", limits: limits)
        #expect(long.errors.map { [$0.kind.rawValue, "\($0.line)"] } == [["field_too_long", "3"]])
    }

    /// The real limit, end to end: 200,001 records is one too many.
    @Test func theStandardRecordLimitRefusesTheImport() throws {
        var text = "id,name,kind,leader_name,leader_phone,contact_name,contact_phone\n"
        text.reserveCapacity(4_000_000)
        for index in 1..<ImportLimits.standard.maximumRecords { text += "u\(index),单位\(index),department,王海,13800000001,李明,13800000002\n" }
        let atTheLimit = Result { try DirectoryImport.read(.units, bytes: Array(text.utf8)) }
        #expect(throws: Never.self) { try atTheLimit.get() }
        text += "extra,多出,department,王海,13800000001,李明,13800000002\n"
        let failure = #expect(throws: ImportFailure.self) { try DirectoryImport.read(.units, bytes: Array(text.utf8)) }
        #expect(failure?.problems.count == 1)
        #expect(failure?.problems.first?.line == 200_001)
        #expect(failure?.problems.first?.description.contains("more than 200000 records") == true)
    }

    @Test func aFileOverTheByteLimitIsRefusedBeforeDecoding() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: ImportLimits.standard.maximumBytes + 1)
        let failure = #expect(throws: ImportFailure.self) { try DirectoryImport.read(.sites, bytes: bytes, file: "big.csv") }
        #expect(failure?.problems.first?.description == "big.csv:1: the file is 16777217 bytes, more than the limit of 16777216 bytes (16 MiB); split it into smaller files")
    }
}

/// GB18030 bytes of a text, by the C library's iconv (as the imports decode it).
enum GB18030Bytes {
    static func encode(_ text: String) -> [UInt8]? {
        let handle = iconv_open("GB18030", "UTF-8")
        guard handle != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(handle) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 2 + 16)
        var inLeft = input.count
        var outLeft = output.count
        let ok = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var outPointer = outBuffer.baseAddress
                return iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) != -1
            }
        }
        guard ok else { return nil }
        return output.prefix(output.count - outLeft).map { UInt8(bitPattern: $0) }
    }
}
