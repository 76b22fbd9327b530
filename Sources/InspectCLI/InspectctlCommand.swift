import ArgumentParser
import Foundation
import InspectAPI
import InspectCore

/// `inspectctl`: supervisors' queries and imports over the daemon's local socket.
public struct InspectctlCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "inspectctl",
        abstract: "Query and feed inspectd over its local socket.",
        discussion: """
            Exit status: 0 ok, 1 error, 64 usage error, 69 daemon unreachable.
            Examples:
              inspectctl status
              inspectctl import units units.csv
              inspectctl import sites 检查对象.csv --encoding gb18030 --dry-run
              inspectctl inspectors --format csv > inspectors.csv
              inspectctl calendar --from 2026-09-25 --to 2026-10-10
              inspectctl weather import forecast.json
              inspectctl weather --format csv
              inspectctl cases import cases.csv
              inspectctl cases list --overdue
              inspectctl units lagging
              inspectctl notices --pending
              inspectctl roster --from 2026-12-01 --to 2026-12-07 --period night
              inspectctl roster explain 2026-12-01/night/north/1
              inspectctl roster fairness --format csv > fairness.csv
              inspectctl roster --format ics --inspector I017 > I017.ics
              inspectctl roster --format csv --excel > roster.csv
              inspectctl duty --at 2026-12-01T23:30
              inspectctl leave add I017 --from 2026-12-03 --to 2026-12-05 --reason 病假
              inspectctl draw verify 7
              inspectctl audit --since 2026-12-01 --user 1017
            """,
        version: "0.1.0",
        subcommands: [
            StatusCommand.self, ImportCommand.self, UnitsCommand.self, InspectorsCommand.self, SitesCommand.self,
            CalendarCommand.self, WeatherCommand.self, CasesCommand.self, NoticesCommand.self, RosterCommand.self, DutyCommand.self,
            LeaveCommand.self, ConflictCommand.self, VisitCommand.self, TaskCommand.self, CampaignCommand.self, DisclosureCommand.self, DrawCommand.self, AuditCommand.self,
        ]
    )

    /// Accepted before the subcommand too (`inspectctl --socket PATH status`).
    @OptionGroup var options: GlobalOptions

    public init() {}
}

/// How to reach the daemon and how to print answers, shared by every subcommand.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The daemon's socket (default: $INSPECTD_SOCKET or /run/inspectd/inspectd.sock).", valueName: "path"))
    var socket: String?

    @Option(name: .long, help: ArgumentHelp("Language of tables and messages: zh or en (default: from LC_ALL, LC_MESSAGES or LANG).", valueName: "lang"))
    var lang: Language?

    @Option(name: .long, help: ArgumentHelp("Colour: auto (on a terminal, unless NO_COLOR is set), always or never.", valueName: "when"))
    var color: ColorChoice = .auto

    @Option(name: .long, help: "Output format: table, json or csv (roster also ics).")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "Start CSV with the UTF-8 byte order mark, so that Excel and WPS read Chinese text right.")
    var excel = false

    func validate() throws {
        if excel && format != .csv {
            throw ValidationError("--excel marks CSV for Excel and WPS; use it with --format csv (this is --format \(format.rawValue))")
        }
    }

    var socketPath: String {
        socket ?? ProcessInfo.processInfo.environment["INSPECTD_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "/run/inspectd/inspectd.sock"
    }

    var client: UnixSocketHTTPClient { UnixSocketHTTPClient(socketPath: socketPath) }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
    /// iCalendar (RFC 5545): written by `roster` only; `call` refuses it for every other command.
    case ics
}

/// The exit status for a daemon that cannot be reached (EX_UNAVAILABLE).
let unreachableExitCode = ExitCode(69)

/// Sends a request and returns the body of a 2xx answer; prints the problem
/// and exits 1 otherwise, or exits 69 when the daemon cannot be reached.
///
/// Every command comes through here before it prints anything, so the choices that
/// hold for all of them are made here too: `--format ics` is refused (exit 64, nothing
/// sent) unless the command `writesCalendar`; `--excel` (only with `--format csv`) is
/// refused for requests that change data, which print no CSV, and otherwise puts the
/// UTF-8 byte order mark on standard output once the answer has come, ahead of the CSV
/// the command then prints (and nothing on an error).
func call(
    _ options: GlobalOptions, _ method: String, _ path: String, contentType: String? = nil, body: [UInt8] = [],
    writesCalendar: Bool = false
) throws -> [UInt8] {
    if options.format == .ics && !writesCalendar {
        throw ValidationError("--format ics writes a calendar of shifts, and only inspectctl roster writes one; use table, json or csv here")
    }
    if options.excel && method != "GET" {
        throw ValidationError("--excel marks a listing's CSV for Excel and WPS; this command changes data and prints no CSV")
    }
    let response = try send(options, method, path, contentType: contentType, body: body)
    if options.excel { print(CSVOutput.byteOrderMark, terminator: "") }
    return response
}

