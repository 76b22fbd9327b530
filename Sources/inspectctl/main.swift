import InspectCLI

// `inspectctl`: parse the command line and run the subcommand.
InspectctlCommand.main()
