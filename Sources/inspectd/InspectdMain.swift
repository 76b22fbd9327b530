import InspectDaemon

/// `inspectd`: parse the command line and hand over to the daemon library.
@main
struct InspectdMain {
    static func main() async {
        await InspectdCommand.main()
    }
}
