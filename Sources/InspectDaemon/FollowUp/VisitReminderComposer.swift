import InspectCalendar
import InspectConfig
import InspectCore
import InspectLedger
import InspectNotices
import InspectStore

/// The notices of unrecorded visits: the reminder to a team's members (`visit_reminder`)
/// and the escalation to the leader of each member's department (`visit_escalation`).
///
/// Dedupe keys: `visit-record:<team>:team` for the reminder, one per team;
/// `visit-record:<team>:leader:<department>` for the escalation, one per team and
/// department. Each lists every visit of the team still unrecorded when it is decided.
struct VisitReminderComposer {
    let roster: RosterNoticeComposer
    let units: [String: InspectCore.Unit]
    let visits: VisitSettings

    init(context: RosterDesk.Context, now: Int64) {
        roster = RosterNoticeComposer(context: context, now: now)
        units = Dictionary(context.units.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        visits = context.snapshot.configuration.visits
    }

    static let keyPrefix = "visit-record:"

    /// What every key of `team`'s reminders starts with.
    static func keyPrefix(team: String) -> String { "\(keyPrefix)\(team):" }

    /// What the keys of `team`'s `step` start with (the reminder's key itself).
    static func keyPrefix(team: String, step: RecordReminderStep) -> String { "\(keyPrefix(team: team))\(step.rawValue)" }

    var zone: DistrictTimeZone { roster.zone }

    /// `2026-12-01 16:00`, local time.
    func localTime(_ utcSeconds: Int64) -> String {
        let minute = Int((zone.localSeconds(fromUTC: utcSeconds) % 86_400 + 86_400) % 86_400 / 60)
        return "\(zone.date(atUTC: utcSeconds)) \(PlanningPeriod.clock(minute))"
    }

    func notices(_ due: DueRecordReminder, team: StoredTeam) -> [(notice: Notice, payload: [UInt8])] {
        let listed = due.unrecorded.filter { $0 < team.visits.count }.map { position in
            let visit = team.visits[position]
            return NoticeValue.object([
                ("number", .int(Int64(position + 1))), ("id", .string(APIRouter.visitID(teamID: team.id, position: position))),
                ("site", .string(roster.sites[visit.siteID]?.name ?? visit.siteID)),
                ("locality", .string(units[visit.locality]?.name ?? visit.locality)),
            ])
        }
        func names(_ ids: [String]) -> String { ids.map { roster.inspectors[$0]?.name ?? $0 }.joined(separator: "、") }
        var base: [(String, NoticeValue)] = [
            ("district", .string(roster.configuration.configuration.district.name)), ("issued_date", .string(roster.today.description)),
            ("shift", .object([
                ("id", .string(team.id)), ("label", .string(roster.line(team, for: nil, colleagues: false))),
                ("ended", .string(localTime(team.endsAt))),
            ])),
            ("visits", .array(listed)), ("count", .int(Int64(listed.count))),
            ("hours", .int(Int64(due.step == .team ? visits.recordReminderHours : visits.recordEscalateHours))),
            ("escalate_hours", .int(Int64(visits.recordEscalateHours))),
        ]
        switch due.step {
        case .team:
            base.append(("members", .string(names(team.memberIDs))))
            let recipients = team.memberIDs.map { id in
                let person = roster.inspectors[id]
                return NoticeRecipient(
                    name: person?.name ?? id, role: "inspector", unit: person?.department, phone: person.flatMap { $0.phone.isEmpty ? nil : $0.phone })
            }
            return [make(.visitReminder, key: Self.keyPrefix(team: team.id, step: .team), context: .object(base), recipients: recipients, unit: nil)]
        case .leader:
            var byDepartment: [String: [String]] = [:]
            for id in team.memberIDs { byDepartment[roster.inspectors[id]?.department ?? "", default: []].append(id) }
            return byDepartment.keys.sorted().filter { !$0.isEmpty }.map { department in
                let unit = units[department]
                let name = unit?.name ?? department
                let leader = unit.map(\.leaderName).flatMap { $0.isEmpty ? nil : $0 } ?? "\(name)主要负责人"
                var context = base
                context.append(("members", .string(names(byDepartment[department] ?? []))))
                context.append(("unit", .object([
                    ("id", .string(department)), ("name", .string(name)), ("leader_name", .string(leader)),
                    ("leader_phone", .string(unit?.leaderPhone ?? "")),
                ])))
                let recipient = NoticeRecipient(
                    name: leader, role: RecipientRole.unitLeader.rawValue, unit: department,
                    phone: unit.flatMap { $0.leaderPhone.isEmpty ? nil : $0.leaderPhone })
                return make(
                    .visitEscalation, key: "\(Self.keyPrefix(team: team.id, step: .leader)):\(department)", context: .object(context),
                    recipients: [recipient], unit: department)
            }
        }
    }

    private func make(_ kind: NoticeKind, key: String, context: NoticeValue, recipients: [NoticeRecipient], unit: String?) -> (
        notice: Notice, payload: [UInt8]
    ) {
        let rendered = roster.configuration.templates.render(kind: kind, context: context)
        let notice = Notice(
            id: NoticeID.make(dedupeKey: key), dedupeKey: key, kind: kind, created: zone.iso8601(utcSeconds: roster.now), recipients: recipients,
            subject: rendered.subject, body: rendered.body, data: context, caseID: nil, unitID: unit, priority: kind.journalPriority)
        return (notice, NoticeJSON.encode(notice))
    }
}
