// InspectCLI
