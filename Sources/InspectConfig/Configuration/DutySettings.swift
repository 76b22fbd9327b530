/// `[duty]`: the limits that protect people, and how duty is shared fairly.
public struct DutySettings: Sendable, Equatable {
    /// `min_rest_hours`, integer 0...48, default 11: hours off between the end of one shift
    /// and the start of the next, across midnight too.
    public var minRestHours: Int
    /// `max_hours_per_week`, integer 8...84, default 48: planned hours in an ISO week (Monday
    /// to Sunday); a shift counts in the week of the date it starts on.
    public var maxHoursPerWeek: Int
    /// `max_consecutive_nights`, integer 1...14, default 3: night shifts on consecutive dates.
    public var maxConsecutiveNights: Int
    /// `max_restday_shifts_per_month`, integer 0...31, default 8: shifts on weekend days
    /// (休息日; a makeup workday is a workday) in a calendar month. A hard rule of the planner:
    /// a shift counts in the month of the date it starts on, and shifts already rostered
    /// earlier in the month count too.
    public var maxRestdayShiftsPerMonth: Int
    /// `max_holiday_shifts_per_month`, integer 0...31, default 4: shifts on statutory
    /// holidays and days off in lieu (法定节假日) in a calendar month; counted like
    /// `max_restday_shifts_per_month`.
    public var maxHolidayShiftsPerMonth: Int
    /// `fairness_lookback_days`, integer 7...730, default 365: night, restday, holiday and
    /// rain duty is shared evenly counting what each inspector did over this many days
    /// before a plan, so history carries across plans (whoever worked the Spring Festival is
    /// not first in line at National Day).
    public var fairnessLookbackDays: Int
    /// `planner_iterations`, integer 0...10_000_000, default 200_000: moves the planner's
    /// local search tries after building a first roster; 0 keeps the first roster. More
    /// iterations share duty more evenly and take longer.
    public var plannerIterations: Int

    public init(
        minRestHours: Int = 11, maxHoursPerWeek: Int = 48, maxConsecutiveNights: Int = 3, maxRestdayShiftsPerMonth: Int = 8,
        maxHolidayShiftsPerMonth: Int = 4, fairnessLookbackDays: Int = 365, plannerIterations: Int = 200_000
    ) {
        self.minRestHours = minRestHours
        self.maxHoursPerWeek = maxHoursPerWeek
        self.maxConsecutiveNights = maxConsecutiveNights
        self.maxRestdayShiftsPerMonth = maxRestdayShiftsPerMonth
        self.maxHolidayShiftsPerMonth = maxHolidayShiftsPerMonth
        self.fairnessLookbackDays = fairnessLookbackDays
        self.plannerIterations = plannerIterations
    }
}

extension DutySettings: ConfigurationSection {
    static let tableName = "duty"

    static var keys: [ConfigurationKey<Self>] {
        [
            .integer("min_rest_hours", \.minRestHours, in: 0...48, unit: "hours"),
            .integer("max_hours_per_week", \.maxHoursPerWeek, in: 8...84, unit: "hours"),
            .integer("max_consecutive_nights", \.maxConsecutiveNights, in: 1...14, unit: "nights"),
            .integer("max_restday_shifts_per_month", \.maxRestdayShiftsPerMonth, in: 0...31, unit: "shifts"),
            .integer("max_holiday_shifts_per_month", \.maxHolidayShiftsPerMonth, in: 0...31, unit: "shifts"),
            .integer("fairness_lookback_days", \.fairnessLookbackDays, in: 7...730, unit: "days"),
            .integer("planner_iterations", \.plannerIterations, in: 0...10_000_000, unit: "iterations"),
        ]
    }
}
