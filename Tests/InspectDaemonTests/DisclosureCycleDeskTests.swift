import Foundation
import InspectAPI
import InspectCalendar
import InspectConfig
import InspectCore
@testable import InspectDaemon
import InspectLedger
import InspectStore
import InspectSystemd
import Logging
import Testing

/// The periodic public disclosure on a real SQLite database and a real directory: written
/// once per period as CSV and HTML, only ended recorded random visits, never rewritten,
/// and missed periods caught up.
@Suite struct DisclosureCycleDeskTests {
    let directory: String
    let district = DemoDistrict.generate()
    static let hour: Int64 = 3600

    init() throws {
        directory = NSTemporaryDirectory() + "inspectd-disclosure-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try InspectStore.open(inDirectory: directory)
        let importer = DirectoryImporter(store: store)
        for kind in [DirectoryKind.units, .inspectors, .sites] {
            _ = try importer.importFile(kind, bytes: Array(district.csv(kind).utf8), file: "\(kind).csv", encoding: nil, uid: 0, dryRun: false)
        }
    }

    var publication: String { directory + "/disclosure" }

    func daemon() throws -> DaemonState {
        var configuration = DaemonConfiguration.default
        configuration.district.name = "示范区"
        configuration.daemon.spoolDirectory = directory
        let loaded = ConfigurationLoader.Loaded(
            configuration: configuration, access: AccessPolicy(adminGroups: [], supervisorGroups: []), zone: .chinaStandardTime,
            calendar: .builtIn, templates: .builtIn)
        return DaemonState(
            configPath: "/etc/inspectd/inspectd.toml", loaded: loaded, store: try InspectStore.open(inDirectory: directory), notifier: ServiceNotifier())
    }

    /// A team with three visits whose shift ended an hour ago; the first two recorded.
    func storeRecordedTeam(_ state: DaemonState) throws -> StoredTeam {
        let start = Int64(Date().timeIntervalSince1970) - 5 * Self.hour
        let date = state.zone.date(atUTC: start)
        let sites = district.sites.sorted { $0.id < $1.id }.prefix(3)
        let team = StoredTeam(
            id: StoredTeam.id(date: date, periodID: "day", zone: "test", index: 0), date: date, periodID: "day", zone: "test", index: 0,
            startsAt: start, endsAt: start + 4 * Self.hour, dayKind: "workday", rain: false, night: false, pinned: false, releasedAt: start - 3600,
            memberIDs: [district.inspectors[0].id], visits: sites.map { StoredVisit(siteID: $0.id, locality: $0.locality, risk: $0.risk.rawValue, reason: "weighted") })
        let plan = StoredPlan(
            createdAt: start, reason: "test", uid: 0, firstDate: date, lastDate: date, teamsAdded: 1, teamsChanged: 0, teamsRemoved: 0,
            visitsDrawn: 3, shortfalls: 0, inputDigest: "", seed: 1, generator: "test", drawDigest: "", drawInput: [], drawResult: [])
        try state.store.saveRoster(RosterChange(plan: plan, upserts: [team], removals: [], shortfalls: []), now: start)
        for (position, outcome) in [(0, VisitOutcome.violation), (1, .compliant)] {
            _ = try state.store.recordVisitResult(
                StoredVisitResult(
                    teamID: team.id, position: position, outcome: outcome, measures: outcome == .violation ? [.productionHalt] : [], note: "",
                    caseID: nil, uid: 0, recordedAt: team.endsAt),
                replace: false, newCase: nil, at: "2026-01-01T00:00:00+08:00")
        }
        return team
    }

