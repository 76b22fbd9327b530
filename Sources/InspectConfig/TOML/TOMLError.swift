/// A TOML syntax error or a key defined twice, with where it happened.
///
/// Prints the way compilers do, so editors can jump to it:
/// `inspectd.toml:12:5: expected '=' after key "socket_path"`.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}
