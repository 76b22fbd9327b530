import InspectCalendar

/// One rostered visit as the public disclosure (一公开) sees it: the site, the day, when the
/// shift ended and what was found. It has no field for the team or its inspectors: the
/// disclosure names sites and results, not people.
public struct DisclosureVisit: Sendable, Equatable {
    public var date: CivilDate
    /// When the visit's shift ends, UTC seconds. A visit is disclosed only once it has ended.
    public var shiftEndsAt: Int64
    public var siteName: String
    public var localityName: String
    /// Nil until the team records a result; an unrecorded visit is never disclosed.
    public var outcome: VisitOutcome?
    public var measures: [EnforcementMeasure]
    /// Whether the site was drawn at random (双随机). Only random visits are disclosed; a
    /// targeted check (a complaint, a referral, a campaign) is not part of this report.
    public var random: Bool
    /// When the result was recorded, UTC seconds; nil when unrecorded (or not known).
    public var recordedAt: Int64?

    public init(
        date: CivilDate, shiftEndsAt: Int64, siteName: String, localityName: String, outcome: VisitOutcome?, measures: [EnforcementMeasure],
        random: Bool = true, recordedAt: Int64? = nil
    ) {
        self.date = date
        self.shiftEndsAt = shiftEndsAt
        self.siteName = siteName
        self.localityName = localityName
        self.outcome = outcome
        self.measures = measures
        self.random = random
        self.recordedAt = recordedAt
    }
}

/// The public disclosure of completed random inspections (双随机抽查结果公示) for a date range,
/// rendered as CSV or a self-contained HTML page. Pure: the caller passes the visits and the
/// current time.
public struct DisclosureReport: Sendable, Equatable {
    public var district: String
    public var from: CivilDate
    public var to: CivilDate
    /// The disclosed visits, by date and site name: dated `from...to`, shift ended at `now`,
    /// result recorded.
    public var visits: [DisclosureVisit]
    /// A periodic report's "recorded late" part (补录): random visits dated before `from`
    /// whose result was recorded after the previous periodic report was written, so that
    /// every result is published once even when recorded after its own period's report.
    /// Nil for a report on demand, which has no such part.
    public var late: [DisclosureVisit]?

    /// A report of the visits dated `from...to`; `late` (periodic reports only) the visits of
    /// earlier dates recorded since the previous report (the caller picks them by
    /// `visit_result.recorded_at`), kept when public and dated before `from`.
    public init(district: String, from: CivilDate, to: CivilDate, visits: [DisclosureVisit], now: Int64, late: [DisclosureVisit]? = nil) {
        self.district = district
        self.from = from
        self.to = to
        self.visits = visits.filter { Self.isPublic($0, now: now) && $0.date >= from && $0.date <= to }
            .sorted { ($0.date, $0.siteName) < ($1.date, $1.siteName) }
        self.late = late.map { late in
            late.filter { Self.isPublic($0, now: now) && $0.date < from }.sorted { ($0.date, $0.siteName) < ($1.date, $1.siteName) }
        }
    }

    /// How many rows the report lists, the recorded-late part included.
    public var rowCount: Int { visits.count + (late?.count ?? 0) }

    /// Which visits the public may see — the one place that decides it, for the on-demand
    /// report and the periodic one alike: a random visit (not a targeted check) whose shift
    /// has ended at `now` and whose result is recorded. Nothing of a shift still to come or
    /// running, so no sealed site list can show.
    public static func isPublic(_ visit: DisclosureVisit, now: Int64) -> Bool {
        visit.random && visit.outcome != nil && visit.shiftEndsAt <= now
    }

    /// `<district>双随机抽查结果公示 FROM 至 TO`.
    public var title: String { "\(district)双随机抽查结果公示 \(from) 至 \(to)" }

    /// The column headers, Chinese with the English code.
    public static let columns = ["日期 date", "企业名称 site", "属地 locality", "检查结果 result", "处理措施 measures"]

    /// A periodic report's CSV adds this column: which part a row is in.
    public static let partColumn = "批次 part"
    /// The part column's values: the period's own visits, and the results recorded late.
    public static let periodPart = "本期 (period)"
    public static let latePart = "补录 (recorded late)"

