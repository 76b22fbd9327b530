import InspectCalendar

/// What makes one firing of a step unique: the daemon records these once sent and never
/// sends the same key twice.
public struct FiringKey: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The case's id.
    public var caseID: String
    /// The step's id, such as `supervision`.
    public var stepID: String
    /// `deadline`, or `milestone:<index>` with the index into the case's milestones (in
    /// date order, from 0).
    public var anchor: String
    /// 0 for the first firing; n for the n-th repeat of a repeating step.
    public var repeatIndex: Int

    public init(caseID: String, stepID: String, anchor: String, repeatIndex: Int) {
        self.caseID = caseID
        self.stepID = stepID
        self.anchor = anchor
        self.repeatIndex = repeatIndex
    }

    /// `ZY-2026-001/supervision/deadline/0`.
    public var description: String { "\(caseID)/\(stepID)/\(anchor)/\(repeatIndex)" }

    enum CodingKeys: String, CodingKey {
        case caseID = "case_id"
        case stepID = "step_id"
        case anchor
        case repeatIndex = "repeat_index"
    }
}

/// A step that is due for a case: what to send, about what, and when it fell due.
///
/// Stored compactly (about 80 bytes rather than 216 for the plain fields): a cold start
/// over a large ledger returns millions of these. The properties are read-only.
public struct DueFiring: Sendable, Hashable, CustomStringConvertible {
    /// The case's id.
    public let caseID: String
    /// The milestone's name, or `截止日期` (``EscalationLadder/deadlineAnchorName``) for
    /// the deadline.
    public let anchorName: String
    /// `deadline` or `milestone:<index>` (``FiringKey/anchor``).
    public let anchor: String
    /// `dueDate` at the policy's `notifyAtMinute`, local time, as UTC seconds.
    public let dueAt: Int64
    let ladder: LadderSteps
    let stepIndex: Int32
    let repeatIndex32: Int32
    let anchorDay: Int32
    let dueDay: Int32

    /// A firing of `step` for the case; the key is made of the case id, the step id,
    /// `anchor` and `repeatIndex`.
    public init(
        caseID: String, step: EscalationStep, anchor: String, repeatIndex: Int, anchorName: String, anchorDate: CivilDate,
        dueDate: CivilDate, dueAt: Int64
    ) {
        self.init(
            caseID: caseID, anchorName: anchorName, anchor: anchor, dueAt: dueAt, ladder: LadderSteps([step]), stepIndex: 0,
            repeatIndex: Int32(truncatingIfNeeded: repeatIndex), anchorDay: Int32(truncatingIfNeeded: anchorDate.daysSinceEpoch),
            dueDay: Int32(truncatingIfNeeded: dueDate.daysSinceEpoch))
    }

    init(
        caseID: String, anchorName: String, anchor: String, dueAt: Int64, ladder: LadderSteps, stepIndex: Int32,
        repeatIndex: Int32, anchorDay: Int32, dueDay: Int32
    ) {
        self.caseID = caseID
        self.anchorName = anchorName
        self.anchor = anchor
        self.dueAt = dueAt
        self.ladder = ladder
        self.stepIndex = stepIndex
        repeatIndex32 = repeatIndex
        self.anchorDay = anchorDay
        self.dueDay = dueDay
    }

    /// What the daemon records once the firing is sent.
    public var key: FiringKey {
        FiringKey(caseID: caseID, stepID: ladder.steps[Int(stepIndex)].id, anchor: anchor, repeatIndex: Int(repeatIndex32))
    }

    /// The step as the case's ladder defines it (recipients, kind).
    public var step: EscalationStep { ladder.steps[Int(stepIndex)] }

    /// 0 for the first firing, n for the n-th repeat.
    public var repeatIndex: Int { Int(repeatIndex32) }

    /// The milestone's due date, or the deadline.
    public var anchorDate: CivilDate { CivilDate(daysSinceEpoch: Int(anchorDay)) }

    /// The day this firing fell due: the anchor date plus the step's offset, plus
    /// `repeatIndex × repeatEvery` for a repeat (all in the step's unit).
    public var dueDate: CivilDate { CivilDate(daysSinceEpoch: Int(dueDay)) }