private func send(_ options: GlobalOptions, _ method: String, _ path: String, contentType: String?, body: [UInt8]) throws -> [UInt8] {
    let response: HTTPResponse
    do {
        response = try options.client.send(method: method, path: path, contentType: contentType, body: body)
    } catch {
        printError("inspectctl: \(error)")
        switch error {
        case .unreachable: throw unreachableExitCode
        case .malformedResponse: throw ExitCode.failure
        }
    }
    guard (200..<300).contains(response.status) else {
        if let problem = try? JSONDecoder().decode(Problem.self, from: Data(response.body)) {
            printError("inspectctl: \(problem.detail) [\(problem.code)]")
            for item in problem.errors ?? [] { printError("  \(item.description)") }
        } else {
            printError("inspectctl: the daemon answered \(response.status): \(String(decoding: response.body, as: UTF8.self))")
        }
        throw ExitCode.failure
    }
    return response.body
}

/// The bytes of a file to upload; says why and exits 1 when it cannot be read.
func readFileOrExit(_ file: String) throws -> [UInt8] {
    do {
        return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
    } catch {
        printError("inspectctl: cannot read \(file): \((error as NSError).localizedDescription)")
        throw ExitCode.failure
    }
}

/// `text` with everything but letters, digits and `-._~` percent-encoded: safe in a
/// query value or a path segment.
func percentEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