    /// One row per visit: the result and each measure as `中文 (code)`, measures joined by `；`.
    public var rows: [[String]] { visits.map(Self.row) }

    /// The rows of the recorded-late part (empty on demand).
    public var lateRows: [[String]] { (late ?? []).map(Self.row) }

    static func row(_ visit: DisclosureVisit) -> [String] {
        [
            visit.date.description, visit.siteName, visit.localityName, visit.outcome.map(Self.label) ?? "",
            visit.measures.map(Self.label).joined(separator: "；"),
        ]
    }

    /// RFC 4180 CSV with a UTF-8 byte-order mark (so spreadsheet programs read the Chinese),
    /// CRLF line ends, and fields quoted when they hold a comma, quote or line break. A
    /// periodic report has a last column, `批次 part`: `本期 (period)` for the period's
    /// visits, then `补录 (recorded late)` for the recorded-late part.
    public var csv: String {
        let table: [[String]] =
            late == nil
            ? [Self.columns] + rows
            : [Self.columns + [Self.partColumn]] + rows.map { $0 + [Self.periodPart] } + lateRows.map { $0 + [Self.latePart] }
        let lines = table.map { $0.map(Self.csvField).joined(separator: ",") }
        return "\u{FEFF}" + lines.map { $0 + "\r\n" }.joined()
    }

    /// A self-contained HTML page (no scripts, no external styles): the title and one table;
    /// a periodic report adds a second one, the results recorded late (补录), under a note
    /// saying what they are.
    public var html: String {
        let title = Self.escape(title)
        var page = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(title)</title>
            <style>table{border-collapse:collapse}th,td{border:1px solid #999;padding:4px 8px}</style>
            </head>
            <body>
            <h1>\(title)</h1>
            <table>
            <thead><tr>
            """
        page += Self.columns.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows {
            page += "<tr>" + row.map { "<td>\(Self.escape($0))</td>" }.joined() + "</tr>\n"
        }
        page += "</tbody>\n</table>\n<p>共 \(visits.count) 条 (\(visits.count) visits)</p>\n"
        if let late {
            page += """
                <h2>补录结果 (results recorded late)</h2>
                <p>以下为此前各期的随机抽查，在上期公示发布后才录入结果，在本期补充公示。(Random visits of earlier periods whose result was recorded after the previous report was published.)</p>
                <table>
                <thead><tr>
                """
            page += Self.columns.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in lateRows {
                page += "<tr>" + row.map { "<td>\(Self.escape($0))</td>" }.joined() + "</tr>\n"
            }
            page += "</tbody>\n</table>\n<p>补录 \(late.count) 条 (\(late.count) recorded late)</p>\n"
        }
        page += "</body>\n</html>\n"
        return page
    }

    /// How many rows (visits) a disclosure CSV lists: its records after the header, where a
    /// line break inside a quoted field ends none. Used for a file found already in place,
    /// whose rows may differ from a report built now.
    public static func rowCount(csv: [UInt8]) -> Int {
        var records = 0
        var quoted = false
        var open = false
        for byte in csv {
            if byte == 0x22 { quoted.toggle() }
            if byte == 0x0A && !quoted {
                records += 1
                open = false
            } else if byte != 0x0D {
                open = true
            }
        }
        return max(0, records + (open ? 1 : 0) - 1)
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return "\"" + String(text.flatMap { $0 == "\"" ? "\"\"" : String($0) }) + "\""
    }

    /// Escapes `& < > " '` for HTML text and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func label(_ outcome: VisitOutcome) -> String {
        let chinese =
            switch outcome {
            case .compliant: "未发现问题"
            case .violation: "发现问题"
            case .closed: "已关停"
            case .notFound: "查无此处"
            }
        return "\(chinese) (\(outcome.rawValue))"
    }

    static func label(_ measure: EnforcementMeasure) -> String {
        let chinese =
            switch measure {
            case .productionHalt: "停产限产"
            case .sealAndSeize: "查封扣押"
            case .dailyFines: "按日连续计罚"
            case .administrativeDetention: "行政拘留"
            case .referredToPolice: "移送公安"
            }
        return "\(chinese) (\(measure.rawValue))"
    }
}
