/// CSV for spreadsheets: Excel and WPS read a CSV file without a byte order mark in
/// the system's code page (GBK on Chinese Windows), so UTF-8 Chinese text turns to
/// mojibake; with the mark they read it as UTF-8. `--excel` asks for the mark, which
/// `call` writes ahead of a listing's CSV.
enum CSVOutput {
    /// U+FEFF, written as the three bytes EF BB BF in UTF-8.
    static let byteOrderMark = "\u{FEFF}"
}
