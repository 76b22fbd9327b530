// InspectConfig