    func read(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: publication + "/" + name).map { Array($0) }
    }

    @Test func eachPeriodIsWrittenOnceAsCSVAndHTMLAndNeverRewritten() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var state = try daemon()
        let team = try storeRecordedTeam(state)
        let schedule = state.configuration.disclosure.schedule
        let period = schedule.period(containing: team.date)
        let due = schedule.dueAt(period, zone: state.zone)
        let desk = { (state: DaemonState) in DisclosureDesk(state: state, logger: Logger(label: "test")) }

        let written = try desk(state).writeDue(now: due)
        #expect(written.map(\.period) == [period.name] && written.first?.visits == 2)
        let csv = try #require(read(period.fileStem + ".csv"))
        let html = try #require(read(period.fileStem + ".html"))
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]), "a UTF-8 byte order mark for spreadsheets")
        let text = String(decoding: csv, as: UTF8.self)
        let names = district.sites.sorted { $0.id < $1.id }.prefix(3).map(\.name)
        #expect(text.contains(names[0]) && text.contains(names[1]) && !text.contains(names[2]), "only recorded visits: \(text)")
        #expect(text.contains("停产限产 (production_halt)"))
        #expect(!district.inspectors.contains { text.contains($0.name) }, "never an inspector")
        #expect(String(decoding: html, as: UTF8.self).contains("<h1>示范区双随机抽查结果公示 \(period.from) 至 \(period.to)</h1>"))
        let attributes = try FileManager.default.attributesOfItem(atPath: publication + "/" + period.fileStem + ".csv")
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: publication).sorted() == [period.fileStem + ".csv", period.fileStem + ".html"])

        // A later look, and a restart, write nothing; neither after the gateway took the files.
        #expect(try desk(state).writeDue(now: due + 3600).isEmpty)
        try FileManager.default.removeItem(atPath: publication + "/" + period.fileStem + ".html")
        state = try daemon()
        #expect(try desk(state).writeDue(now: due + 7200).isEmpty)
        #expect(read(period.fileStem + ".html") == nil)

        // Three periods later (the daemon was down), the missed ones are written, oldest first.
        let third = schedule.next(schedule.next(schedule.next(period)))
        let caughtUp = try desk(state).writeDue(now: schedule.dueAt(third, zone: state.zone))
        #expect(caughtUp.map(\.period) == [schedule.next(period).name, schedule.next(schedule.next(period)).name, third.name])
        #expect(caughtUp.allSatisfy { $0.visits == 0 })
        #expect(try state.store.disclosures().count == 4)
    }

    /// A result recorded after its period's report was written is published once, in the
    /// next periodic report's recorded-late part — and not again in the one after.
    @Test func aResultRecordedAfterItsReportGoesIntoTheNextReportOnce() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = try daemon()
        let team = try storeRecordedTeam(state)
        let schedule = state.configuration.disclosure.schedule
        let period = schedule.period(containing: team.date)
        let desk = DisclosureDesk(state: state, logger: Logger(label: "test"))
        let firstDue = schedule.dueAt(period, zone: state.zone)
        #expect(try desk.writeDue(now: firstDue).first?.visits == 2)
        // The third visit is recorded after the report was written.
        _ = try state.store.recordVisitResult(
            StoredVisitResult(teamID: team.id, position: 2, outcome: .closed, measures: [], note: "", caseID: nil, uid: 0, recordedAt: firstDue + 3600),
            replace: false, newCase: nil, at: "2026-01-01T00:00:00+08:00")
        let lateSite = try #require(district.sites.sorted { $0.id < $1.id }.dropFirst(2).first).name
        let next = schedule.next(period)
        let second = try desk.writeDue(now: schedule.dueAt(next, zone: state.zone))
        #expect(second.map(\.period) == [next.name] && second.first?.visits == 1)
        let csv = String(decoding: try #require(read(next.fileStem + ".csv")), as: UTF8.self)
        #expect(csv.contains("\(team.date),\(lateSite),") && csv.contains("已关停 (closed),,补录 (recorded late)"), "\(csv)")
        #expect(String(decoding: try #require(read(next.fileStem + ".html")), as: UTF8.self).contains(lateSite))
        let third = schedule.next(next)
        #expect(try desk.writeDue(now: schedule.dueAt(third, zone: state.zone)).first?.visits == 0)
        #expect(!String(decoding: try #require(read(third.fileStem + ".csv")), as: UTF8.self).contains(lateSite))
    }

    @Test func aFileAlreadyThereIsKeptAsItIs() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = try daemon()
        let team = try storeRecordedTeam(state)
        let schedule = state.configuration.disclosure.schedule
        let period = schedule.period(containing: team.date)
        try FileManager.default.createDirectory(atPath: publication, withIntermediateDirectories: true)
        try Data("earlier".utf8).write(to: URL(fileURLWithPath: publication + "/" + period.fileStem + ".csv"))
        let written = try DisclosureDesk(state: state, logger: Logger(label: "test")).writeDue(now: schedule.dueAt(period, zone: state.zone))
        #expect(written.map(\.period) == [period.name])
        #expect(read(period.fileStem + ".csv") == Array("earlier".utf8))
        let html = try #require(read(period.fileStem + ".html"))
        // The record describes the files in place, not the report built now (2 visits).
        #expect(written.first?.csvSHA256 == SHA256.hex(SHA256.hash(Array("earlier".utf8))))
        #expect(written.first?.htmlSHA256 == SHA256.hex(SHA256.hash(html)))
        #expect(written.first?.visits == 0)
        #expect(try state.store.disclosures().first?.csvSHA256 == SHA256.hex(SHA256.hash(Array("earlier".utf8))))
    }

    @Test func theRowsOfAKeptCSVAreCounted() {
        let report = DisclosureReport(
            district: "示范区", from: CivilDate(iso: "2026-11-23")!, to: CivilDate(iso: "2026-11-29")!,
            visits: [
                DisclosureVisit(date: CivilDate(iso: "2026-11-24")!, shiftEndsAt: 0, siteName: "甲,\"厂\"\n二号", localityName: "镇", outcome: .compliant, measures: []),
                DisclosureVisit(date: CivilDate(iso: "2026-11-25")!, shiftEndsAt: 0, siteName: "乙", localityName: "镇", outcome: .violation, measures: [.productionHalt]),
            ], now: 1)
        #expect(DisclosureReport.rowCount(csv: Array(report.csv.utf8)) == 2)
        #expect(DisclosureReport.rowCount(csv: Array("earlier".utf8)) == 0)
        #expect(DisclosureReport.rowCount(csv: Array("h\r\na\r\nb".utf8)) == 2)
    }

    /// The directory is the one resolved when the desk was made (the daemon's start): a
    /// reload that moves it does not move the reports, as the spool does not move either.
    @Test func aReloadDoesNotMoveThePublicationDirectory() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let state = try daemon()
        let team = try storeRecordedTeam(state)
        let desk = DisclosureDesk(state: state, logger: Logger(label: "test"))
        var configuration = state.configuration
        configuration.disclosure.directory = directory + "/elsewhere"
        state.apply(
            ConfigurationLoader.Loaded(configuration: configuration, access: state.access, zone: state.zone, calendar: state.calendar, templates: state.templates),
            outcome: ReloadOutcome(at: "2026-01-01T00:00:00+08:00", succeeded: true, messages: []))
        let schedule = state.configuration.disclosure.schedule
        let period = schedule.period(containing: team.date)
        #expect(try desk.writeDue(now: schedule.dueAt(period, zone: state.zone)).map(\.period) == [period.name])
        #expect(read(period.fileStem + ".csv") != nil)
        #expect(!FileManager.default.fileExists(atPath: directory + "/elsewhere"))
    }

    @Test func theJournalEntryHasItsCatalogedMessageID() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let catalog = try String(contentsOfFile: #filePath.replacingOccurrences(of: "Tests/InspectDaemonTests/DisclosureCycleDeskTests.swift", with: "deploy/catalog/inspectd.catalog"), encoding: .utf8)
        #expect(catalog.contains("-- \(DisclosureDesk.messageID)\n"))
    }
}
