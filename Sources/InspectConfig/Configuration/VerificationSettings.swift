/// `[verification]`: the verification visit (复查) a case gets when it is marked rectified.
public struct VerificationSettings: Sendable, Equatable {
    /// `within_working_days`, integer 1...60, default 5: a case marked `rectified` gets a
    /// verification visit to its site on a working-day shift that ends by the end of this
    /// many working days after the day it was marked (the district calendar's workdays and
    /// makeup workdays).
    public var withinWorkingDays: Int

    public init(withinWorkingDays: Int = 5) {
        self.withinWorkingDays = withinWorkingDays
    }
}

extension VerificationSettings: ConfigurationSection {
    static let tableName = "verification"

    static var keys: [ConfigurationKey<Self>] {
        [.integer("within_working_days", \.withinWorkingDays, in: 1...60, unit: "working days")]
    }
}
