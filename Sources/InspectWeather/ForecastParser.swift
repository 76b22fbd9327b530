import InspectCore

/// Reads forecast files, all or nothing.
///
/// A file with any problem is rejected as a whole: the result lists every problem found
/// (each naming the file, the line, and the field: a CSV column or an Open-Meteo field
/// path such as `hourly.precipitation[37]`), and the caller keeps the forecast it had.
/// Every message says what is wrong and ends with what to do about it.
///
/// - Open-Meteo: see ``ForecastFormat/openMeteo``. The value at hourly time `T` is for
///   the hour before it, `[T − 1 h, T)`. Hours where both values are `null` say nothing
///   and are left out.
/// - CSV: `start,end,precipitation_mm,probability[,area]`; see ``ForecastFormat/csv``.
///   A time without an offset is read in the district zone (``ForecastContext/districtZone``).
/// - Both: every interval must lie inside ``ForecastContext/window``; a file with no
///   interval is an error.
public enum ForecastParser {
    /// The largest forecast file read: 8 MiB. A week of hourly Open-Meteo data for one
    /// point is about 10 KiB; a larger file is refused before it is decoded.
    public static let maximumBytes = 8 * 1024 * 1024

    /// Reads a forecast file.
    ///
    /// - Parameters:
    ///   - bytes: the file's bytes, at most ``maximumBytes``. JSON must be UTF-8 (a byte-order mark is allowed);
    ///     CSV may be UTF-8 (with or without byte-order mark) or GB18030/GBK.
    ///   - file: the name to use in problems, e.g. `forecast-2026-11-29.json`.
    ///   - format: the format, or nil to detect it from the content (``detectFormat(_:)``).
    ///   - context: the district zone, the zone lookup and the planning window.
    public static func parse(
        _ bytes: [UInt8], file: String, format: ForecastFormat?, context: ForecastContext
    ) -> Result<ParsedForecast, ImportFailure> {
        let limits = ImportLimits(
            maximumBytes: maximumBytes, maximumRecords: ImportLimits.standard.maximumRecords,
            maximumFields: ImportLimits.standard.maximumFields, maximumFieldBytes: ImportLimits.standard.maximumFieldBytes)
        if let problem = limits.sizeProblem(bytes, file: file) { return .failure(ImportFailure([problem])) }
        switch format ?? detectFormat(bytes) {
        case .openMeteo:
            let text: String
            do {
                text = try TextDecoding.decode(bytes, encoding: .utf8).text
            } catch {
                return .failure(
                    ImportFailure([
                        ImportProblem(
                            file: file, line: error.line,
                            message: "byte \(error.byteOffset): not valid UTF-8; a JSON forecast is UTF-8, "
                                + "fetch it again")
                    ]))
            }
            return OpenMeteoForecast.parse(text, file: file, context: context)
        case .csv:
            let text: String
            do {
                text = try TextDecoding.decode(bytes).text
            } catch {
                return .failure(
                    ImportFailure([
                        ImportProblem(
                            file: file, line: error.line, message: "byte \(error.byteOffset): \(error.message)")
                    ]))
            }
            return ForecastCSV.parse(text, file: file, context: context)
        }
    }

    /// The format of a file's content: Open-Meteo when the first character after an
    /// optional UTF-8 byte-order mark and white space is `{` or `[` (JSON), else CSV.
    public static func detectFormat(_ bytes: [UInt8]) -> ForecastFormat {
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return .csv }
        return bytes[index] == UInt8(ascii: "{") || bytes[index] == UInt8(ascii: "[") ? .openMeteo : .csv
    }
}

/// Problems found in one file, in the order found.
struct ProblemList {
    let file: String
    var problems: [ImportProblem] = []

    init(file: String) {
        self.file = file
    }

    var isEmpty: Bool { problems.isEmpty }

    mutating func add(line: Int, column: String? = nil, value: String? = nil, _ message: String) {
        problems.append(ImportProblem(file: file, line: line, column: column, value: value, message: message))
    }

    /// The failure, when there is a problem.
    var failure: ImportFailure? { problems.isEmpty ? nil : ImportFailure(problems) }
}

/// Numbers and durations for messages, without Foundation.
enum MessageFormat {
    /// At most two decimals, without trailing zeros: `3`, `2.5`, `0.33`.
    static func number(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        guard abs(hundredths) < 1e15 else { return String(value) }
        let whole = Int64(hundredths) / 100
        let fraction = abs(Int64(hundredths) % 100)
        let sign = hundredths < 0 && whole == 0 ? "-" : ""
        if fraction == 0 { return "\(sign)\(whole)" }
        let digits = fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0\(fraction)" : "\(fraction)")
        return "\(sign)\(whole).\(digits)"
    }

    /// `3 h`, `45 min`, `2 h 30 min`, `90 s`.
    static func duration(_ seconds: Int64) -> String {
        if seconds % 60 != 0 { return "\(seconds) s" }
        let minutes = seconds / 60
        switch (minutes / 60, minutes % 60) {
        case (0, let rest): return "\(rest) min"
        case (let hours, 0): return "\(hours) h"
        case (let hours, let rest): return "\(hours) h \(rest) min"
        }
    }
}