    /// `ZY-2026-001/supervision/deadline/0 due 2026-10-13 (截止日期 2026-10-09)`.
    public var description: String { "\(key) due \(dueDate) (\(anchorName) \(anchorDate))" }

    public static func == (left: DueFiring, right: DueFiring) -> Bool {
        left.caseID == right.caseID && left.anchor == right.anchor && left.repeatIndex32 == right.repeatIndex32
            && left.dueAt == right.dueAt && left.anchorDay == right.anchorDay && left.dueDay == right.dueDay
            && left.anchorName == right.anchorName && left.step == right.step
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(caseID)
        hasher.combine(anchor)
        hasher.combine(repeatIndex32)
        hasher.combine(dueAt)
        hasher.combine(step.id)
    }
}

/// The steps of the ladders, shared by the firings of one call.
final class LadderSteps: Sendable {
    let steps: [EscalationStep]

    init(_ steps: [EscalationStep]) { self.steps = steps }
}

/// When each rung of a case's escalation ladder falls due.
///
/// Each step of the case's ladder (``EscalationPolicy/ladder(for:)``) is counted from its
/// anchor: the deadline, or every milestone for milestone steps. Its due date is the
/// anchor date plus `offset` calendar days, or plus `offset` working days (the n-th
/// working day after, or before when negative; see ``WorkdayIndex``). A repeating step's
/// repeat n falls due `n × repeatEvery` days (in the step's unit) after its due date. A
/// firing is due at its due date's `notifyAtMinute`, local time in the district zone.
///
/// Only outstanding cases (open, in progress) escalate: once a case is rectified, its
/// remaining steps are moot, and none of them fires later, not even if the case is
/// reopened (set back to in progress) after they fell due: those then fire once, as
/// after downtime.
///
/// The functions keep no state. The daemon records each ``FiringKey`` it sends and
/// passes a lookup as `fired`; it sleeps until ``nextDue(cases:policy:calendar:zone:now:fired:)``.
public enum EscalationLadder {
    /// The anchor name of the deadline.
    public static let deadlineAnchorName = "截止日期"
    /// The anchor key of the deadline.
    public static let deadlineAnchorKey = "deadline"

    /// The anchor key of a case's milestone: `milestone:` and its due date, with `/1`,
    /// `/2`, … for further milestones on the same date. Keyed by date rather than position,
    /// so adding or removing a milestone does not shift the others' keys (which would
    /// repeat or skip their reminders). `milestones` are in date order.
    public static func milestoneAnchorKey(_ milestones: [Milestone], _ index: Int) -> String {
        let due = milestones[index].due
        var ordinal = 0
        var earlier = index - 1
        while earlier >= 0 && milestones[earlier].due == due {
            ordinal += 1
            earlier -= 1
        }
        return "milestone:\(due)" + (ordinal == 0 ? "" : "/\(ordinal)")
    }

    /// Steps due at or before `now` that have not fired, each at most once per key.
    ///
    /// After downtime every step that fell due fires exactly once, however late; of a
    /// repeating step only the latest repeat that is due fires (older repeats are skipped,
    /// not raised late). Nothing for a case that is not outstanding (status rectified or
    /// later). `fired` is asked once for each key that is due. Of outstanding cases that
    /// share an id (which the import refuses) only the first is considered.
    ///
    /// Sorted by `dueAt`, then case id, then the step's place in its ladder (then
    /// milestone order).
    public static func due(
        cases: [RectificationCase], policy: EscalationPolicy, calendar: WorkdayIndex, zone: DistrictTimeZone, now: Int64,
        fired: (FiringKey) -> Bool
    ) -> [DueFiring] {
        var engine = LadderEngine(cases: cases, policy: policy, index: calendar, zone: zone, now: now)
        return engine.due(fired: fired)
    }

    /// ``due(cases:policy:calendar:zone:now:fired:)`` with an index built for the dates
    /// at hand (see ``index(for:calendar:zone:now:)``). Building it takes a few
    /// milliseconds; a daemon that calls often keeps one ``WorkdayIndex`` instead.
    public static func due(
        cases: [RectificationCase], policy: EscalationPolicy, calendar: HolidayCalendar, zone: DistrictTimeZone, now: Int64,
        fired: (FiringKey) -> Bool
    ) -> [DueFiring] {
        due(cases: cases, policy: policy, calendar: index(for: cases, calendar: calendar, zone: zone, now: now), zone: zone, now: now, fired: fired)
    }

