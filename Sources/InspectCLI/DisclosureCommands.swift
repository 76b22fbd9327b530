import ArgumentParser
import Foundation

/// `inspectctl disclosure`: the public disclosure (一公开) of completed random visits.
struct DisclosureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disclosure",
        abstract: "Write the public disclosure (一公开) of completed random visits and their results (supervisors and admins).",
        discussion: """
            Names each visit's date, site, locality, result and measures, for visits whose shift has
            ended and whose result is recorded; never inspectors, never future or sealed visits.
            Writes CSV (UTF-8 with a byte-order mark) by default, or an HTML page with --html.
            Examples:
              inspectctl disclosure --from 2026-12-01 --to 2026-12-31 --output 2026-12.csv
              inspectctl disclosure --from 2026-12-01 --to 2026-12-31 --html --output 2026-12.html
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("First date, YYYY-MM-DD.", valueName: "date"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("Last date, YYYY-MM-DD.", valueName: "date"))
    var to: String

    @Flag(name: .long, help: "Write an HTML page instead of CSV.")
    var html = false

    @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        try validateDate(from, flag: "--from")
        try validateDate(to, flag: "--to")
        try validateOrder(from: from, to: to)
    }

    func run() throws {
        let body = try call(options, "GET", withQuery("/v1/disclosure", ["from=\(from)", "to=\(to)", "format=\(html ? "html" : "csv")"]))
        guard let output else {
            FileHandle.standardOutput.write(Data(body))
            return
        }
        do {
            try Data(body).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw ValidationError("could not write \(output): \(error.localizedDescription); check the folder exists and is writable")
        }
    }
}
