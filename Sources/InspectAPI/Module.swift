// InspectAPI