    /// The earliest `dueAt` after `now` among steps of outstanding cases that have not
    /// fired, or nil when there is none: the daemon sleeps until then (or until the
    /// ledger changes). Steps already due at `now` are not considered; ``due(cases:policy:calendar:zone:now:fired:)``
    /// returns them.
    public static func nextDue(
        cases: [RectificationCase], policy: EscalationPolicy, calendar: WorkdayIndex, zone: DistrictTimeZone, now: Int64,
        fired: (FiringKey) -> Bool
    ) -> Int64? {
        var engine = LadderEngine(cases: cases, policy: policy, index: calendar, zone: zone, now: now)
        return engine.nextDue(fired: fired)
    }

    /// ``nextDue(cases:policy:calendar:zone:now:fired:)`` with an index built for the
    /// dates at hand.
    public static func nextDue(
        cases: [RectificationCase], policy: EscalationPolicy, calendar: HolidayCalendar, zone: DistrictTimeZone, now: Int64,
        fired: (FiringKey) -> Bool
    ) -> Int64? {
        nextDue(cases: cases, policy: policy, calendar: index(for: cases, calendar: calendar, zone: zone, now: now), zone: zone, now: now, fired: fired)
    }

    /// An index covering the outstanding cases' deadlines and `now`, with 800 days on
    /// either side (more than 366 working days, the largest offset the configuration
    /// allows, and room for milestones). Dates beyond it are still right, only slower
    /// (the ladder computes each step once per distinct anchor date).
    public static func index(
        for cases: [RectificationCase], calendar: HolidayCalendar, zone: DistrictTimeZone, now: Int64
    ) -> WorkdayIndex {
        let today = zone.date(atUTC: now).daysSinceEpoch
        var low = today
        var high = today
        cases.withUnsafeBufferPointer { buffer in
            for position in buffer.indices where buffer[position].status.isOutstanding {
                let deadline = buffer[position].deadline.daysSinceEpoch
                low = min(low, deadline)
                high = max(high, deadline)
            }
        }
        // Keep pathological dates from building a huge index around them: the fallback
        // handles them.
        low = max(low, today - 20 * 366)
        high = min(high, today + 20 * 366)
        return WorkdayIndex(
            calendar: calendar, from: CivilDate(daysSinceEpoch: low - 800), through: CivilDate(daysSinceEpoch: high + 800))
    }
}

/// The timing of one step counted from one anchor date, computed once and shared by
/// every case with that anchor date.
struct StepTiming {
    /// The repeat due at or before `now` that fires (the latest one), or -1 when none.
    var dueRepeat: Int32 = -1
    var dueDay: Int32 = 0
    var dueAt: Int64 = 0
    /// The first repeat due after `now`, or -1 when none (a single step already due);
    /// `nextAt` is then `.max`.
    var nextRepeat: Int32 = -1
    var nextDay: Int32 = 0
    var nextAt: Int64 = .max
}

/// A firing found due, in compact form, before sorting.
struct Hit {
    var dueAt: Int64
    var caseIndex: Int32
    var step: Int32  // index into the flat step list; ladders are contiguous, in order
    var milestone: Int32  // -1 for the deadline
    var repeatIndex: Int32
    var dueDay: Int32
}

/// The working state of one call: the ladders flattened, and the timing cache by
/// (step, anchor date).
struct LadderEngine {
    let cases: [RectificationCase]
    let index: WorkdayIndex
    let zone: DistrictTimeZone
    let now: Int64
    let today: Int
    let notifySeconds: Int64

    /// Every step of every distinct ladder, ladder after ladder.
    var steps: [EscalationStep] = []
    var stepAnchorIsMilestone: [Bool] = []
    var stepKeys: [String] = []
    /// For each source (by ``sourceOrdinal``), the range of its ladder in `steps`.
    var ladderOfSource: [Range<Int>] = []

    /// Anchor date → slot. Dense over `slotBase ..< slotBase + denseSlots.count` (date
    /// keys, see ``dateKey``; widened as dates come), else the dictionary.
    var slotBase = 0
    var denseSlots: [Int32] = []
    var sparseSlots: [Int: Int32] = [:]
    var slotCount = 0
    /// `timings[slot * steps.count + step]`, valid where `computed` is set.
    var timings: [StepTiming] = []
    var computed: [Bool] = []
    /// `milestone:<date>` by day, made once per date per call.
    var milestoneKeyByDay: [Int: String] = [:]

