/// Terminal display width: East Asian wide and fullwidth characters take two
/// cells, combining marks none (Unicode Standard Annex #11, simplified to the
/// ranges Chinese text uses, plus the emoji terminals draw two cells wide).
/// Colour escapes (`ESC [ … m`) take no cells, so coloured text pads correctly.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        var cells = 0
        var inEscape = false
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if inEscape {
                // A control sequence ends with its final byte, @ to ~ (ECMA-48 5.4).
                if previous != "\u{1B}" && (0x40...0x7E).contains(scalar.value) { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else {
                cells += width(of: scalar)
            }
            previous = scalar
        }
        return cells
    }

    static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value == 0 || (0x300...0x36F).contains(value) || (0x200B...0x200F).contains(value) || (0xFE00...0xFE0F).contains(value) {
            return 0
        }
        if (0x1100...0x115F).contains(value) || (0x2E80...0x303E).contains(value) || (0x3041...0x33FF).contains(value)
            || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value) || (0xA000...0xA4CF).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value)
            || (0xFF00...0xFF60).contains(value) || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
            || (0x2614...0x2615).contains(value) || (0x26A0...0x26A1).contains(value) || (0x1F300...0x1F64F).contains(value)
            || (0x1F900...0x1F9FF).contains(value)
        {
            return 2
        }
        return 1
    }

    /// Pads `text` with spaces to `width` cells.
    static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - of(text)))
    }

    /// The ellipsis that ends a cut cell.
    static let ellipsis: Character = "…"

    /// `text` when it fits in `width` cells; else as many whole characters as fit with
    /// `…` after them (a wide character that would straddle the edge is left out).
    static func truncate(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        guard width > 0 else { return "" }
        var kept = ""
        var used = 0
        for character in text {
            let cells = of(String(character))
            if used + cells > width - 1 { break }
            kept.append(character)
            used += cells
        }
        kept.append(ellipsis)
        return kept
    }
}

/// A plain text table whose columns line up with Chinese text, and whose rows fit
/// a terminal: too wide a table has its widest columns cut with `…`, never a row
/// wrapped onto a second line.
struct TextTable {
    var headers: [String]
    var rows: [[String]]
    /// Rows that must stand out (overdue, short-staffed): drawn in bold red when colour
    /// is on, and otherwise like the others.
    var alerts: Set<Int>
    /// The terminal's width in cells, or nil for no limit.
    var width: Int?
    /// Whether to use SGR escapes: a bold header and red alert rows.
    var color: Bool

    /// Columns no wider than this, in cells, are never cut, so ids, dates, times and
    /// counts stay whole.
    static let wholeColumnWidth = 12
    /// Cut columns keep at least this many cells, the ellipsis included.
    static let narrowestCut = 6
    static let separator = "  "

    /// A table for `presentation`'s width and colour (headers are given already in its
    /// language).
    init(headers: [String], rows: [[String]], alerts: Set<Int> = [], for presentation: Presentation = .plain) {
        self.headers = headers
        self.rows = rows
        self.alerts = alerts
        self.width = presentation.width
        self.color = presentation.color
    }

    /// The table's lines joined by newlines.
    func rendered() -> String {
        let widths = columnWidths(fitting: width)
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                guard index < widths.count else {
                    parts.append(cell)
                    continue
                }
                let fitted = DisplayWidth.truncate(cell, to: widths[index])
                parts.append(index == cells.count - 1 ? fitted : DisplayWidth.pad(fitted, to: widths[index]))
            }
            return parts.joined(separator: Self.separator)
        }
        var lines = [color ? TerminalStyle.bold(line(headers)) : line(headers)]
        for (index, row) in rows.enumerated() {
            lines.append(color && alerts.contains(index) ? TerminalStyle.alert(line(row)) : line(row))
        }
        return lines.joined(separator: "\n")
    }

    /// Each column's width in cells: as wide as its widest cell when the table fits in
    /// `limit`; otherwise the widest columns are narrowed first, all to the same width
    /// (as far as the cells left over allow), until the rows fit. Columns of at most
    /// ``wholeColumnWidth`` cells keep their width, and no column is cut below
    /// ``narrowestCut``, so a table of many short columns may still be wider than `limit`.
    func columnWidths(fitting limit: Int?) -> [Int] {
        var natural = headers.map(DisplayWidth.of)
        for row in rows {
            for (index, cell) in row.enumerated() where index < natural.count {
                natural[index] = max(natural[index], DisplayWidth.of(cell))
            }
        }
        let separators = Self.separator.count * max(0, natural.count - 1)
        guard let limit, natural.reduce(0, +) + separators > limit else { return natural }
        let cuttable = natural.filter { $0 > Self.wholeColumnWidth }
        guard let widest = cuttable.max() else { return natural }
        let budget = limit - separators - natural.filter { $0 <= Self.wholeColumnWidth }.reduce(0, +)
        let floor = min(Self.narrowestCut, widest)
        var cap = widest
        while cap > floor && cuttable.map({ min($0, cap) }).reduce(0, +) > budget { cap -= 1 }
        var spare = budget - cuttable.map { min($0, cap) }.reduce(0, +)
        return natural.map { width in
            guard width > Self.wholeColumnWidth else { return width }
            guard width > cap else { return width }
            // Cells the common cap leaves unused go to the cut columns, left to right.
            if spare > 0 {
                spare -= 1
                return cap + 1
            }
            return cap
        }
    }
}
