// InspectSystemd
