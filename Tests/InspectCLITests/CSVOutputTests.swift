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

    @Test func theByteOrderMarkIsEFBBBFInUTF8() {
        #expect(Array(CSVOutput.byteOrderMark.utf8) == [0xEF, 0xBB, 0xBF])
    }

    /// A command that changes data prints no CSV, so `--excel` there is a usage error,
    /// found before anything is sent (the socket does not exist: exit 69 would mean it tried).
    @Test func excelIsRefusedForCommandsThatChangeData() throws {
        let nowhere = ["--socket", "/nonexistent/inspectd.sock", "--format", "csv", "--excel"]
        for command in [["leave", "add", "I017", "--from", "2026-12-03", "--to", "2026-12-05"], ["roster", "pin", "2026-12-01/night/north/1"]] {
            var parsed = try InspectctlCommand.parseAsRoot(command + nowhere)
            do {
                try parsed.run()
                Issue.record("\(command) ran with --excel")
            } catch {
                #expect(InspectctlCommand.exitCode(for: error) == .validationFailure, "\(command): \(error)")
                #expect(InspectctlCommand.message(for: error).contains("prints no CSV"))
            }
        }
        var listing = try InspectctlCommand.parseAsRoot(["roster"] + nowhere)
        #expect(throws: ExitCode(69)) { try listing.run() }
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