    static let maximumDenseSlots = 1 << 20

    init(cases: [RectificationCase], policy: EscalationPolicy, index: WorkdayIndex, zone: DistrictTimeZone, now: Int64) {
        self.cases = cases
        self.index = index
        self.zone = zone
        self.now = now
        today = zone.date(atUTC: now).daysSinceEpoch
        notifySeconds = Int64(policy.notifyAtMinute) * 60

        // Flatten the distinct ladders.
        var ladderRanges: [[EscalationStep]: Range<Int>] = [:]
        ladderOfSource = Array(repeating: 0..<0, count: CaseSource.allCases.count)
        for source in CaseSource.allCases {
            let ladder = policy.ladder(for: source)
            let range: Range<Int>
            if let known = ladderRanges[ladder] {
                range = known
            } else {
                range = steps.count..<(steps.count + ladder.count)
                steps += ladder
                ladderRanges[ladder] = range
            }
            ladderOfSource[Self.sourceOrdinal(source)] = range
        }
        stepAnchorIsMilestone = steps.map { $0.anchor == .milestone }
        stepKeys = steps.map(\.id)
    }

    /// A cheap, order-preserving integer for a date (not a day count: months have 31
    /// slots), for the slot map.
    @inline(__always)
    static func dateKey(_ date: CivilDate) -> Int {
        (date.year * 12 + date.month) * 31 + date.day
    }

    @inline(__always)
    static func sourceOrdinal(_ source: CaseSource) -> Int {
        switch source {
        case .centralInspection: 0
        case .municipalInspection: 1
        case .complaint: 2
        case .media: 3
        case .patrol: 4
        }
    }

    /// The slot of an anchor date, made on first sight.
    @inline(__always)
    mutating func slot(_ date: CivilDate) -> Int {
        let key = Self.dateKey(date)
        var offset = key - slotBase
        if offset < 0 || offset >= denseSlots.count {
            if let slot = sparseSlots[key] { return Int(slot) }
            guard widenDenseSlots(toInclude: key) else {
                let made = newSlot()
                sparseSlots[key] = Int32(made)
                return made
            }
            offset = key - slotBase
        }
        let slot = denseSlots[offset]
        if slot >= 0 { return Int(slot) }
        let made = newSlot()
        denseSlots[offset] = Int32(made)
        return made
    }

    /// Widens the dense window to take `key` (with a year's margin on that side), unless
    /// it would grow past ``maximumDenseSlots``.
    mutating func widenDenseSlots(toInclude key: Int) -> Bool {
        let margin = 372
        if denseSlots.isEmpty {
            slotBase = key - margin
            denseSlots = [Int32](repeating: -1, count: 2 * margin + 1)
            return true
        }
        let low = min(slotBase, key - margin)
        let high = max(slotBase + denseSlots.count, key + margin + 1)
        guard high - low <= Self.maximumDenseSlots else { return false }
        var widened = [Int32](repeating: -1, count: high - low)
        widened.replaceSubrange((slotBase - low)..<(slotBase - low + denseSlots.count), with: denseSlots)
        slotBase = low
        denseSlots = widened
        return true
    }

    mutating func newSlot() -> Int {
        let made = slotCount
        slotCount += 1
        timings.append(contentsOf: repeatElement(StepTiming(), count: steps.count))
        computed.append(contentsOf: repeatElement(false, count: steps.count))
        return made
    }

    /// The timing of `step` counted from `anchor` (in `slot`).
    @inline(__always)
    mutating func timing(step: Int, slot: Int, anchor: CivilDate) -> StepTiming {
        let position = slot * steps.count + step
        if computed[position] { return timings[position] }
        let timing = compute(step: steps[step], anchorDay: anchor.daysSinceEpoch)
        timings[position] = timing
        computed[position] = true
        return timing
    }

    func dueAt(day: Int) -> Int64 {
        zone.utcSeconds(fromLocal: Int64(day) * 86_400 + notifySeconds)
    }

    func adding(_ count: Int, _ unit: OffsetUnit, to day: Int) -> Int {
        switch unit {
        case .calendarDays: day + count
        case .workingDays: index.anyDay(addingWorkdays: count, to: day)
        }
    }

