import ArgumentParser

@main
struct InspectBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect-bench",
        abstract: "Benchmarks of the inspectd engines on public data sets.",
        subcommands: [Curtois.self, Escalation.self, Notices.self, District.self, Sweep.self])
}
