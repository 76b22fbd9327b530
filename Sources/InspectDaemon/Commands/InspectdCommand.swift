import ArgumentParser
import Foundation

/// `inspectd`: the daemon, its configuration check and the demo district.
public struct InspectdCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "inspectd",
        abstract: "Joint inspection rosters and rectification escalations for a district pollution-prevention HQ.",
        discussion: """
            Runs in the foreground under systemd (Type=notify). SIGHUP reloads the configuration;
            SIGTERM stops after the current work. Examples:
              inspectd --config /etc/inspectd/inspectd.toml
              inspectd check-config --config /etc/inspectd/inspectd.toml
              inspectd demo --dir ./inspectd-demo
            """,
        version: InspectdVersion.current,
        subcommands: [RunCommand.self, CheckConfigCommand.self, DemoCommand.self],
        defaultSubcommand: RunCommand.self
    )

    public init() {}
}

/// The configuration file option shared by the subcommands.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The configuration file.", valueName: "path"))
    var config: String = "/etc/inspectd/inspectd.toml"
}

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon in the foreground (the default)."
    )

    @OptionGroup var options: ConfigOption

    func run() async throws {
        do {
            try await Daemon.run(configPath: options.config)
        } catch let error as StartupError {
            printError("inspectd: \(error)")
            throw ExitCode.failure
        }
    }
}

struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check the configuration file, like nginx -t: every problem with file, line and key; exit 1 on any."
    )

    @OptionGroup var options: ConfigOption

    func run() throws {
        switch ConfigurationLoader.load(path: options.config) {
        case .success:
            print("inspectd: the configuration file \(options.config) is valid")
        case .failure(let error):
            for problem in error.problems { printError(problem) }
            printError("inspectd: the configuration file \(options.config) has \(error.problems.count) problem(s)")
            throw ExitCode.failure
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
