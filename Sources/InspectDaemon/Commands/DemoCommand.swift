import ArgumentParser
import Foundation
import InspectConfig
import InspectCore
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
            try await Daemon.run(configPath: configPath) { store, logger in
                try DemoSetup.fillIfEmpty(store, logger: logger)
            }
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
        do {
            try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
        } catch {
            throw SetupError(description: "cannot create \(spool): \(error.localizedDescription)")
        }
        guard !FileManager.default.fileExists(atPath: configPath) else { return }
        var configuration = DaemonConfiguration.default
        configuration.district.name = "示范区"
        configuration.daemon.stateDirectory = directory
        configuration.daemon.spoolDirectory = spool
        configuration.daemon.socketPath = (directory as NSString).appendingPathComponent("inspectd.sock")
        configuration.daemon.socketMode = 0o660
        configuration.access.adminGroups = [.gid(getgid())]
        configuration.access.supervisorGroups = []
        let text = "# The demo district's configuration, written by `inspectd demo`.\n"
            + "# Every key is documented in deploy/inspectd.toml.\n\n" + configuration.rendered()
        do {
            try text.write(toFile: configPath, atomically: true, encoding: .utf8)
        } catch {
            throw SetupError(description: "cannot write \(configPath): \(error.localizedDescription)")
        }
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
        logger.notice(
            "demo district created: \(district.units.count) units, \(district.inspectors.count) inspectors, \(district.sites.count) sites",
            metadata: ["event": "demo_created"]
        )
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
          curl --unix-socket \(socket) http://localhost/v1/status
        Stop with Ctrl-C.
        """
    }
}
