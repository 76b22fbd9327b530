import GRDB
import InspectCalendar

/// A periodic disclosure as recorded once written.
public struct StoredDisclosure: Sendable, Equatable {
    /// The period's name, such as `2026-W48` or `2026-11`.
    public var period: String
    /// `weekly` or `monthly`.
    public var cycle: String
    public var from: CivilDate
    public var to: CivilDate
    /// How many visits the report lists, its recorded-late part (补录) included.
    public var visits: Int
    /// SHA-256 (hex) of the CSV and HTML files' bytes, or of the files found in place.
    public var csvSHA256: String
    public var htmlSHA256: String
    public var writtenAt: Int64

    public init(
        period: String, cycle: String, from: CivilDate, to: CivilDate, visits: Int, csvSHA256: String, htmlSHA256: String, writtenAt: Int64
    ) {
        self.period = period
        self.cycle = cycle
        self.from = from
        self.to = to
        self.visits = visits
        self.csvSHA256 = csvSHA256
        self.htmlSHA256 = htmlSHA256
        self.writtenAt = writtenAt
    }
}

extension InspectStore {
    /// Records a period's disclosure as written; a period recorded before keeps its record.
    public func recordDisclosure(_ disclosure: StoredDisclosure) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO disclosure_written (period, cycle, from_date, to_date, visits, csv_sha256, html_sha256, written_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    disclosure.period, disclosure.cycle, disclosure.from.description, disclosure.to.description, disclosure.visits,
                    disclosure.csvSHA256, disclosure.htmlSHA256, disclosure.writtenAt,
                ])
        }
    }

    /// The newest disclosure written for `cycle` (by its first date), if any.
    public func latestDisclosure(cycle: String) throws(StoreError) -> StoredDisclosure? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM disclosure_written WHERE cycle = ? ORDER BY from_date DESC LIMIT 1", arguments: [cycle]
            ).map(Self.storedDisclosure)
        }
    }

    /// Every disclosure written, newest first.
    public func disclosures() throws(StoreError) -> [StoredDisclosure] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM disclosure_written ORDER BY from_date DESC, period").map(Self.storedDisclosure)
        }
    }

    static func storedDisclosure(_ row: Row) -> StoredDisclosure {
        StoredDisclosure(
            period: row["period"], cycle: row["cycle"], from: Self.date(row, "from_date"), to: Self.date(row, "to_date"), visits: row["visits"],
            csvSHA256: row["csv_sha256"], htmlSHA256: row["html_sha256"], writtenAt: row["written_at"])
    }
}
