/// A parsed TOML 1.0 document.
///
/// ```swift
/// let document = try TOMLDocument.parse(text, file: "/etc/inspectd/inspectd.toml")
/// document.root["daemon"]?.table?["log_level"]?.string
/// ```
public struct TOMLDocument: Sendable, Equatable {
    /// The file name used in error messages; never opened.
    public var file: String
    public var root: TOMLTable

    public init(file: String, root: TOMLTable) {
        self.file = file
        self.root = root
    }

    /// Parses TOML 1.0 text. A UTF-8 byte order mark at the start is skipped; CRLF line endings
    /// are accepted (and read as LF inside multi-line strings).
    /// - Parameter file: the name to put in errors; the text is not read from it.
    /// - Throws: the first syntax error, or the first key or table defined twice.
    public static func parse(_ text: String, file: String) throws(TOMLError) -> TOMLDocument {
        var parser = TOMLParser(text: text, file: file)
        return TOMLDocument(file: file, root: try parser.parseDocument())
    }
}
