import InspectCalendar
import InspectCore
import InspectLedger
import InspectNotices
import InspectStore

/// The roster's notices to people: the roster published (each inspector's shifts), the
/// roster changed (to each person a change touches), and a team's sealed site list
/// released before its shift. Rendered with the `roster` templates; `title` says which.
struct RosterNoticeComposer {
    let configuration: DaemonState.Snapshot
    let inspectors: [String: Inspector]
    let sites: [String: Site]
    let periods: [String: PlanningPeriod]
    let zoneNames: [String: String]
    let now: Int64

    init(context: RosterDesk.Context, now: Int64) {
        configuration = context.snapshot
        inspectors = Dictionary(context.inspectors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        sites = Dictionary(context.sites.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        periods = Dictionary(context.rules.periods.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        zoneNames = Dictionary(context.rules.zones.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        self.now = now
    }

    var zone: DistrictTimeZone { configuration.zone }
    var today: CivilDate { zone.date(atUTC: now) }

    static let weekdays = ["一", "二", "三", "四", "五", "六", "日"]

    /// `12月1日（周二）白班 08:00–16:00 北片区 第1组`, plus colleagues when asked.
    func line(_ team: StoredTeam, for inspector: String?, colleagues: Bool = true) -> String {
        let period = periods[team.periodID]
        let time = period.map { " \(PlanningPeriod.clock($0.startMinute))–\(PlanningPeriod.clock($0.endMinute))" } ?? ""
        var text = "\(team.date.month)月\(team.date.day)日（周\(Self.weekdays[team.date.isoWeekday - 1])）"
            + "\(period?.name ?? team.periodID)\(time) \(zoneNames[team.zone] ?? team.zone) 第\(team.index + 1)组"
        if team.rain { text += "（雨天加强）" }
        if colleagues {
            let others = team.memberIDs.filter { $0 != inspector }.map { id in inspectors[id].map { "\($0.name)" } ?? id }
            if !others.isEmpty { text += " 同组：" + others.joined(separator: "、") }
        }
        return text
    }

    /// One notice per inspector with shifts among `teams` on or before `through`.
    func publishNotices(teams: [StoredTeam], through: CivilDate) -> [(notice: Notice, payload: [UInt8])] {
        var byInspector: [String: [StoredTeam]] = [:]
        for team in teams where team.date <= through {
            for member in team.memberIDs { byInspector[member, default: []].append(team) }
        }
        return byInspector.keys.sorted().map { id in
            let mine = byInspector[id]!.sorted { $0.startsAt < $1.startsAt }
            let lines = ["\(today)至\(through)您的联合检查班次如下（共\(mine.count)班）："] + mine.map { line($0, for: id) }
            return notice(title: "排班发布", key: "roster:published:\(today):\(id)", inspector: id, lines: lines)
        }
    }

    /// One notice per inspector whose shifts a change added or removed.
    func changeNotices(before: [StoredTeam], after: [StoredTeam], reason: String) -> [(notice: Notice, payload: [UInt8])] {
        var removed: [String: [StoredTeam]] = [:]
        var added: [String: [StoredTeam]] = [:]
        let beforeByID = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let afterByID = Dictionary(after.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for team in before {
            let stays = Set(afterByID[team.id]?.memberIDs ?? [])
            for member in team.memberIDs where !stays.contains(member) { removed[member, default: []].append(team) }
        }
        for team in after {
            let was = Set(beforeByID[team.id]?.memberIDs ?? [])
            for member in team.memberIDs where !was.contains(member) { added[member, default: []].append(team) }
        }
        let people = Set(removed.keys).union(added.keys).sorted()
        return people.map { id in
            var lines = ["您的联合检查排班有变动（\(reason)）："]
            lines += (removed[id] ?? []).sorted { $0.startsAt < $1.startsAt }.map { "取消：" + line($0, for: id, colleagues: false) }
            lines += (added[id] ?? []).sorted { $0.startsAt < $1.startsAt }.map { "新增：" + line($0, for: id) }
            let digest = SHA256.hex(SHA256.hash(Array(lines.joined(separator: "\n").utf8))).prefix(16)
            return notice(title: "排班变更", key: "roster:changed:\(now):\(id):\(digest)", inspector: id, lines: lines)
        }
    }

    /// The sealed site list of a team, to each member, when it is released.
    /// How a release notice names a targeted visit's reason.
    static let taskReasonNames = ["complaint": "信访投诉", "referral": "移交线索", "special": "专项检查", "verification": "整改复查"]

    func releaseNotices(_ team: StoredTeam) -> [(notice: Notice, payload: [UInt8])] {
        var lines = [line(team, for: nil, colleagues: false) + " 检查点位："]
        for (number, visit) in team.visits.enumerated() {
            let site = sites[visit.siteID]
            let targeted = visit.taskID.map { "【定向检查 任务\($0)：\(Self.taskReasonNames[visit.taskReason ?? ""] ?? "定向")】" } ?? ""
            lines.append("\(number + 1). \(site?.name ?? visit.siteID)（\(visit.siteID)，\(visit.locality)，\(visit.risk)类）\(targeted)")
        }
        if team.visits.isEmpty { lines.append("本班次无抽取点位，按片区巡查。") }
        lines.append("点位信息严格保密，不得提前透露。")
        return team.memberIDs.map { id in
            notice(title: "检查点位下达", key: "roster:release:\(team.id):\(team.planID):\(id)", inspector: id, lines: lines)
        }
    }

    private func notice(title: String, key: String, inspector id: String, lines: [String]) -> (notice: Notice, payload: [UInt8]) {
        let person = inspectors[id]
        let context = NoticeValue.object([
            ("district", .string(configuration.configuration.district.name)), ("issued_date", .string(today.description)),
            ("title", .string(title)),
            ("person", .object([("name", .string(person?.name ?? id)), ("phone", .string(person?.phone ?? ""))])),
            ("inspector", .string(id)), ("lines", .array(lines.map(NoticeValue.string))),
        ])
        let rendered = configuration.templates.render(kind: .roster, context: context)
        let recipient = NoticeRecipient(
            name: person?.name ?? id, role: "inspector", unit: person?.department, phone: person.flatMap { $0.phone.isEmpty ? nil : $0.phone })
        let notice = Notice(
            id: NoticeID.make(dedupeKey: key), dedupeKey: key, kind: .roster, created: zone.iso8601(utcSeconds: now), recipients: [recipient],
            subject: rendered.subject, body: rendered.body, data: context, caseID: nil, unitID: person?.department,
            priority: NoticeKind.roster.journalPriority)
        return (notice, NoticeJSON.encode(notice))
    }
}
