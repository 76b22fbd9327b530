// InspectStore
