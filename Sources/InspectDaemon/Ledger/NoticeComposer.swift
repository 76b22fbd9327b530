import InspectCalendar
import InspectConfig
import InspectCore
import InspectLedger
import InspectNotices

/// Turns a decision (a fired step, a lagging unit, the weekly ranking) into a notice:
/// recipients resolved from the case, the unit directory and `[contacts]`; subject and
/// body rendered from the templates; the context kept as the notice's structured data.
struct NoticeComposer {
    let configuration: DaemonConfiguration
    let zone: DistrictTimeZone
    let templates: NoticeTemplateSet
    let units: [String: InspectCore.Unit]
    let sites: [String: Site]
    let now: Int64

    var today: CivilDate { zone.date(atUTC: now) }

    static func sourceName(_ source: CaseSource) -> String {
        switch source {
        case .centralInspection: "中央生态环境保护督察"
        case .municipalInspection: "市级生态环境保护督察"
        case .complaint: "群众投诉"
        case .media: "媒体曝光"
        case .patrol: "日常巡查"
        }
    }

    static func statusName(_ status: CaseStatus) -> String {
        switch status {
        case .open: "未整改"
        case .inProgress: "整改中"
        case .rectified: "已整改"
        case .verified: "已验收"
        case .closed: "已销号"
        case .shutDown: "关停取缔"
        }
    }

