import InspectWeather

/// Rain periods that appeared or went away, and why: the event the roster planner
/// re-plans on.
public struct RainPeriodChange: Sendable, Equatable {
    public var added: [RainPeriod]
    public var removed: [RainPeriod]
    /// What caused it: `forecast imported: FILE`, `forecast stale`, `configuration reloaded`.
    public var reason: String
}
