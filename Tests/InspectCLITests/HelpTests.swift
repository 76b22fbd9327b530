import ArgumentParser
import Testing

@testable import InspectCLI

/// Help that teaches: every command's `--help` ends with an example, and every example
/// is a command line that inspectctl accepts.
@Suite struct HelpTests {
    /// Every command type under `inspectctl`, itself included, with its path.
    static func commands(_ type: any ParsableCommand.Type = InspectctlCommand.self, path: [String] = []) -> [([String], any ParsableCommand.Type)] {
        let name = type.configuration.commandName ?? "?"
        let here = path + [name]
        return [(here, type)] + type.configuration.subcommands.flatMap { commands($0, path: here) }
    }

    /// The example command lines of a discussion: what follows `Example: ` on a line, and
    /// the lines that start with `inspectctl` under `Examples:`; without shell redirections.
    static func examples(_ discussion: String) -> [String] {
        var found: [String] = []
        var inBlock = false
        for line in discussion.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingPrefix(while: \.isWhitespace)
            if let range = line.range(of: "Example: inspectctl") {
                found.append(String(line[range.lowerBound...].dropFirst("Example: ".count)))
                inBlock = false
            } else if trimmed.hasPrefix("Examples:") {
                inBlock = true
            } else if inBlock && trimmed.hasPrefix("inspectctl ") {
                found.append(String(trimmed))
            } else {
                inBlock = false
            }
        }
        return found.map { example in
            var line = Substring(example)
            for cut in [" > ", " || ", " | "] { if let range = line.range(of: cut) { line = line[..<range.lowerBound] } }
            return String(line)
        }
    }

    /// Shell words: blanks separate, single or double quotes group.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in line {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    @Test func everyCommandHasADiscussionWithAnExample() {
        let all = Self.commands()
        #expect(all.count > 30)
        for (path, type) in all {
            let discussion = type.configuration.discussion
            #expect(!Self.examples(discussion).isEmpty, "\(path.joined(separator: " ")) --help has no example")
        }
    }

    @Test func everyExampleIsACommandLineInspectctlAccepts() throws {
        var checked = 0
        for (path, type) in Self.commands() {
            for example in Self.examples(type.configuration.discussion) {
                let words = Self.words(example)
                #expect(words.first == "inspectctl", "\(path): \(example)")
                do {
                    _ = try InspectctlCommand.parseAsRoot(Array(words.dropFirst()))
                    checked += 1
                } catch {
                    Issue.record("\(path.joined(separator: " ")): the example \(example) does not parse: \(InspectctlCommand.message(for: error))")
                }
            }
        }
        #expect(checked > 40)
    }

    @Test func exampleExtraction() {
        let discussion = """
            The edit is kept. Example: inspectctl roster pin 2026-12-01/night/north/1
            Check with inspectctl draw verify PLAN.
            Examples:
              inspectctl roster --format ics --inspector I017 > I017.ics
              inspectctl cases add --title '河道 排污口'
            Not an example: inspectctl status
            """
        #expect(
            Self.examples(discussion) == [
                "inspectctl roster pin 2026-12-01/night/north/1", "inspectctl roster --format ics --inspector I017",
                "inspectctl cases add --title '河道 排污口'",
            ])
        #expect(Self.words("inspectctl cases add --title '河道 排污口' --note \"a b\"") == ["inspectctl", "cases", "add", "--title", "河道 排污口", "--note", "a b"])
    }
}
