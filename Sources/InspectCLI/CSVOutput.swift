/// CSV for spreadsheets: Excel and WPS read a CSV file without a byte order mark in
/// the system's code page (GBK on Chinese Windows), so UTF-8 Chinese text turns to
/// mojibake; with the mark they read it as UTF-8. `--excel` asks for the mark.
enum CSVOutput {
    /// U+FEFF, written as the three bytes EF BB BF in UTF-8.
    static let byteOrderMark = "\u{FEFF}"

    /// `csv` as written to standard output: led by the byte order mark when `excel`.
    static func text(_ csv: String, excel: Bool) -> String {
        excel ? byteOrderMark + csv : csv
    }
}

/// Writes CSV text to standard output, with the byte order mark under `--excel`.
func printCSV(_ csv: String, _ options: GlobalOptions) {
    print(CSVOutput.text(csv, excel: options.excel), terminator: "")
}
