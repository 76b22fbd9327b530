import InspectCalendar

/// Where one responsible unit stands on a day: how many of its cases are outstanding and
/// overdue, and whether it is lagging (进度滞后).
public struct UnitStanding: Sendable, Hashable {
    /// The unit's id.
    public var unit: String
    /// Cases still open or in progress.
    public var outstanding: Int
    /// Outstanding cases whose deadline has passed (today is after the deadline).
    public var overdue: Int
    /// `overdue / outstanding`; 0 with no outstanding case.
    public var overdueRatio: Double
    /// The mean of today − deadline over the overdue cases; 0 with none.
    public var meanDaysOverdue: Double
    /// The most days any case is overdue; 0 with none.
    public var maxDaysOverdue: Int
    /// Cases overdue by more than ``LaggingThresholds/overdueDays``.
    public var longOverdue: Int
    /// Whether the unit is lagging by either rule.
    public var lagging: Bool
    /// Why it is lagging, one line per rule met; empty when it is not.
    public var reasons: [String]

    public init(
        unit: String, outstanding: Int, overdue: Int, overdueRatio: Double, meanDaysOverdue: Double, maxDaysOverdue: Int,
        longOverdue: Int, lagging: Bool, reasons: [String]
    ) {
        self.unit = unit
        self.outstanding = outstanding
        self.overdue = overdue
        self.overdueRatio = overdueRatio
        self.meanDaysOverdue = meanDaysOverdue
        self.maxDaysOverdue = maxDaysOverdue
        self.longOverdue = longOverdue
        self.lagging = lagging
        self.reasons = reasons
    }
}

/// The ranking of responsible units (通报排名) and the automatic summons of lagging ones.
public enum LaggingUnits {
    /// One standing per unit that has any case (also units whose cases are all done),
    /// worst first: lagging units first, then by overdue ratio, overdue count and most
    /// days overdue (each descending), then by unit id.
    ///
    /// A case is overdue when it is outstanding (open or in progress) and `today` is after
    /// its deadline; it is overdue by `today − deadline` days. A unit is lagging when at
    /// least `overdueCases` cases are overdue by more than `overdueDays` days, or when at
    /// least one case is overdue and the overdue ratio is at least `overdueRatio`.
    public static func standings(cases: [RectificationCase], today: CivilDate, thresholds: LaggingThresholds) -> [UnitStanding] {
        let todayDay = today.daysSinceEpoch
        var tallies: [String: Tally] = [:]
        for item in cases {
            tallies[item.unit, default: Tally()].add(item, todayDay: todayDay, overdueDays: thresholds.overdueDays)
        }
        var standings: [UnitStanding] = []
        standings.reserveCapacity(tallies.count)
        for (unit, tally) in tallies {
            let ratio = tally.outstanding == 0 ? 0 : Double(tally.overdue) / Double(tally.outstanding)
            var reasons: [String] = []
            if tally.longOverdue >= thresholds.overdueCases {
                reasons.append(
                    "\(tally.longOverdue) case\(tally.longOverdue == 1 ? " is" : "s are") overdue by more than "
                        + "\(thresholds.overdueDays) day\(thresholds.overdueDays == 1 ? "" : "s") "
                        + "(lagging from \(thresholds.overdueCases))")
            }
            if tally.overdue >= 1 && ratio >= thresholds.overdueRatio {
                reasons.append(
                    "\(tally.overdue) of \(tally.outstanding) outstanding case\(tally.outstanding == 1 ? " is" : "s are") "
                        + "overdue (\(percent(ratio)); lagging from \(percent(thresholds.overdueRatio)))")
            }
            standings.append(
                UnitStanding(
                    unit: unit, outstanding: tally.outstanding, overdue: tally.overdue, overdueRatio: ratio,
                    meanDaysOverdue: tally.overdue == 0 ? 0 : Double(tally.daysOverdue) / Double(tally.overdue),
                    maxDaysOverdue: tally.maxDaysOverdue, longOverdue: tally.longOverdue, lagging: !reasons.isEmpty,
                    reasons: reasons))
        }
        standings.sort(by: isWorse)
        return standings
    }

    /// Whether `left` ranks before (is worse than) `right`.
    static func isWorse(_ left: UnitStanding, _ right: UnitStanding) -> Bool {
        if left.lagging != right.lagging { return left.lagging }
        if left.overdueRatio != right.overdueRatio { return left.overdueRatio > right.overdueRatio }
        if left.overdue != right.overdue { return left.overdue > right.overdue }
        if left.maxDaysOverdue != right.maxDaysOverdue { return left.maxDaysOverdue > right.maxDaysOverdue }
        return left.unit < right.unit
    }

    /// Whether a lagging unit is due its automatic escalation (a summons of its top leader)
    /// today: it is lagging, and it was never escalated or last escalated at least
    /// `escalateEveryDays` days ago. At most once per period while it stays lagging; a
    /// unit that recovers and relapses within the period waits for the period to end.
    /// Record `today` as the unit's last escalation when the summons goes out.
    public static func escalationDue(
        standing: UnitStanding, lastEscalated: CivilDate?, today: CivilDate, thresholds: LaggingThresholds
    ) -> Bool {
        guard standing.lagging else { return false }
        guard let lastEscalated else { return true }
        return lastEscalated.days(to: today) >= max(1, thresholds.escalateEveryDays)
    }

    /// `40%`, `12.5%`.
    static func percent(_ ratio: Double) -> String {
        let tenths = Int((ratio * 1000).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10).\(tenths % 10)%"
    }
}

/// One unit's counts while ranking.
private struct Tally {
    var outstanding = 0
    var overdue = 0
    var daysOverdue = 0
    var maxDaysOverdue = 0
    var longOverdue = 0

    mutating func add(_ item: RectificationCase, todayDay: Int, overdueDays: Int) {
        guard item.status.isOutstanding else { return }
        outstanding += 1
        let days = todayDay - item.deadline.daysSinceEpoch
        guard days > 0 else { return }
        overdue += 1
        daysOverdue += days
        maxDaysOverdue = max(maxDaysOverdue, days)
        if days > overdueDays { longOverdue += 1 }
    }
}