    func compute(step: EscalationStep, anchorDay: Int) -> StepTiming {
        var timing = StepTiming()
        let firstDay = adding(step.offset, step.unit, to: anchorDay)
        let firstAt = dueAt(day: firstDay)
        let every = step.repeatEvery.flatMap { $0 > 0 ? $0 : nil }
        guard firstAt <= now else {
            timing.nextRepeat = 0
            timing.nextDay = Int32(truncatingIfNeeded: firstDay)
            timing.nextAt = firstAt
            return timing
        }
        guard let every else {
            timing.dueRepeat = 0
            timing.dueDay = Int32(truncatingIfNeeded: firstDay)
            timing.dueAt = firstAt
            return timing
        }
        // The latest repeat on or before today, then back off while its time of day is
        // still to come.
        let elapsed: Int
        switch step.unit {
        case .calendarDays: elapsed = today - firstDay
        case .workingDays: elapsed = index.workdays(afterDay: firstDay, throughDay: today)
        }
        var repeatIndex = max(0, elapsed / every)
        var day = adding(repeatIndex * every, step.unit, to: firstDay)
        var at = dueAt(day: day)
        while repeatIndex > 0 && at > now {
            repeatIndex -= 1
            day = adding(repeatIndex * every, step.unit, to: firstDay)
            at = dueAt(day: day)
        }
        timing.dueRepeat = Int32(truncatingIfNeeded: repeatIndex)
        timing.dueDay = Int32(truncatingIfNeeded: day)
        timing.dueAt = at
        // The next repeat after now.
        var nextIndex = repeatIndex + 1
        var nextDay = adding(nextIndex * every, step.unit, to: firstDay)
        var nextAt = dueAt(day: nextDay)
        while nextAt <= now {  // only where the zone's offset jumps; otherwise once
            nextIndex += 1
            nextDay = adding(nextIndex * every, step.unit, to: firstDay)
            nextAt = dueAt(day: nextDay)
        }
        timing.nextRepeat = Int32(truncatingIfNeeded: nextIndex)
        timing.nextDay = Int32(truncatingIfNeeded: nextDay)
        timing.nextAt = nextAt
        return timing
    }

    /// ``EscalationLadder/milestoneAnchorKey(_:_:)``, with the common case (the only
    /// milestone on its date) cached by day.
    @inline(__always)
    mutating func milestoneKey(_ milestones: [Milestone], _ index: Int) -> String {
        let due = milestones[index].due
        if index > 0 && milestones[index - 1].due == due { return EscalationLadder.milestoneAnchorKey(milestones, index) }
        let day = due.daysSinceEpoch
        if let key = milestoneKeyByDay[day] { return key }
        let key = EscalationLadder.milestoneAnchorKey(milestones, index)
        milestoneKeyByDay[day] = key
        return key
    }

    // MARK: due

    mutating func due(fired: (FiringKey) -> Bool) -> [DueFiring] {
        let cases = self.cases
        return cases.withUnsafeBufferPointer { buffer in
            // Visit the cases in id order, so that firings due at the same instant come
            // out in id order from a stable sort by time alone.
            let order = Self.outstandingInIDOrder(buffer)
            var hits: [Hit] = []
            hits.reserveCapacity(order.count)
            for visited in order {
                let position = Int(visited)
                let ladder = ladderOfSource[Self.sourceOrdinal(buffer[position].source)]
                let deadline = buffer[position].deadline
                let deadlineSlot = slot(deadline)
                for step in ladder {
                    if stepAnchorIsMilestone[step] {
                        let milestones = buffer[position].milestones
                        for (milestoneIndex, milestone) in milestones.enumerated() {
                            let timing = timing(step: step, slot: slot(milestone.due), anchor: milestone.due)
                            guard timing.dueRepeat >= 0 else { continue }
                            let key = FiringKey(
                                caseID: buffer[position].id, stepID: stepKeys[step], anchor: milestoneKey(milestones, milestoneIndex),
                                repeatIndex: Int(timing.dueRepeat))
                            if fired(key) { continue }
                            hits.append(
                                Hit(
                                    dueAt: timing.dueAt, caseIndex: visited, step: Int32(step), milestone: Int32(milestoneIndex),
                                    repeatIndex: timing.dueRepeat, dueDay: timing.dueDay))
                        }
                    } else {
                        let timing = timing(step: step, slot: deadlineSlot, anchor: deadline)
                        guard timing.dueRepeat >= 0 else { continue }
                        let key = FiringKey(
                            caseID: buffer[position].id, stepID: stepKeys[step], anchor: EscalationLadder.deadlineAnchorKey,
                            repeatIndex: Int(timing.dueRepeat))
                        if fired(key) { continue }
                        hits.append(
                            Hit(
                                dueAt: timing.dueAt, caseIndex: visited, step: Int32(step), milestone: -1,
                                repeatIndex: timing.dueRepeat, dueDay: timing.dueDay))
                    }
                }
            }
            return materialize(hits, buffer: buffer)
        }
    }

