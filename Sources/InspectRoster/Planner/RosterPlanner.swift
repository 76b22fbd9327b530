import InspectCalendar
import InspectCore

/// Plans joint inspection rosters (联合巡查排班).
///
/// 1. Fixed teams: teams of shifts that have started (``PlanningInput/frozenBefore``) exactly as
///    in ``PlanningInput/previous``, then pins (``PlanningInput/pins``), kept even when they
///    break a rule (reported in ``Plan/pinProblems``).
/// 2. Re-plan: every previous team whose slot still exists keeps the members who can still take
///    it; a team that lost members is completed (one replacement first, the whole team only
///    when that fails).
/// 3. Greedy construction of the remaining teams: shifts whose period requires departments (the
///    police at night) first, then the rest, each in order of start; each place goes to the
///    feasible inspector whose duty of the shift's kinds (history + plan) and hours grow the
///    objective least, ties broken by a seeded shuffle. A team the hard rules make impossible
///    is left unfilled and reported as a ``Shortfall``. When some team is left unfilled, a
///    second construction that saves certified officers and required departments for the
///    places that need them is tried too, and the one that fills more teams is kept.
/// 4. Local search over the places filled in this run only: moves that even out each kind of
///    duty within each fairness group, then seeded random replacements and exchanges, always
///    keeping every hard rule (see ``Plan/fairnessSpread``).
/// 5. The finished plan is re-checked rule by rule (``Plan/hardViolations``).
///
/// Hard rules: one shift per person and date; the minimum rest between shifts (across
/// midnight too); leave; planned hours per ISO week; nights on consecutive dates; rest-day and
/// holiday shifts per calendar month; team size, departments, certified officers and the
/// departments a period requires.
public enum RosterPlanner {
    /// Plans (or re-plans, when ``PlanningInput/previous`` is not empty) the roster. Pure and
    /// deterministic: the same input gives the same plan.
    public static func plan(_ input: PlanningInput) -> Plan {
        var engine = PlannerEngine(input)
        engine.construct()
        if engine.unfilledTeams > 0 {
            // Coverage before fairness: a construction that saves scarce people may fill more.
            var sparing = PlannerEngine(input)
            sparing.sparingFirst = true
            sparing.construct()
            if sparing.unfilledTeams < engine.unfilledTeams { engine = sparing }
        }
        engine.improve(iterations: input.iterations)
        return engine.result()
    }

    /// Why `team` of `plan` is made of its members: the team rules that bound the choice
    /// (required departments, certified officers, departments), each member's duty against
    /// their fairness group, and for each member how many others could take their place without
    /// breaking a hard rule and which rules stop the rest. `input` is the one `plan` was made
    /// from. A team not in `plan` is explained as if it replaced the plan's team in its slot.
    public static func explain(_ input: PlanningInput, plan: Plan, team: PlannedTeam) -> TeamExplanation {
        var engine = PlannerEngine(input)
        engine.load(plan)
        return engine.explain(team)
    }
}
