import ArgumentParser
import Foundation
import InspectAPI
import InspectCalendar

/// `--from` and `--to` as the calendar, weather and roster queries take them.
struct DateRangeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("First date, YYYY-MM-DD (default: today).", valueName: "date"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Last date, YYYY-MM-DD, inclusive (default: the end of the planning horizon).", valueName: "date"))
    var to: String?

    func validate() throws {
        try validateDate(from, flag: "--from")
        try validateDate(to, flag: "--to")
    }

    var query: String {
        [from.map { "from=\($0)" }, to.map { "to=\($0)" }].compactMap { $0 }.joined(separator: "&")
    }
}

struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The kind of each date: workday, restday, holiday or makeup_workday (调休上班).",
        discussion: """
            One row per date with date, kind, name (the holiday, also on its makeup workdays),
            provisional (true where no official schedule covers the date), in_lieu and source.
            --format json prints the rows as a JSON array. Warnings go to standard error.
            Example: inspectctl calendar --from 2026-09-25 --to 2026-10-10
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var range: DateRangeOptions

    func run() throws {
        let body = try call(options, "GET", "/v1/calendar" + (range.query.isEmpty ? "" : "?" + range.query))
        let report = try JSONDecoder().decode(CalendarReport.self, from: Data(body))
        let presentation = options.presentation
        for warning in report.warnings { printError("inspectctl: " + presentation.text(.warningLine(warning))) }
        switch options.format {
        case .ics: return  // refused by call()
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            printJSON(Array(try encoder.encode(report.days)))
        case .csv:
            print(CSVText.render(header: Self.columns, rows: report.days.map { Self.row($0, .en) }), terminator: "")
        case .table:
            let rows = report.days.map { Self.row($0, presentation.language) }
            print(TextTable(headers: presentation.titles(Self.columns), rows: rows, for: presentation).rendered())
        }
    }

    static let columns = ["date", "kind", "name", "provisional", "in_lieu", "source"]

    /// A day's row; in English the words are the CSV's.
    static func row(_ day: CalendarDay, _ language: Language) -> [String] {
        [
            day.date.description, Phrase.dayKind(day.kind.rawValue).text(language), day.name ?? "",
            Phrase.trueFalse(day.provisional).text(language), Phrase.trueFalse(day.inLieu).text(language), day.source,
        ]
    }
}

struct WeatherCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weather",
        abstract: "Rain periods ahead (晴雨结合), and importing forecasts.",
        discussion: """
            Without a subcommand, shows the rain periods ahead.
            Examples:
              inspectctl weather
              inspectctl weather import forecast.json
            """,
        subcommands: [WeatherShowCommand.self, WeatherImportCommand.self],
        defaultSubcommand: WeatherShowCommand.self
    )
}

struct WeatherShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "The rain periods ahead with probability, millimetres and the forecast file behind each.",
        discussion: """
            --format json prints the whole report: thresholds, rain periods and the forecasts held.
            Example: inspectctl weather show --from 2026-12-01 --to 2026-12-03 --format csv
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var range: DateRangeOptions

    func run() throws {
        let body = try call(options, "GET", "/v1/weather" + (range.query.isEmpty ? "" : "?" + range.query))
        if options.format == .json { return printJSON(body) }
        let report = try JSONDecoder().decode(WeatherReport.self, from: Data(body))
        let presentation = options.presentation
        for warning in report.warnings { printError("inspectctl: " + presentation.text(.warningLine(warning))) }
        let rows = report.rainPeriods.map { period in
            [
                period.date, period.period, Self.clock(period.start) + "–" + Self.clock(period.end), period.area ?? "",
                period.probabilityPercent.map { Self.number($0) } ?? "", Self.number(period.precipitationMM), period.file,
            ]
        }
        let columns = ["date", "period", "time", "area", "probability_percent", "precipitation_mm", "file"]
        if options.format == .csv {
            print(CSVText.render(header: columns, rows: rows), terminator: "")
            return
        }
        let thresholds = report.thresholds
        print(
            presentation.text(
                .rainHeading(
                    from: report.from, to: report.to, probabilityPercent: thresholds.probabilityPercent,
                    millimetres: Self.number(thresholds.precipitationMM))))
        if rows.isEmpty {
            print(presentation.text(report.forecasts.contains { !$0.stale } ? .noRainForecast : .noForecast))
        } else {
            print(TextTable(headers: presentation.titles(columns), rows: rows, for: presentation).rendered())
        }
        if !report.forecasts.isEmpty {
            print(presentation.text(.forecastsHeading))
            let forecastRows = report.forecasts.map { forecast in
                [
                    String(forecast.id), forecast.file, forecast.format, forecast.receivedAt, forecast.via,
                    forecast.coverageStart + " – " + forecast.coverageEnd, forecast.stale ? presentation.text(.staleNotUsed) : "",
                ]
            }
            let headers = presentation.titles(["id", "file", "format", "received_at", "via", "covers", "note"])
            print(TextTable(headers: headers, rows: forecastRows, for: presentation).rendered())
        }
    }

    /// `HH:MM` from an ISO 8601 time.
    static func clock(_ iso: String) -> String {
        let parts = iso.split(separator: "T")
        return parts.count == 2 ? String(parts[1].prefix(5)) : iso
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}

struct WeatherImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a forecast: Open-Meteo JSON, or CSV start,end,precipitation_mm,probability[,area].",
        discussion: """
            All or nothing: a file with any error is not used, every error is listed, and the
            previous forecast stays in force. A newer forecast replaces older ones for the hours it covers.
            Examples:
              inspectctl weather import forecast.json
              inspectctl weather import 预报.csv --as csv
            """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: ArgumentHelp("The forecast file.", valueName: "file"))
    var file: String

    @Option(name: .customLong("as"), help: ArgumentHelp("The file's format: auto, open-meteo or csv (auto: by name, then content).", valueName: "format"))
    var fileFormat: String = "auto"

    func validate() throws {
        guard ["auto", "open-meteo", "csv"].contains(fileFormat) else {
            throw ValidationError("--as must be auto, open-meteo or csv")
        }
    }

    func run() throws {
        let bytes = try readFileOrExit(file)
        let encoded = percentEncoded((file as NSString).lastPathComponent)
        let body = try call(
            options, "POST", "/v1/weather/imports?file=\(encoded)&format=\(fileFormat)", contentType: "application/octet-stream",
            body: bytes)
        if options.format == .json { return printJSON(body) }
        let result = try JSONDecoder().decode(WeatherImportResult.self, from: Data(body))
        print(options.presentation.text(.forecastImported(result)))
    }
}