    /// The firings of the hits, sorted by time. Hits come in (case id, step, milestone)
    /// order, so a stable sort by time alone gives (time, case id, step, milestone). A
    /// firing's time is a function of its due day, so a counting sort by day does it in
    /// linear time; each firing is made in hit order (reading the cases in the order they
    /// were visited) and written straight to its place.
    func materialize(_ hits: [Hit], buffer: UnsafeBufferPointer<RectificationCase>) -> [DueFiring] {
        let ladderSteps = LadderSteps(steps)
        var keyByDay = milestoneKeyByDay
        func milestoneKey(_ milestones: [Milestone], _ index: Int) -> String {
            let due = milestones[index].due
            if index > 0 && milestones[index - 1].due == due { return EscalationLadder.milestoneAnchorKey(milestones, index) }
            if let key = keyByDay[due.daysSinceEpoch] { return key }
            let key = EscalationLadder.milestoneAnchorKey(milestones, index)
            keyByDay[due.daysSinceEpoch] = key
            return key
        }
        func firing(_ hit: Hit) -> DueFiring {
            let position = Int(hit.caseIndex)
            let anchorName: String
            let anchorDay: Int32
            if hit.milestone >= 0 {
                let milestone = buffer[position].milestones[Int(hit.milestone)]
                anchorName = milestone.name
                anchorDay = Int32(truncatingIfNeeded: milestone.due.daysSinceEpoch)
            } else {
                anchorName = EscalationLadder.deadlineAnchorName
                anchorDay = Int32(truncatingIfNeeded: buffer[position].deadline.daysSinceEpoch)
            }
            return DueFiring(
                caseID: buffer[position].id, anchorName: anchorName,
                anchor: hit.milestone >= 0
                    ? milestoneKey(buffer[position].milestones, Int(hit.milestone))
                    : EscalationLadder.deadlineAnchorKey,
                dueAt: hit.dueAt, ladder: ladderSteps, stepIndex: hit.step, repeatIndex: hit.repeatIndex, anchorDay: anchorDay,
                dueDay: hit.dueDay)
        }

        var low = Int32.max
        var high = Int32.min
        for hit in hits {
            low = min(low, hit.dueDay)
            high = max(high, hit.dueDay)
        }
        let span = hits.isEmpty ? 0 : Int(high) - Int(low) + 1
        if span <= Self.maximumDenseSlots {
            var starts = [Int](repeating: 0, count: span + 1)
            var timeOfDay = [Int64](repeating: .min, count: span)
            for hit in hits {
                starts[Int(hit.dueDay - low) + 1] += 1
                timeOfDay[Int(hit.dueDay - low)] = hit.dueAt
            }
            for day in 0..<span { starts[day + 1] += starts[day] }
            // Later days fire later in any real zone; check rather than assume.
            var latest = Int64.min
            var monotonic = true
            for at in timeOfDay where at != .min {
                if at < latest { monotonic = false }
                latest = at
            }
            if monotonic {
                return [DueFiring](unsafeUninitializedCapacity: hits.count) { slots, initialized in
                    for hit in hits {
                        let bucket = Int(hit.dueDay - low)
                        slots.initializeElement(at: starts[bucket], to: firing(hit))
                        starts[bucket] += 1
                    }
                    initialized = hits.count
                }
            }
        }
        // Stable, so equal times keep the (case id, step, milestone) order.
        let sorted = hits.enumerated().sorted { left, right in
            left.element.dueAt != right.element.dueAt ? left.element.dueAt < right.element.dueAt : left.offset < right.offset
        }
        return sorted.map { firing($0.element) }
    }

