// InspectCore
