import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--color`: whether tables and alerts are coloured.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Colour when standard output is a terminal, `NO_COLOR` is unset or empty and
    /// `TERM` is not `dumb` (https://no-color.org).
    case auto
    /// Colour even into a pipe or a file (`less -R`), whatever `NO_COLOR` says.
    case always
    case never
}

/// How the human-readable output is written: in which language, how wide and whether in
/// colour. JSON and CSV ignore it.
struct Presentation: Sendable, Equatable {
    var language: Language
    /// The terminal's width in cells; nil when there is no limit (not a terminal and no
    /// `COLUMNS`).
    var width: Int?
    var color: Bool

    /// English, no width limit, no colour: what a pipe gets on an English system.
    static let plain = Presentation(language: .en, width: nil, color: false)

    /// Decides from the options, the environment and what standard output is. Pure, so
    /// tests pass any environment.
    ///
    /// - language: `--lang`, else `LC_ALL`, `LC_MESSAGES` or `LANG` (see ``Language/preferred(in:)``).
    /// - width: `COLUMNS` when it is a positive number, else the terminal's width, else none.
    /// - color: see ``ColorChoice``.
    static func resolve(
        language: Language?, color: ColorChoice, environment: [String: String], stdoutIsTerminal: Bool, terminalWidth: Int?
    ) -> Presentation {
        let columns = environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        let colored: Bool
        switch color {
        case .always: colored = true
        case .never: colored = false
        case .auto:
            colored = stdoutIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
        }
        return Presentation(
            language: language ?? Language.preferred(in: environment), width: columns ?? (stdoutIsTerminal ? terminalWidth : nil),
            color: colored)
    }

    /// The presentation for this process's standard output.
    static func forStandardOutput(language: Language?, color: ColorChoice) -> Presentation {
        let isTerminal = isatty(STDOUT_FILENO) == 1
        return resolve(
            language: language, color: color, environment: ProcessInfo.processInfo.environment, stdoutIsTerminal: isTerminal,
            terminalWidth: isTerminal ? terminalColumns() : nil)
    }

    /// The width of the terminal on standard output (`TIOCGWINSZ`), nil when unknown.
    private static func terminalColumns() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// `text` in bold red when colour is on: for what must not be missed (shortfalls,
    /// uncovered zones, a draw that does not replay).
    func alert(_ text: String) -> String { color ? TerminalStyle.alert(text) : text }

    /// A table rendered for this width and colour.
    func table(_ headers: [String], _ rows: [[String]], alerts: Set<Int> = []) -> String {
        TextTable(headers: headers, rows: rows, alerts: alerts, for: self).rendered()
    }

    /// A phrase in this presentation's language.
    func text(_ phrase: Phrase) -> String { phrase.text(language) }

    /// A column's (or a status field's) title in this presentation's language.
    func title(_ column: String) -> String { titles([column])[0] }

    /// Column titles in this presentation's language (see ``ColumnTitles``).
    func titles(_ columns: [String], overriding: [String: String] = [:]) -> [String] {
        ColumnTitles.titles(columns, in: language, overriding: overriding)
    }
}

/// The SGR escapes the CLI uses (ECMA-48): few, so that they mean something.
enum TerminalStyle {
    static let reset = "\u{1B}[0m"

    static func alert(_ text: String) -> String { "\u{1B}[1;31m" + text + reset }

    static func bold(_ text: String) -> String { "\u{1B}[1m" + text + reset }
}

extension GlobalOptions {
    /// How this run writes tables and messages: `--lang` and `--color` with the
    /// environment and standard output.
    var presentation: Presentation { .forStandardOutput(language: lang, color: color) }
}
