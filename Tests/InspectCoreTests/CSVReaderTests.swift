import InspectCore
import Testing

@Suite struct CSVReaderTests {
    @Test func simpleRecordsWithLineNumbers() throws {
        let records = try CSVReader.parse("a,b,c\n1,2,3\n")
        #expect(
            records == [CSVRecord(line: 1, fields: ["a", "b", "c"]), CSVRecord(line: 2, fields: ["1", "2", "3"])])
    }

    @Test func quotedFieldsWithCommasQuotesAndLineBreaks() throws {
        let text = "id,name\n1,\"白河镇,一号\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,last\n"
        let records = try CSVReader.parse(text)
        #expect(
            records.map(\.fields) == [
                ["id", "name"], ["1", "白河镇,一号"], ["2", "say \"hi\""], ["3", "two\nlines"], ["4", "last"],
            ])
        // The record after a two-line field starts on the physical line after it.
        #expect(records.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test func crlfAndMissingFinalLineBreak() throws {
        let records = try CSVReader.parse("a,b\r\n1,\"x\r\ny\"\r\n2,3")
        #expect(
            records == [
                CSVRecord(line: 1, fields: ["a", "b"]),
                CSVRecord(line: 2, fields: ["1", "x\ny"]),
                CSVRecord(line: 4, fields: ["2", "3"]),
            ])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let records = try CSVReader.parse("a\n\n\r\nb\n\n")
        #expect(records == [CSVRecord(line: 1, fields: ["a"]), CSVRecord(line: 4, fields: ["b"])])
    }

    @Test func emptyFieldsAreKept() throws {
        #expect(try CSVReader.parse(",x,,\n\"\",\"\"\n").map(\.fields) == [["", "x", "", ""], ["", ""]])
    }

    @Test func blanksAroundQuotedFieldsAreDropped() throws {
        #expect(try CSVReader.parse("a, \"b,c\" ,d\n").map(\.fields) == [["a", "b,c", "d"]])
        // Blanks in unquoted fields are kept (the importer trims).
        #expect(try CSVReader.parse(" a , b\n").map(\.fields) == [[" a ", " b"]])
    }

    @Test func emptyTextHasNoRecords() throws {
        #expect(try CSVReader.parse("").isEmpty)
        #expect(try CSVReader.parse("\n\n").isEmpty)
    }

    @Test func unterminatedQuoteReportsWhereItOpened() {
        let error = #expect(throws: CSVSyntaxError.self) { try CSVReader.parse("a,b\n1,\"open\n2,3\n") }
        #expect(error?.kind == .unterminatedQuote)
        #expect(error?.line == 2)
        #expect(error?.column == 3)
        #expect(error?.field == 2)
        #expect(error?.description.hasPrefix("line 2, column 3: the quote opened here is never closed") == true)
    }

    @Test func strayQuoteInUnquotedField() {
        let error = #expect(throws: CSVSyntaxError.self) { try CSVReader.parse("a,b\n1,ab\"c\n") }
        #expect(error?.kind == .strayQuote)
        #expect(error?.line == 2)
        #expect(error?.column == 5)
        #expect(error?.field == 2)
    }

    @Test func textAfterClosingQuote() {
        let error = #expect(throws: CSVSyntaxError.self) { try CSVReader.parse("\"a\"b,c\n") }
        #expect(error?.kind == .strayQuote)
        #expect(error?.line == 1)
        #expect(error?.column == 4)
        #expect(error?.field == 1)
    }

    @Test func readCollectsEveryErrorAndKeepsTheGoodRecords() {
        let document = CSVReader.read("h1,h2\nok,1\nb\"ad,2\nok2,3\n\"x\"y,4\nok3,5\n")
        #expect(document.records.map(\.line) == [1, 2, 4, 6])
        #expect(document.errors.map(\.line) == [3, 5])
        #expect(document.errors.map(\.column) == [2, 4])
    }
}
