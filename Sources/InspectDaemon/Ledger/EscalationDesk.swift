import Foundation
import InspectCalendar
import InspectConfig
import InspectCore
import InspectLedger
import InspectNotices
import InspectStore
import Logging

/// Decides which notices are due and commits each with what decided it, in one
/// transaction: the ladder's steps for outstanding cases, the automatic summons of
/// lagging units' leaders, and the weekly ranking. Deciding twice decides nothing new:
/// every notice has a dedupe key the store keeps unique.
struct EscalationDesk: Sendable {
    let state: DaemonState
    let logger: Logger

    /// What the store records as the notice of a step that was settled without one.
    static let mootNoticeID = "moot"

    /// At most this many steps are decided (and committed) in one round; the service comes
    /// straight back for the rest, so a large catch-up never builds up in memory.
    static let firingsPerRound = 2000

    /// How far around today working-day offsets are precomputed.
    static let workdayIndexDays = 800

    /// Decides and commits what is due at `now`; returns when to look again (nil: nothing
    /// scheduled) and the notices added.
    func decide(now: Int64) throws(StoreError) -> (next: Int64?, added: [Notice]) {
        let snapshot = state.snapshot
        let configuration = snapshot.configuration
        let zone = snapshot.zone
        let today = zone.date(atUTC: now)
        let policy = configuration.escalation.policy
        let index = WorkdayIndex(
            calendar: snapshot.calendar, from: today.adding(days: -Self.workdayIndexDays / 2),
            through: today.adding(days: Self.workdayIndexDays / 2))
        let outstanding = try state.store.outstandingCases()
        let reopened = try state.store.reopenTimes()
        var fired = try state.store.firedKeys()
        let units = Dictionary(try state.store.units().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let sites = Dictionary(try state.store.sites().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let composer = NoticeComposer(
            configuration: configuration, zone: zone, templates: snapshot.templates, units: units, sites: sites, now: now)

        var notices: [(notice: Notice, payload: [UInt8])] = []
        var firedRecords: [(FiringKey, String)] = []
        var unitEscalations: [(unit: String, kind: String, date: String)] = []
        let byID = Dictionary(outstanding.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let due = EscalationLadder.due(cases: outstanding, policy: policy, calendar: index, zone: zone, now: now, firedKeys: fired)
        let moreDue = due.count > Self.firingsPerRound
        for firing in due.prefix(Self.firingsPerRound) {
            guard let item = byID[firing.caseID] else { continue }
            let key = firing.key
            // Steps that fell due while a reopened case was rectified are moot.
            if let reopenedAt = reopened[item.id], firing.dueAt < reopenedAt {
                firedRecords.append((key, Self.mootNoticeID))
                continue
            }
            // A step before its date (a reminder) whose date has already passed is moot:
            // recorded as settled, not sent ("due on 10-28" on 11-29 helps nobody).
            if firing.step.offset < 0 && firing.anchorDate < today {
                firedRecords.append((key, Self.mootNoticeID))
                continue
            }
            let notice = composer.stepNotice(firing, item)
            notices.append((notice, NoticeJSON.encode(notice)))
            firedRecords.append((key, notice.id))
        }

        let notifyToday = zone.utcSeconds(fromLocal: Int64(today.daysSinceEpoch) * 86_400 + Int64(policy.notifyAtMinute) * 60)
        if now >= notifyToday {
            let thresholds = configuration.lagging.thresholds
            let standings = LaggingUnits.standings(cases: outstanding, today: today, thresholds: thresholds)
            let last = try state.store.unitEscalations(kind: "lagging")
            for standing in standings where standing.lagging {
                // A date in the future (the clock jumped back) does not hold the summons off.
                let lastDate = last[standing.unit].flatMap { CivilDate(iso: $0) }.flatMap { $0 <= today ? $0 : nil }
                guard LaggingUnits.escalationDue(standing: standing, lastEscalated: lastDate, today: today, thresholds: thresholds) else { continue }
                let overdueCases = outstanding.filter { $0.unit == standing.unit && $0.deadline < today }
                let notice = composer.laggingNotice(standing, cases: overdueCases, today: today)
                notices.append((notice, NoticeJSON.encode(notice)))
                unitEscalations.append((standing.unit, "lagging", today.description))
            }
            // The week's ranking goes out on the ranking weekday, or on the first look after
            // it when the daemon was down that day.
            let weekStart = today.adding(days: 1 - today.isoWeekday)
            if today.isoWeekday >= configuration.lagging.rankingWeekday {
                let notice = composer.rankingNotice(standings, today: today, week: weekStart)
                if try !state.store.noticeExists(dedupeKey: notice.dedupeKey) {
                    notices.append((notice, NoticeJSON.encode(notice)))
                }
            }
        }

        var added: [Notice] = []
        if !notices.isEmpty || !firedRecords.isEmpty {
            added = try state.store.recordNotices(notices, fired: firedRecords, unitEscalations: unitEscalations, at: now)
            if !added.isEmpty {
                logger.info(
                    "\(added.count) notice\(added.count == 1 ? "" : "s") decided",
                    metadata: ["event": "notices_decided", "count": "\(added.count)"])
                state.noticesDecided.ring()
            }
        }
        fired.formUnion(firedRecords.map(\.0))
        let nextStep = EscalationLadder.nextDue(cases: outstanding, policy: policy, calendar: index, zone: zone, now: now, firedKeys: fired)
        let nextNotify = now < notifyToday
            ? notifyToday
            : zone.utcSeconds(fromLocal: Int64(today.adding(days: 1).daysSinceEpoch) * 86_400 + Int64(policy.notifyAtMinute) * 60)
        return (moreDue ? now : [nextStep, nextNotify].compactMap { $0 }.min(), added)
    }
}