    func recipient(_ role: RecipientRole, item: RectificationCase?, unitID: String?) -> NoticeRecipient {
        let unit = unitID.flatMap { units[$0] }
        func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }
        switch role {
        case .responsiblePerson:
            return NoticeRecipient(name: item?.personName ?? "", role: role.rawValue, unit: unitID, phone: item.flatMap { nonEmpty($0.personPhone) })
        case .unitContact:
            return NoticeRecipient(name: unit?.contactName ?? "\(unitID ?? "") 联络员", role: role.rawValue, unit: unitID, phone: unit.flatMap { nonEmpty($0.contactPhone) })
        case .unitLeader:
            return NoticeRecipient(name: unit?.leaderName ?? "\(unitID ?? "") 主要负责人", role: role.rawValue, unit: unitID, phone: unit.flatMap { nonEmpty($0.leaderPhone) })
        case .hqOffice:
            return contact(configuration.contacts.hqOffice, role)
        case .deputyCommander:
            return contact(configuration.contacts.deputyCommander, role)
        case .commander:
            return contact(configuration.contacts.commander, role)
        }
    }

    private func contact(_ contact: Contact, _ role: RecipientRole) -> NoticeRecipient {
        NoticeRecipient(name: contact.name, role: role.rawValue, unit: nil, phone: contact.phone.isEmpty ? nil : contact.phone, email: contact.email.isEmpty ? nil : contact.email)
    }

    func unitValue(_ id: String) -> NoticeValue {
        let unit = units[id]
        let name = unit?.name ?? id
        // A unit missing from the directory still gets a salutation ("…主要负责人同志：").
        let leader = unit.map(\.leaderName).flatMap { $0.isEmpty ? nil : $0 } ?? "\(name)主要负责人"
        return .object([
            ("id", .string(id)), ("name", .string(name)), ("leader_name", .string(leader)),
            ("leader_phone", .string(unit?.leaderPhone ?? "")),
        ])
    }

    func caseValue(_ item: RectificationCase, milestone: Milestone?) -> NoticeValue {
        .object([
            ("id", .string(item.id)), ("title", .string(item.title)), ("source", .string(item.source.rawValue)),
            ("source_name", .string(Self.sourceName(item.source))), ("category", .string(item.category)),
            ("site", item.site.map { .string(sites[$0]?.name ?? $0) } ?? .null), ("deadline", .string(item.deadline.description)),
            ("status", .string(item.status.rawValue)), ("status_name", .string(Self.statusName(item.status))),
            ("milestone", milestone.map { .string($0.name) } ?? .null),
            ("milestone_due", milestone.map { .string($0.due.description) } ?? .null),
        ])
    }

    /// The notice of one fired step.
    func stepNotice(_ firing: DueFiring, _ item: RectificationCase) -> Notice {
        let milestone = firing.key.anchor.hasPrefix("milestone:")
            ? item.milestones.first { $0.due == firing.anchorDate && $0.name == firing.anchorName }
            : nil
        // Counted from what the step is about: the milestone's date or the deadline.
        let daysOverdue = max(0, (milestone?.due ?? item.deadline).days(to: today))
        let context = NoticeValue.object([
            ("district", .string(configuration.district.name)),
            ("case", caseValue(item, milestone: milestone)),
            ("unit", unitValue(item.unit)),
            ("person", .object([("name", .string(item.personName)), ("phone", .string(item.personPhone))])),
            ("days_overdue", .int(Int64(daysOverdue))),
            ("due_date", .string(firing.anchorDate.description)),
            ("step", .string(firing.step.id)),
            ("repeat", .int(Int64(firing.key.repeatIndex))),
            ("issued_date", .string(today.description)),
        ])
        let key = "case:\(item.id):step:\(firing.step.id):\(firing.key.anchor):\(firing.key.repeatIndex)"
        return notice(
            kind: firing.step.kind, dedupeKey: key, context: context,
            recipients: firing.step.recipients.map { recipient($0, item: item, unitID: item.unit) },
            caseID: item.id, unitID: item.unit, priorityBoost: firing.key.repeatIndex > 0 ? 1 : 0)
    }

    /// The automatic summons of a lagging unit's top leader, naming its overdue cases.
    func laggingNotice(_ standing: UnitStanding, cases: [RectificationCase], today: CivilDate) -> Notice {
        let context = NoticeValue.object([
            ("district", .string(configuration.district.name)),
            ("unit", unitValue(standing.unit)),
            ("issued_date", .string(today.description)),
            ("outstanding", .int(Int64(standing.outstanding))),
            ("overdue", .int(Int64(standing.overdue))),
            ("reasons", .array(standing.reasons.map(NoticeValue.string))),
            ("cases", .array(cases.sorted { $0.deadline < $1.deadline }.map { item in
                .object([
                    ("id", .string(item.id)), ("title", .string(item.title)), ("deadline", .string(item.deadline.description)),
                    ("days_overdue", .int(Int64(item.deadline.days(to: today)))),
                ])
            })),
        ])
        return notice(
            kind: .summons, dedupeKey: "lagging:\(standing.unit):\(today)", context: context,
            recipients: [
                recipient(.unitLeader, item: nil, unitID: standing.unit), recipient(.deputyCommander, item: nil, unitID: nil),
                recipient(.hqOffice, item: nil, unitID: nil),
            ],
            caseID: nil, unitID: standing.unit, priorityBoost: 0)
    }

    /// The weekly ranking of units (通报) to HQ.
    func rankingNotice(_ standings: [UnitStanding], today: CivilDate, week: CivilDate) -> Notice {
        let ranking = standings.enumerated().map { index, standing in
            NoticeValue.object([
                ("rank", .int(Int64(index + 1))), ("unit_id", .string(standing.unit)),
                ("unit_name", .string(units[standing.unit]?.name ?? standing.unit)),
                ("outstanding", .int(Int64(standing.outstanding))), ("overdue", .int(Int64(standing.overdue))),
                ("overdue_ratio_percent", .int(Int64((standing.overdueRatio * 100).rounded()))),
                ("max_days_overdue", .int(Int64(standing.maxDaysOverdue))), ("lagging", .bool(standing.lagging)),
            ])
        }
        let context = NoticeValue.object([
            ("district", .string(configuration.district.name)), ("issued_date", .string(today.description)),
            ("week_of", .string(week.description)), ("ranking", .array(ranking)),
        ])
        return notice(
            kind: .ranking, dedupeKey: "ranking:week-of-\(week)", context: context,
            recipients: [recipient(.hqOffice, item: nil, unitID: nil), recipient(.commander, item: nil, unitID: nil)],
            caseID: nil, unitID: nil, priorityBoost: 0)
    }

    private func notice(
        kind: NoticeKind, dedupeKey: String, context: NoticeValue, recipients: [NoticeRecipient], caseID: String?, unitID: String?,
        priorityBoost: Int
    ) -> Notice {
        let rendered = templates.render(kind: kind, context: context)
        return Notice(
            id: NoticeID.make(dedupeKey: dedupeKey), dedupeKey: dedupeKey, kind: kind, created: zone.iso8601(utcSeconds: now),
            recipients: recipients, subject: rendered.subject, body: rendered.body, data: context, caseID: caseID, unitID: unitID,
            priority: max(2, kind.journalPriority - priorityBoost))
    }
}
