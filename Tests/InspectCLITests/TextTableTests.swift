import Testing

@testable import InspectCLI

@Suite struct TextTableTests {
    static let headers = ["id", "name", "locality", "note"]
    static let rows = [
        ["S1", "东风化工有限公司", "town1", "重点企业, night checks"],
        ["S22", "Riverside Paper Mill", "东风镇", ""],
        ["S333", "欧阳明月的小作坊", "x", "ok"],
    ]

    @Test func columnsArePaddedByDisplayWidthNotByCharacters() throws {
        let text = TextTable(headers: Self.headers, rows: Self.rows).rendered()
        #expect(
            text.split(separator: "\n", omittingEmptySubsequences: false) == [
                "id    name                  locality  note",
                "S1    东风化工有限公司      town1     重点企业, night checks",
                "S22   Riverside Paper Mill  东风镇    ",
                "S333  欧阳明月的小作坊      x         ok",
            ])
        // Every cell of a column starts at the same terminal cell, though the strings
        // before it differ in length.
        let lines = text.split(separator: "\n").map(String.init)
        for (line, cell) in zip(lines.dropFirst(), ["town1", "东风镇", "x"]) {
            let range = try #require(line.range(of: cell, options: .backwards))
            #expect(DisplayWidth.of(String(line[..<range.lowerBound])) == 28, "\(line)")
        }
    }

    @Test func displayWidthCountsChineseAsTwoAndEscapesAsNothing() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("东风镇") == 6)
        #expect(DisplayWidth.of("张伟★(sthj)") == 11)
        #expect(DisplayWidth.of("Ｓ１") == 4)
        #expect(DisplayWidth.of("雨 ☔") == 5)
        #expect(DisplayWidth.of("\u{1B}[1;31m!缺1\u{1B}[0m") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
    }

    @Test func truncationKeepsWholeCharactersAndEndsWithAnEllipsis() {
        #expect(DisplayWidth.truncate("Riverside Paper Mill", to: 10) == "Riverside…")
        #expect(DisplayWidth.truncate("东风化工有限公司", to: 7) == "东风化…")
        // A wide character that would straddle the edge is left out: 6 cells, not 7.
        #expect(DisplayWidth.truncate("东风化工有限公司", to: 8) == "东风化…")
        #expect(DisplayWidth.of(DisplayWidth.truncate("东风化工有限公司", to: 8)) == 7)
        #expect(DisplayWidth.truncate("short", to: 5) == "short")
        #expect(DisplayWidth.truncate("东", to: 1) == "…")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
    }

    @Test func aTableTooWideIsCutWidestColumnFirstAndShortColumnsStayWhole() {
        let headers = ["id", "date", "title", "members"]
        let rows = [
            ["C-2026-101", "2026-11-20", "新华街道搅拌站物料未苫盖扬尘", "张伟★(sthj), 欧阳明月★(gaj), 李强(zrzy)"],
            ["C-2026-102", "2026-11-29", "short", "Li Na★(gaj)"],
        ]
        let table = TextTable(headers: headers, rows: rows, for: Presentation(language: .en, width: 60, color: false))
        // Natural widths 10, 10, 28, 39: the members column is cut first, then both wide
        // columns share what is left (60 − 6 separators − 20 = 34 cells, 17 each).
        #expect(table.columnWidths(fitting: 60) == [10, 10, 17, 17])
        #expect(table.columnWidths(fitting: 79) == [10, 10, 27, 26])
        #expect(table.columnWidths(fitting: 80) == [10, 10, 27, 27])
        #expect(table.columnWidths(fitting: 200) == [10, 10, 28, 39])
        #expect(table.columnWidths(fitting: nil) == [10, 10, 28, 39])
        #expect(
            table.rendered() == """
                id          date        title              members
                C-2026-101  2026-11-20  新华街道搅拌站物…  张伟★(sthj), 欧…
                C-2026-102  2026-11-29  short              Li Na★(gaj)
                """)
        for width in [40, 60, 79, 80, 81, 100] {
            let lines = TextTable(headers: headers, rows: rows, for: Presentation(language: .en, width: width, color: false)).rendered()
                .split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 3, "no row wraps onto a second line at \(width)")
            #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= width }, "\(width): \(lines)")
            #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("C-2026-10") && $0.contains("2026-11-") })
        }
    }

    @Test func whenEvenCuttingCannotFitShortColumnsStillStayWhole() {
        let table = TextTable(
            headers: ["a", "b", "c"], rows: [["2026-11-20", "2026-11-21", String(repeating: "x", count: 30)]],
            for: Presentation(language: .en, width: 20, color: false))
        #expect(table.columnWidths(fitting: 20) == [10, 10, TextTable.narrowestCut])
        #expect(table.rendered().hasSuffix("2026-11-20  2026-11-21  xxxxx…"))
    }

    @Test func alertRowsAreRedOnlyWhenColourIsOn() {
        let rows = [["C-1", "逾期 3 天"], ["C-2", ""]]
        let plain = TextTable(headers: ["id", "overdue"], rows: rows, alerts: [0]).rendered()
        #expect(!plain.contains("\u{1B}"))
        #expect(plain == "id   overdue\nC-1  逾期 3 天\nC-2  ")
        let colored = TextTable(headers: ["id", "overdue"], rows: rows, alerts: [0], for: Presentation(language: .en, width: nil, color: true))
            .rendered()
        #expect(colored == "\u{1B}[1mid   overdue\u{1B}[0m\n\u{1B}[1;31mC-1  逾期 3 天\u{1B}[0m\nC-2  ")
    }
}
