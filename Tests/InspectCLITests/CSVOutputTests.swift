import ArgumentParser
import InspectAPI
import Testing

@testable import InspectCLI

/// `--format csv` is RFC 4180 and `--excel` puts the UTF-8 byte order mark in front.
@Suite struct CSVOutputTests {
    @Test func fieldsWithCommasQuotesAndLineBreaksAreQuoted() {
        #expect(CSVText.quoted("plain 中文") == "plain 中文")
        #expect(CSVText.quoted("a,b") == "\"a,b\"")
        #expect(CSVText.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.quoted("one\ntwo") == "\"one\ntwo\"")
        #expect(CSVText.quoted("one\rtwo") == "\"one\rtwo\"")
        // CR LF is one Character in Swift; it must be quoted all the same.
        #expect(CSVText.quoted("one\r\ntwo") == "\"one\r\ntwo\"")
    }

    @Test func recordsEndInCRLF() {
        let text = CSVText.render(header: ["id", "note"], rows: [["1", "整改, 已完成"], ["2", "第一行\r\n第二行"]])
        #expect(text == "id,note\r\n1,\"整改, 已完成\"\r\n2,\"第一行\r\n第二行\"\r\n")
    }

    @Test func excelLeadsWithTheUTF8ByteOrderMark() {
        let csv = "id,name\r\nI001,张伟\r\n"
        #expect(Array(CSVOutput.text(csv, excel: true).utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(CSVOutput.text(csv, excel: true).utf8.dropFirst(3).elementsEqual(csv.utf8))
        #expect(CSVOutput.text(csv, excel: false) == csv)
    }

    @Test func excelIsOnlyForCSV() throws {
        #expect(try GlobalOptions.parse(["--format", "csv", "--excel"]).excel)
        for arguments in [["--excel"], ["--format", "json", "--excel"], ["--format", "ics", "--excel"]] {
            do {
                _ = try GlobalOptions.parse(arguments)
                Issue.record("\(arguments) accepted")
            } catch {
                #expect(GlobalOptions.message(for: error).contains("use it with --format csv"))
                #expect(GlobalOptions.exitCode(for: error) == .validationFailure)
            }
        }
    }
}
