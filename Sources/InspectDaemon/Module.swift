// InspectDaemon
