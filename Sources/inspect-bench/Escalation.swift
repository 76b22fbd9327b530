import ArgumentParser
import InspectCalendar
import InspectLedger
import RosterEngine

/// `inspect-bench escalation`: time the escalation ladder over a large synthetic ledger.
struct Escalation: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time EscalationLadder.due and nextDue over a synthetic rectification ledger.",
        discussion: """
            A synthetic ledger around 2026-10-12, the Monday after National Day, so
            working-day offsets cross the holiday: mixed sources (15% central
            inspection), 0-3 milestones, deadlines within 60 days either side,
            about 85% outstanding, sorted by id as the store returns them.
            Standard policy, built-in holiday calendar. Times, best of 3:
              due      nothing fired yet (cold start)
              due      steady state: all due a day earlier has fired,
                       asked through Set<FiringKey> and through FiredKeys
              nextDue  nothing fired, and steady state
              due      cold, cases not in id order (sorts the ids)
              due      cold, HolidayCalendar overload (builds its index)
            One line per measurement: result, best and all milliseconds.
            """)

    @Option(help: "How many cases to generate.")
    var cases: Int = 1_000_000

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    func validate() throws {
        if cases < 1 { throw ValidationError("--cases must be at least 1") }
        if cases > Int(Int32.max) { throw ValidationError("--cases must be below 2^31") }
    }

    func run() throws {
        let zone = DistrictTimeZone.chinaStandardTime
        let policy = EscalationPolicy.standard
        let center = CivilDate(year: 2026, month: 10, day: 12)!
        let now = zone.startOfDay(center) + 10 * 3600  // 10:00, after the 09:00 notices

        var clock = ContinuousClock.now
        let shuffled = Self.ledger(count: cases, center: center, seed: seed)
        let ledger = shuffled.sorted { $0.id < $1.id }  // as the store returns them, ORDER BY id
        let outstanding = ledger.reduce(0) { $0 + ($1.status.isOutstanding ? 1 : 0) }
        print("cases=\(ledger.count) outstanding=\(outstanding) generated_ms=\(Self.format(Self.milliseconds(since: clock)))")

        clock = ContinuousClock.now
        let index = EscalationLadder.index(for: ledger, calendar: .builtIn, zone: zone, now: now)
        print("workday_index \(index.first)...\(index.last) built_ms=\(Self.format(Self.milliseconds(since: clock)))")

        let (cold, coldTimes) = Self.best {
            EscalationLadder.due(cases: ledger, policy: policy, calendar: index, zone: zone, now: now) { _ in false }
        }
        Self.report("due nothing_fired", result: "firings=\(cold.count)", times: coldTimes)

        // Steady state: everything due by yesterday has fired; today's 09:00 firings are new.
        let earlier = EscalationLadder.due(cases: ledger, policy: policy, calendar: index, zone: zone, now: now - 86_400) { _ in false }
        let firedKeys = Set(earlier.map(\.key))
        let (steady, steadyTimes) = Self.best {
            EscalationLadder.due(cases: ledger, policy: policy, calendar: index, zone: zone, now: now) { firedKeys.contains($0) }
        }
        Self.report("due steady_state Set<FiringKey>", result: "firings=\(steady.count) fired=\(firedKeys.count)", times: steadyTimes)
        clock = ContinuousClock.now
        let firedLog = FiredKeys(earlier.map(\.key))
        print("FiredKeys built_ms=\(Self.format(Self.milliseconds(since: clock)))")
        let (steadyLog, steadyLogTimes) = Self.best {
            EscalationLadder.due(cases: ledger, policy: policy, calendar: index, zone: zone, now: now, firedKeys: firedLog)
        }
        Self.report("due steady_state FiredKeys", result: "firings=\(steadyLog.count) fired=\(firedLog.count)", times: steadyLogTimes)
        precondition(steadyLog == steady, "FiredKeys and Set<FiringKey> disagree")
        var merged = firedLog
        clock = ContinuousClock.now
        merged.formUnion(steadyLog.map(\.key))
        print("FiredKeys formUnion of today's firings: keys=\(merged.count) ms=\(Self.format(Self.milliseconds(since: clock)))")

        let (next, nextTimes) = Self.best {
            EscalationLadder.nextDue(cases: ledger, policy: policy, calendar: index, zone: zone, now: now) { _ in false }
        }
        Self.report("nextDue nothing_fired", result: "next=\(next.map { zone.iso8601(utcSeconds: $0) } ?? "none")", times: nextTimes)
        let (nextSteady, nextSteadyTimes) = Self.best {
            EscalationLadder.nextDue(cases: ledger, policy: policy, calendar: index, zone: zone, now: now, firedKeys: firedLog)
        }
        Self.report(
            "nextDue steady_state FiredKeys", result: "next=\(nextSteady.map { zone.iso8601(utcSeconds: $0) } ?? "none")",
            times: nextSteadyTimes)

        let (unsorted, unsortedTimes) = Self.best {
            EscalationLadder.due(cases: shuffled, policy: policy, calendar: index, zone: zone, now: now) { _ in false }
        }
        Self.report("due nothing_fired (cases not in id order)", result: "firings=\(unsorted.count)", times: unsortedTimes)
        let (viaCalendar, calendarTimes) = Self.best {
            EscalationLadder.due(cases: ledger, policy: policy, calendar: HolidayCalendar.builtIn, zone: zone, now: now) { _ in false }
        }
        Self.report("due nothing_fired (HolidayCalendar overload, builds its index)", result: "firings=\(viaCalendar.count)", times: calendarTimes)
    }

    // MARK: the ledger

    static let titles = [
        "废气未经处理直排", "露天焚烧垃圾", "施工工地扬尘未覆盖", "雨污管网混接", "散乱污企业未取缔", "水源地保护区内违章建筑",
        "危险废物贮存不规范", "餐饮油烟超标排放", "河道垃圾堆放", "畜禽养殖废水直排",
    ]
    static let categories = ["大气", "散乱污", "雨污分流", "水源地", "违章建筑", "固废", "噪声"]
    static let people = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄勇"]
    static let milestoneNames = ["制定整改方案", "完成设备安装", "完成现场整改", "提交验收申请"]

    /// A ledger of `count` cases: mixed sources, 0–3 milestones, deadlines within ±60
    /// days of `center`, about 85% outstanding.
    static func ledger(count: Int, center: CivilDate, seed: UInt64) -> [RectificationCase] {
        var random = Xoshiro256(seed: seed)
        func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        let units = (1...40).map { "unit-\($0 < 10 ? "0" : "")\($0)" }
        let sites = (1...2000).map { "S\($0)" }
        var ledger: [RectificationCase] = []
        ledger.reserveCapacity(count)
        for number in 0..<count {
            let roll = below(100)
            let source: CaseSource =
                roll < 15 ? .centralInspection : roll < 35 ? .municipalInspection : roll < 70 ? .complaint : roll < 80 ? .media : .patrol
            let statusRoll = below(100)
            let status: CaseStatus =
                statusRoll < 30 ? .open : statusRoll < 85 ? .inProgress : statusRoll < 91 ? .rectified
                : statusRoll < 95 ? .verified : statusRoll < 98 ? .closed : .shutDown
            let deadline = center.adding(days: below(121) - 60)
            var milestones: [Milestone] = []
            let milestoneCount = below(4)
            for step in 0..<milestoneCount {
                let daysBefore = (milestoneCount - step) * (10 + below(10))
                milestones.append(Milestone(name: milestoneNames[step], due: deadline.adding(days: -daysBefore)))
            }
            let prefix = source == .centralInspection ? "ZY" : source == .municipalInspection ? "SJ" : "QX"
            ledger.append(
                RectificationCase(
                    id: "\(prefix)-2026-\(String(repeating: "0", count: max(0, 7 - String(number).count)))\(number)", title: titles[below(titles.count)], source: source,
                    category: categories[below(categories.count)], site: below(3) == 0 ? nil : sites[below(sites.count)],
                    unit: units[below(units.count)], personName: people[below(people.count)], personPhone: "13800001234",
                    milestones: milestones, deadline: deadline, status: status,
                    measures: below(10) == 0 ? [.productionHalt] : []))
        }
        return ledger
    }

    // MARK: timing

    static func best<T>(_ body: () -> T) -> (T, [Double]) {
        var times: [Double] = []
        var result: T?
        for _ in 0..<3 {
            result = nil  // free the previous run's result outside the timed region
            let start = ContinuousClock.now
            let value = body()
            times.append(milliseconds(since: start))
            result = value
        }
        return (result!, times)
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) * 1e-15
    }

    static func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func report(_ name: String, result: String, times: [Double]) {
        print("\(name): \(result) best_ms=\(format(times.min()!)) runs_ms=\(times.map(format).joined(separator: ","))")
    }
}
