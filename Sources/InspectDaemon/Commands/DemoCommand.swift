import ArgumentParser
import Foundation
import InspectCalendar
import InspectConfig
import InspectCore
import InspectLedger
import InspectStore
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// `inspectd demo`: a realistic demo district served from a directory of its own.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the daemon on a demo district (Chinese names, ~120 inspectors, ~400 sites) in a directory of its own.",
        discussion: """
            Creates DIR with its own configuration (DIR/inspectd.toml), database and spool, serves
            DIR/inspectd.sock and prints the inspectctl commands to try. Run again on the same DIR,
            it resumes with the data it has; it never wipes a database. Stop it with Ctrl-C.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The demo's directory.", valueName: "dir"))
    var dir: String = "./inspectd-demo"

    func run() async throws {
        let directory = URL(fileURLWithPath: dir, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
        let configPath = (directory as NSString).appendingPathComponent("inspectd.toml")
        do {
            try DemoSetup.prepareDirectory(directory, configPath: configPath)
        } catch {
            printError("inspectd demo: \(error)")
            throw ExitCode.failure
        }
        let socket = (directory as NSString).appendingPathComponent("inspectd.sock")
        FileHandle.standardOutput.write(Data((DemoSetup.instructions(socket: socket, configPath: configPath) + "\n").utf8))
        do {
            try await Daemon.run(
                configPath: configPath,
                prepare: { store, logger in try DemoSetup.fillIfEmpty(store, logger: logger) },
                prepareState: { state, logger in
                    guard let summary = try DemoHistory.seedIfFresh(state, logger: logger) else { return }
                    FileHandle.standardOutput.write(Data((DemoSetup.historyInstructions(summary) + "\n").utf8))
                })
        } catch let error as StartupError {
            printError("inspectd: \(error)")
            throw ExitCode.failure
        }
    }
}

enum DemoSetup {
    struct SetupError: Error, CustomStringConvertible {
        var description: String
    }

    /// Creates the demo directory and its configuration (kept if already there).
    static func prepareDirectory(_ directory: String, configPath: String) throws {
        let spool = (directory as NSString).appendingPathComponent("spool")
        let calendar = (directory as NSString).appendingPathComponent("calendar.d")
        for path in [spool, calendar] {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw SetupError(description: "cannot create \(path): \(error.localizedDescription)")
            }
        }
        guard !FileManager.default.fileExists(atPath: configPath) else { return }
        let text = "# The demo district's configuration, written by `inspectd demo`.\n"
            + "# Every key is documented in deploy/inspectd.toml.\n\n" + Self.configuration(directory: directory).rendered()
        do {
            try text.write(toFile: configPath, atomically: true, encoding: .utf8)
        } catch {
            throw SetupError(description: "cannot write \(configPath): \(error.localizedDescription)")
        }
    }

    /// The demo's configuration, everything kept in `directory`.
    static func configuration(directory: String) -> DaemonConfiguration {
        let spool = (directory as NSString).appendingPathComponent("spool")
        let calendar = (directory as NSString).appendingPathComponent("calendar.d")
        var configuration = DaemonConfiguration.default
        configuration.district.name = "示范区"
        configuration.daemon.stateDirectory = directory
        configuration.daemon.spoolDirectory = spool
        configuration.daemon.socketPath = (directory as NSString).appendingPathComponent("inspectd.sock")
        configuration.daemon.socketMode = 0o660
        configuration.access.adminGroups = [.gid(getgid())]
        configuration.access.supervisorGroups = []
        configuration.calendar.directory = calendar
        configuration.notices.outboxDirectory = (directory as NSString).appendingPathComponent("outbox")
        configuration.disclosure.directory = (directory as NSString).appendingPathComponent("disclosure")
        // Three zones of the demo district's seven localities, and the police on every night team.
        configuration.roster.zones = [
            ZoneSetting(id: "north", name: "北片区", localities: ["baihe", "liulin", "qingshan"]),
            ZoneSetting(id: "central", name: "中片区", localities: ["xinhua", "binhe"]),
            ZoneSetting(id: "south", name: "南片区", localities: ["devzone", "nangang"]),
        ]
        configuration.teams.requiredDepartments = [RequiredDepartmentsSetting(period: "night", departments: ["police"])]
        return configuration
    }

    /// Imports the demo district through the same path as `inspectctl import`,
    /// but only into an empty database.
    static func fillIfEmpty(_ store: InspectStore, logger: Logger) throws {
        let counts = try store.directoryCounts()
        guard counts.units == 0, counts.inspectors == 0, counts.sites == 0 else {
            logger.info("demo database already has data; resuming with it", metadata: ["event": "demo_resumed"])
            return
        }
        let district = DemoDistrict.generate()
        let importer = DirectoryImporter(store: store)
        let files: [(DirectoryKind, String)] = [
            (.units, district.csv(.units)),
            (.inspectors, district.csv(.inspectors)),
            (.sites, district.csv(.sites)),
        ]
        for (kind, csv) in files {
            let outcome = try importer.importFile(
                kind, bytes: Array(csv.utf8), file: "demo-\(kind.defaultFileName)", encoding: nil, uid: getuid(), dryRun: false
            )
            if case .rejected(let problems, _) = outcome {
                throw SetupError(description: "the demo data was rejected: \(problems.map(\.description).joined(separator: "; "))")
            }
        }
        dropDemoForecast(into: store, logger: logger)
        let today = DistrictTimeZone.chinaStandardTime.date(atUTC: Int64(Date().timeIntervalSince1970))
        let cases = DemoLedger.cases(for: district, today: today)
        let parsed = try CaseImport.read(Array(CaseCSV.render(cases).utf8), encoding: nil, file: "demo-cases.csv")
        _ = try store.importCases(
            parsed.map { (line: $0.line, value: $0.value) }, presentColumns: Set(CaseImport.required + CaseImport.optional),
            at: Timestamp.string(Date()), now: Int64(Date().timeIntervalSince1970), uid: getuid(), file: "demo-cases.csv",
            dryRun: false, allow: { _, _ in nil }
        ) { snapshot in
            CaseImport.checkReferences(
                cases: parsed, unitIDs: Set(snapshot.units.map(\.id)), siteIDs: Set(snapshot.sites.map(\.id)), file: "demo-cases.csv")
        }
        // The rectified demo cases await their verification visits (复查): stored as tasks
        // without a visit, which the first plan places on the roster like any task.
        let zone = DistrictTimeZone.chinaStandardTime
        let now = Int64(Date().timeIntervalSince1970)
        let index = WorkdayIndex(calendar: .builtIn, from: today, through: today.adding(days: 400))
        let due = zone.startOfDay(index.date(addingWorkdays: VerificationSettings().withinWorkingDays, to: today).adding(days: 1))
        let verifications = cases.filter { $0.status == .rectified && $0.site != nil }.map { item in
            (
                task: StoredTask(
                    siteID: item.site ?? "", fromAt: now, byAt: due, reason: "verification", caseID: item.id, note: "复查: \(item.title)",
                    uid: getuid(), createdAt: now),
                placement: TaskPlacementRow?.none
            )
        }
        _ = try store.addTasks(verifications, notBefore: now)
        logger.notice(
            "demo district created: \(district.units.count) units, \(district.inspectors.count) inspectors, \(district.sites.count) sites",
            metadata: ["event": "demo_created"]
        )
    }

    /// Writes a three-day forecast with a rain band from tomorrow evening into the night
    /// into the demo's forecast drop directory, where the running daemon picks it up the
    /// way it picks up a cron job's download.
    static func dropDemoForecast(into store: InspectStore, logger: Logger) {
        let directory = ((store.path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("weather-inbox")
        let zone = DistrictTimeZone.chinaStandardTime
        let now = Int64(Date().timeIntervalSince1970)
        let firstHour = now - now % 3600
        let tomorrow = zone.startOfDay(zone.date(atUTC: now).adding(days: 1))
        let rainFrom = tomorrow + 17 * 3600
        let rainTo = tomorrow + 27 * 3600
        var lines = ["start,end,precipitation_mm,probability"]
        for hour in 0..<72 {
            let start = firstHour + Int64(hour) * 3600
            let raining = start >= rainFrom && start < rainTo
            let step = Int((start - rainFrom) / 3600)
            let millimetres = raining ? [1.2, 2.4, 3.1, 2.8, 1.9, 1.5, 0.9, 0.6, 0.4, 0.2][max(0, min(9, step))] : 0.0
            let probability = raining ? [75, 85, 90, 90, 85, 80, 70, 65, 60, 55][max(0, min(9, step))] : 5 + (hour * 7) % 15
            lines.append("\(zone.iso8601(utcSeconds: start)),\(zone.iso8601(utcSeconds: start + 3600)),\(millimetres),\(probability)")
        }
        let target = (directory as NSString).appendingPathComponent("demo-forecast.csv")
        let temporary = target + ".tmp"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try (lines.joined(separator: "\n") + "\n").write(toFile: temporary, atomically: false, encoding: .utf8)
            try FileManager.default.moveItem(atPath: temporary, toPath: target)
        } catch {
            logger.warning("cannot write the demo forecast to \(target): \(error)", metadata: ["event": "demo_forecast_failed"])
        }
    }

    /// A demo site and a deadline three days ahead, for the quick start's targeted task.
    static var demoTaskSite: String { DemoDistrict.generate().sites.map(\.id).sorted().first ?? "S0001" }
    static var demoTaskDeadline: String {
        DistrictTimeZone.chinaStandardTime.date(atUTC: Int64(Date().timeIntervalSince1970)).adding(days: 3).description
    }

    /// The seeded history's dates at most (演示历史: up to ``DemoHistory/days`` before today), for the commands to try.
    static var historyFrom: String {
        DistrictTimeZone.chinaStandardTime.date(atUTC: Int64(Date().timeIntervalSince1970)).adding(days: -DemoHistory.days).description
    }
    static var historyTo: String {
        DistrictTimeZone.chinaStandardTime.date(atUTC: Int64(Date().timeIntervalSince1970)).description
    }

    /// What the fresh demo's seeded history holds, with the cases to look at.
    static func historyInstructions(_ summary: DemoHistory.Summary) -> String {
        var lines = [
            "Seeded demo history (演示历史, the days before today, plan 1): \(summary.teams) past team-shifts, \(summary.visits) recorded visits, \(summary.violations) violations that opened patrol cases."
        ]
        if let verified = summary.verifiedCase {
            lines.append("  swift run inspectctl cases show \(verified)      # found, rectified, verified by its 复查 visit, struck off (销号)")
        }
        if let reopened = summary.reopenedCase {
            lines.append("  swift run inspectctl cases show \(reopened)      # reopened: its 复查 visit found the violation again")
        }
        if let unrecorded = summary.unrecordedVisit {
            lines.append("  \(unrecorded) was left unrecorded: swift run inspectctl notices --kind visit_reminder")
        }
        return lines.joined(separator: "\n")
    }

    static func instructions(socket: String, configPath: String) -> String {
        """
        inspectd demo: serving the demo district on \(socket)
        Configuration: \(configPath) (edit it, then `kill -HUP <pid>` to reload)
        In another terminal, try:
          export INSPECTD_SOCKET=\(socket)
          swift run inspectctl status
          swift run inspectctl units
          swift run inspectctl inspectors --format csv
          swift run inspectctl sites --format json
          swift run inspectctl calendar --from 2026-09-25 --to 2026-10-11
          swift run inspectctl weather
          swift run inspectctl roster
          swift run inspectctl duty
          swift run inspectctl roster fairness
          swift run inspectctl roster plans
          swift run inspectctl draw verify 1
          swift run inspectctl task add --site \(demoTaskSite) --by \(demoTaskDeadline) --reason complaint --note 群众举报夜间偷排
          swift run inspectctl task list
          swift run inspectctl visit list --from \(historyFrom) --to \(historyTo) --result violation
          swift run inspectctl task list --status done
          swift run inspectctl cases list --overdue
          swift run inspectctl units lagging
          swift run inspectctl notices
          swift run inspectctl notices --kind visit_reminder
          ls \((configPath as NSString).deletingLastPathComponent)/outbox/new
          ls \((configPath as NSString).deletingLastPathComponent)/disclosure
          curl --unix-socket \(socket) http://localhost/v1/status
        Stop with Ctrl-C.
        """
    }
}