    /// The positions of the outstanding cases, ordered by id. Linear when the cases come
    /// sorted by id, as a store returns them `ORDER BY id`; otherwise the ids are sorted.
    /// Of cases sharing an id (a broken ledger: the import refuses them) only the first
    /// in input order is kept, so that no key is returned twice.
    static func outstandingInIDOrder(_ buffer: UnsafeBufferPointer<RectificationCase>) -> [Int32] {
        var order: [Int32] = []
        order.reserveCapacity(buffer.count)
        var sorted = true
        var previous = -1
        for position in buffer.indices where buffer[position].status.isOutstanding {
            if sorted, previous >= 0 {
                let id = buffer[position].id
                let previousID = buffer[previous].id
                if id == previousID { continue }
                if id < previousID { sorted = false }
            }
            previous = position
            order.append(Int32(position))
        }
        if !sorted {
            order.sort { left, right in
                let leftID = buffer[Int(left)].id
                let rightID = buffer[Int(right)].id
                return leftID != rightID ? leftID < rightID : left < right
            }
            var unique = 0
            for candidate in order.indices {
                if unique > 0 && buffer[Int(order[candidate])].id == buffer[Int(order[unique - 1])].id { continue }
                order[unique] = order[candidate]
                unique += 1
            }
            order.removeLast(order.count - unique)
        }
        return order
    }

    // MARK: nextDue

    mutating func nextDue(fired: (FiringKey) -> Bool) -> Int64? {
        var best = Int64.max
        let cases = self.cases
        cases.withUnsafeBufferPointer { buffer in
            for position in buffer.indices {
                guard buffer[position].status.isOutstanding else { continue }
                let ladder = ladderOfSource[Self.sourceOrdinal(buffer[position].source)]
                let deadline = buffer[position].deadline
                let deadlineSlot = slot(deadline)
                for step in ladder {
                    if stepAnchorIsMilestone[step] {
                        let milestones = buffer[position].milestones
                        for (milestoneIndex, milestone) in milestones.enumerated() {
                            let timing = timing(step: step, slot: slot(milestone.due), anchor: milestone.due)
                            guard timing.nextAt < best else { continue }
                            let anchor = milestoneKey(milestones, milestoneIndex)
                            best = min(
                                best,
                                earliestUnfired(
                                    timing, step: step, anchorDay: milestone.due.daysSinceEpoch, caseID: buffer[position].id,
                                    anchor: anchor, below: best, fired: fired))
                        }
                    } else {
                        let timing = timing(step: step, slot: deadlineSlot, anchor: deadline)
                        guard timing.nextAt < best else { continue }
                        best = min(
                            best,
                            earliestUnfired(
                                timing, step: step, anchorDay: deadline.daysSinceEpoch, caseID: buffer[position].id,
                                anchor: EscalationLadder.deadlineAnchorKey, below: best, fired: fired))
                    }
                }
            }
        }
        return best == .max ? nil : best
    }

    /// The `nextAt` of the timing when its key has not fired; otherwise the first later
    /// repeat that has not fired and is before `below` (`.max` when none).
    func earliestUnfired(
        _ timing: StepTiming, step: Int, anchorDay: Int, caseID: String, anchor: String, below: Int64,
        fired: (FiringKey) -> Bool
    ) -> Int64 {
        var key = FiringKey(caseID: caseID, stepID: stepKeys[step], anchor: anchor, repeatIndex: Int(timing.nextRepeat))
        if !fired(key) { return timing.nextAt }
        // Fired ahead of time (a repeat sent early by hand, say): look at later repeats.
        guard let every = steps[step].repeatEvery, every > 0 else { return .max }
        let unit = steps[step].unit
        let firstDay = adding(steps[step].offset, unit, to: anchorDay)
        for _ in 0..<Self.repeatLookahead {
            key.repeatIndex += 1
            let at = dueAt(day: adding(key.repeatIndex * every, unit, to: firstDay))
            if at >= below { return .max }
            if !fired(key) { return at }
        }
        return .max
    }

    /// How many repeats past a fired one `nextDue` looks at before giving up on a step.
    static let repeatLookahead = 1000
}