func printJSON(_ body: [UInt8]) {
    var text = String(decoding: body, as: UTF8.self)
    if !text.hasSuffix("\n") { text += "\n" }
    FileHandle.standardOutput.write(Data(text.utf8))
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "What the daemon is doing, with which data.",
        discussion: """
            Prints the district, the daemon's status line (as systemctl status shows it), version, pid,
            uptime, configuration file, database, the number of units, inspectors and sites, your role,
            every WARNING (such as a roster shortfall or a calendar horizon) and the last reload.
            Examples:
              inspectctl status
              inspectctl --socket ./inspectd-demo/inspectd.sock status --format json
            """)

    @OptionGroup var options: GlobalOptions

    func run() throws {
        let body = try call(options, "GET", "/v1/status")
        if options.format == .json { return printJSON(body) }
        let status = try JSONDecoder().decode(StatusReport.self, from: Data(body))
        // CSV keeps the machine's words; the table speaks the reader's language.
        let presentation = options.format == .csv ? Presentation.plain : options.presentation
        var rows: [[String]] = [
            ["district", status.district],
            ["status", status.statusText],
            ["version", status.version],
            ["pid", String(status.pid)],
            ["started_at", status.startedAt],
            ["uptime_seconds", String(status.uptimeSeconds)],
            ["config", status.configPath],
            ["database", presentation.text(.database(path: status.database.path, schema: status.database.schemaVersion))],
            ["units", String(status.counts.units)],
            ["inspectors", String(status.counts.inspectors)],
            ["sites", String(status.counts.sites)],
            ["you", presentation.text(.caller(uid: status.caller.uid, role: status.caller.role?.rawValue))],
        ]
        for warning in status.warnings {
            rows.append(["WARNING", warning])
        }
        if let reload = status.lastReload {
            rows.append(["last_reload", presentation.text(.reload(at: reload.at, succeeded: reload.succeeded, messages: reload.messages))])
        }
        if options.format == .csv {
            print(CSVText.render(header: ["field", "value"], rows: rows), terminator: "")
        } else {
            let titled = rows.map { [presentation.title($0[0]), $0[1]] }
            print(TextTable(headers: presentation.titles(["field", "value"]), rows: titled, for: presentation).rendered())
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import units, inspectors or sites from a CSV file (UTF-8 with or without BOM, or GB18030/GBK).",
        discussion: """
            All or nothing: any bad row rejects the whole file, and every bad row is listed with line and column.
            Re-importing updates by id. Import units first: inspectors name their department, sites their locality.
            Examples:
              inspectctl import units units.csv
              inspectctl import sites 检查对象.csv --encoding gb18030 --dry-run
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "What the file holds: units, inspectors or sites.")
    var kind: DirectoryKind

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
    var file: String

    @Option(name: .long, help: "The file's encoding: auto, utf8 or gb18030.")
    var encoding: String = "auto"

    @Flag(name: .long, help: "Check the file and count what would change; change nothing.")
    var dryRun = false

    func validate() throws {
        guard ["auto", "utf8", "gb18030"].contains(encoding) else {
            throw ValidationError("--encoding must be auto, utf8 or gb18030")
        }
    }

    func run() throws {
        let bytes = try readFileOrExit(file)
        let name = (file as NSString).lastPathComponent
        let query = "file=\(percentEncoded(name))&encoding=\(encoding)&dry_run=\(dryRun)"
        let body = try call(options, "POST", "/v1/imports/\(kind.rawValue)?\(query)", contentType: "text/csv", body: bytes)
        if options.format == .json { return printJSON(body) }
        let result = try JSONDecoder().decode(ImportResult.self, from: Data(body))
        print(options.presentation.text(.imported(result, kind: result.kind)))
    }
}

extension DirectoryKind: ExpressibleByArgument {}

struct UnitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "units", abstract: "Units: departments and localities; lagging ones.",
        discussion: """
            Without a subcommand, lists the units.
            Examples:
              inspectctl units
              inspectctl units lagging --format csv > lagging.csv
            """,
        subcommands: [UnitsListCommand.self, UnitsLaggingCommand.self], defaultSubcommand: UnitsListCommand.self)
}

struct UnitsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List units: departments and localities.",
        discussion: """
            The columns are those of the import file, so --format csv writes a file that imports back unchanged.
            Example: inspectctl units list --format csv --excel > units.csv
            """)
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let body = try call(options, "GET", "/v1/units")
        let presentation = options.presentation
        try printListing(body, as: [InspectCore.Unit].self, format: options.format, csv: DirectoryCSV.render) { units in
            TextTable(
                headers: presentation.titles(DirectoryKind.units.columns),
                rows: units.map {
                    [$0.id, $0.name, presentation.text(.unitKind($0.kind.rawValue)), $0.leaderName, $0.leaderPhone, $0.contactName, $0.contactPhone]
                },
                for: presentation
            )
        }
    }
}

struct InspectorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspectors", abstract: "List inspectors.",
        discussion: """
            id, name, department, certified (持执法证), home locality and phone: the columns of the
            import file, so --format csv writes a file that imports back unchanged.
            Example: inspectctl inspectors --format csv --excel > inspectors.csv
            """)
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let body = try call(options, "GET", "/v1/inspectors")
        let presentation = options.presentation
        try printListing(body, as: [Inspector].self, format: options.format, csv: DirectoryCSV.render) { inspectors in
            TextTable(
                headers: presentation.titles(DirectoryKind.inspectors.columns, overriding: ColumnTitles.people),
                rows: inspectors.map {
                    [$0.id, $0.name, $0.department, presentation.text(.yesNo($0.certified)), $0.homeLocality ?? "", $0.phone]
                },
                for: presentation
            )
        }
    }
}

struct SitesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites", abstract: "List inspection sites.",
        discussion: """
            id, name, locality, kind, risk (A, B or C), rain- and night-sensitive: the columns of the
            import file, so --format csv writes a file that imports back unchanged.
            Example: inspectctl sites --format csv > sites.csv
            """)
    @OptionGroup var options: GlobalOptions

    func run() throws {
        let body = try call(options, "GET", "/v1/sites")
        let presentation = options.presentation
        try printListing(body, as: [Site].self, format: options.format, csv: DirectoryCSV.render) { sites in
            TextTable(
                headers: presentation.titles(DirectoryKind.sites.columns),
                rows: sites.map {
                    [
                        $0.id, $0.name, $0.locality, $0.kind, $0.risk.rawValue, presentation.text(.yesNo($0.rainSensitive)),
                        presentation.text(.yesNo($0.nightSensitive)),
                    ]
                },
                for: presentation
            )
        }
    }
}

func printListing<T: Decodable>(
    _ body: [UInt8], as type: T.Type, format: OutputFormat, csv: (T) -> String, table: (T) -> TextTable
) throws {
    switch format {
    case .ics: return  // refused by call()
    case .json: printJSON(body)
    case .csv: print(csv(try JSONDecoder().decode(T.self, from: Data(body))), terminator: "")
    case .table: print(table(try JSONDecoder().decode(T.self, from: Data(body))).rendered())
    }
}

/// RFC 4180 text for small two-column listings.
enum CSVText {
    static func render(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { $0.map(quoted).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
