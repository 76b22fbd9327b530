import InspectLedger

/// Someone notices go to by role: the HQ office, the deputy commander, the commander.
public struct Contact: Sendable, Hashable {
    public var name: String
    public var phone: String
    public var email: String

    public init(name: String, phone: String = "", email: String = "") {
        self.name = name
        self.phone = phone
        self.email = email
    }
}

/// `[contacts]`: the HQ people notices are addressed to by role.
public struct ContactSettings: Sendable, Equatable {
    /// `hq_office`, `{ name, phone, email }`, default 指挥部办公室 with no phone or e-mail.
    public var hqOffice: Contact
    /// `deputy_commander`, default 副总指挥.
    public var deputyCommander: Contact
    /// `commander`, default 总指挥.
    public var commander: Contact

    public init(
        hqOffice: Contact = Contact(name: "区污染防治攻坚指挥部办公室"), deputyCommander: Contact = Contact(name: "副总指挥"),
        commander: Contact = Contact(name: "总指挥")
    ) {
        self.hqOffice = hqOffice
        self.deputyCommander = deputyCommander
        self.commander = commander
    }
}

extension ContactSettings: ConfigurationSection {
    static let tableName = "contacts"

    static var keys: [ConfigurationKey<Self>] {
        [contact("hq_office", \.hqOffice), contact("deputy_commander", \.deputyCommander), contact("commander", \.commander)]
    }

    static func contact(_ name: String, _ property: WritableKeyPath<Self, Contact>) -> ConfigurationKey<Self> {
        .key(
            name, property,
            decode: { value, problems in
                var reader = InlineTableReader(
                    value, noun: "a contact", fields: ["name", "phone", "email"],
                    example: "{ name = \"王主任\", phone = \"13800000000\", email = \"office@example.gov.cn\" }", &problems)
                guard reader.isTable else { return nil }
                let contactName = reader.string("name", &problems)
                let phone = reader.string("phone", required: false, &problems)
                let email = reader.string("email", required: false, &problems)
                if let (text, at) = contactName, text.allSatisfy(\.isWhitespace) {
                    reader.invalid("the contact's name is empty; write a name or an office", at: at, &problems)
                }
                if let (text, at) = email, !text.isEmpty, !text.contains("@") {
                    reader.invalid("\(TOMLKey.quoted(text)) is not an e-mail address; write one such as office@example.gov.cn, or \"\"", at: at, &problems)
                }
                guard reader.valid, let (text, _) = contactName else { return nil }
                return Contact(name: text, phone: phone?.0 ?? "", email: email?.0 ?? "")
            },
            render: { contact in
                "{ name = \(TOMLKey.quoted(contact.name)), phone = \(TOMLKey.quoted(contact.phone)), email = \(TOMLKey.quoted(contact.email)) }"
            })
    }
}

/// `[notices]`: where notices are written and how they read.
public struct NoticeSettings: Sendable, Equatable {
    /// `outbox_directory`, path, default `"outbox"`: the maildir (`tmp/`, `new/`, `cur/`) the
    /// delivery gateway reads; a relative path is inside the spool directory.
    public var outboxDirectory: String
    /// `templates_directory`, absolute path, default `"/etc/inspectd/templates"`: operator
    /// copies of the notice templates (`<kind>.subject.mustache`, `<kind>.body.mustache`)
    /// that replace the built-in ones; read at start and on reload.
    public var templatesDirectory: String

    public init(outboxDirectory: String = "outbox", templatesDirectory: String = "/etc/inspectd/templates") {
        self.outboxDirectory = outboxDirectory
        self.templatesDirectory = templatesDirectory
    }

    /// The outbox as an absolute path, given the spool directory.
    public func outboxPath(spoolDirectory: String) -> String {
        ConfigurationPaths.resolve(outboxDirectory, under: spoolDirectory)
    }
}

extension NoticeSettings: ConfigurationSection {
    static let tableName = "notices"

    static var keys: [ConfigurationKey<Self>] {
        [
            .relativeOrAbsolutePath("outbox_directory", \.outboxDirectory, requiresRestart: true, example: "outbox"),
            .absolutePath("templates_directory", \.templatesDirectory),
        ]
    }
}

/// `[escalation]`: the ladder of notices as deadlines near and pass.
public struct EscalationSettings: Sendable, Equatable {
    /// `notify_at`, `"HH:MM"`, default `"09:00"`: the local time a step due on a date fires.
    public var notifyAtMinute: Int
    /// `steps`: the default ladder.
    public var steps: [EscalationStep]
    /// `<source>_steps` (such as `central_inspection_steps`): a ladder for cases from that
    /// source; empty uses `steps`.
    public var stepsBySource: [CaseSource: [EscalationStep]]

    public init(policy: EscalationPolicy = .standard) {
        notifyAtMinute = policy.notifyAtMinute
        steps = policy.steps
        stepsBySource = policy.stepsBySource
    }

    /// The ladder of one source; empty when it uses `steps`.
    public subscript(steps source: CaseSource) -> [EscalationStep] {
        get { stepsBySource[source] ?? [] }
        set { stepsBySource[source] = newValue.isEmpty ? nil : newValue }
    }

    public var policy: EscalationPolicy {
        EscalationPolicy(steps: steps, stepsBySource: stepsBySource, notifyAtMinute: notifyAtMinute)
    }
}

extension EscalationSettings: ConfigurationSection {
    static let tableName = "escalation"

    static var keys: [ConfigurationKey<Self>] {
        var keys: [ConfigurationKey<Self>] = [
            .timeOfDay("notify_at", \.notifyAtMinute, example: "09:00"),
            .key("steps", \.steps, decode: { decodeSteps($0, &$1, allowEmpty: false) }, render: renderSteps),
        ]
        for source in CaseSource.allCases {
            keys.append(
                .key(
                    "\(source.rawValue)_steps", \.[steps: source],
                    decode: { decodeSteps($0, &$1, allowEmpty: true) }, render: renderSteps))
        }
        return keys
    }

    static func renderSteps(_ steps: [EscalationStep]) -> String {
        guard !steps.isEmpty else { return "[]" }
        let tables = steps.map { step in
            var text = "{ id = \(TOMLKey.quoted(step.id)), anchor = \(TOMLKey.quoted(step.anchor.rawValue)), offset = \(step.offset), "
                + "unit = \(TOMLKey.quoted(step.unit.rawValue)), kind = \(TOMLKey.quoted(step.kind.rawValue)), "
                + "recipients = [\(step.recipients.map { TOMLKey.quoted($0.rawValue) }.joined(separator: ", "))]"
            if let every = step.repeatEvery { text += ", repeat_every = \(every)" }
            return text + " }"
        }
        return "[" + tables.joined(separator: ", ") + "]"
    }

    static let stepExample =
        "{ id = \"supervision\", anchor = \"deadline\", offset = 3, unit = \"working_days\", kind = \"supervision\", recipients = [\"unit_leader\", \"hq_office\"] }"

    static func decodeSteps(_ value: TOMLValue, _ problems: inout ProblemCollector, allowEmpty: Bool) -> [EscalationStep]? {
        guard let elements = value.array else {
            problems.reportWrongType(expected: "an array of steps such as [\(stepExample)]", found: value)
            return nil
        }
        if elements.isEmpty && !allowEmpty {
            problems.reportInvalid("no steps; list at least one, such as [\(stepExample)]", at: value)
            return nil
        }
        var steps: [EscalationStep] = []
        var valid = true
        for element in elements {
            guard let step = decodeStep(element, &problems) else {
                valid = false
                continue
            }
            if steps.contains(where: { $0.id == step.id }) {
                problems.reportInvalid("the step id \(TOMLKey.quoted(step.id)) is used twice in this ladder; give each step its own id", at: element)
                valid = false
            }
            steps.append(step)
        }
        return valid ? steps : nil
    }

    static func decodeStep(_ element: TOMLValue, _ problems: inout ProblemCollector) -> EscalationStep? {
        var reader = InlineTableReader(
            element, noun: "a step", fields: ["id", "anchor", "offset", "unit", "kind", "recipients", "repeat_every"],
            example: stepExample, &problems)
        guard reader.isTable else { return nil }
        let id = reader.string("id", &problems)
        let anchor = reader.string("anchor", &problems)
        let offset = reader.integer("offset", &problems)
        let unit = reader.string("unit", &problems)
        let kind = reader.string("kind", &problems)
        let recipients = reader.strings("recipients", &problems)
        let repeatEvery = reader.integer("repeat_every", required: false, &problems)
        func choice<T: RawRepresentable & CaseIterable>(_ field: (String, TOMLValue)?, _ type: T.Type, _ noun: String, _ reader: inout InlineTableReader) -> T?
        where T.RawValue == String {
            guard let (text, at) = field else { return nil }
            guard let value = T(rawValue: text) else {
                reader.invalid(
                    "\(TOMLKey.quoted(text)) is not \(noun); use one of \(T.allCases.map(\.rawValue).joined(separator: ", "))", at: at, &problems)
                return nil
            }
            return value
        }
        if let (text, at) = id, !ConfigurationID.isValid(text) {
            reader.invalid("\(TOMLKey.quoted(text)) is not a step id; use lowercase letters, digits, - and _, such as \"supervision\"", at: at, &problems)
        }
        let anchorValue = choice(anchor, EscalationAnchor.self, "an anchor", &reader)
        let unitValue = choice(unit, OffsetUnit.self, "an offset unit", &reader)
        var kindValue: NoticeKind?
        if let (text, at) = kind {
            // The notices of unrecorded visits are about a shift, not a case: no step sends them.
            let stepKinds = NoticeKind.allCases.filter { $0 != .visitReminder && $0 != .visitEscalation }
            if let value = NoticeKind(rawValue: text), stepKinds.contains(value) {
                kindValue = value
            } else {
                reader.invalid(
                    "\(TOMLKey.quoted(text)) is not a notice kind a step can send; use one of \(stepKinds.map(\.rawValue).joined(separator: ", "))",
                    at: at, &problems)
            }
        }
        if let (number, at) = offset, !(-366...366).contains(number) {
            reader.invalid("\(number) is out of range; use a whole number of days from -366 to 366", at: at, &problems)
        }
        if let (number, at) = repeatEvery, !(1...366).contains(number) {
            reader.invalid("\(number) is out of range; repeat every 1 to 366 days, or leave repeat_every out to fire once", at: at, &problems)
        }
        var roles: [RecipientRole] = []
        if let (texts, at) = recipients {
            if texts.isEmpty { reader.invalid("no recipients; name at least one role, such as [\"unit_leader\"]", at: at, &problems) }
            for text in texts {
                if let role = RecipientRole(rawValue: text) {
                    roles.append(role)
                } else {
                    reader.invalid(
                        "\(TOMLKey.quoted(text)) is not a recipient role; use \(RecipientRole.allCases.map(\.rawValue).joined(separator: ", "))",
                        at: at, &problems)
                }
            }
        }
        guard reader.valid, let (idText, _) = id, let anchorValue, let (offsetValue, _) = offset, let unitValue, let kindValue else {
            return nil
        }
        return EscalationStep(
            id: idText, anchor: anchorValue, offset: offsetValue, unit: unitValue, recipients: roles, kind: kindValue,
            repeatEvery: repeatEvery?.0)
    }
}

/// `[lagging]`: when a unit counts as lagging (进度滞后) and escalates automatically, and the
/// weekly ranking (通报).
public struct LaggingSettings: Sendable, Equatable {
    /// `overdue_cases`, integer 1...1000, default 3: this many cases overdue by more than
    /// `overdue_days`…
    public var overdueCases: Int
    /// `overdue_days`, integer 0...365, default 7.
    public var overdueDays: Int
    /// `overdue_ratio_percent`, integer 1...100, default 20: …or this share of a unit's
    /// outstanding cases overdue.
    public var overdueRatioPercent: Int
    /// `escalate_every_days`, integer 1...90, default 7: at most one automatic summons per
    /// unit in this many days while it stays lagging.
    public var escalateEveryDays: Int
    /// `ranking_weekday`, integer 1 (Monday)...7 (Sunday), default 1: the weekly ranking of
    /// units goes to HQ on this day at `escalation.notify_at`.
    public var rankingWeekday: Int

    public init(overdueCases: Int = 3, overdueDays: Int = 7, overdueRatioPercent: Int = 20, escalateEveryDays: Int = 7, rankingWeekday: Int = 1) {
        self.overdueCases = overdueCases
        self.overdueDays = overdueDays
        self.overdueRatioPercent = overdueRatioPercent
        self.escalateEveryDays = escalateEveryDays
        self.rankingWeekday = rankingWeekday
    }

    public var thresholds: LaggingThresholds {
        LaggingThresholds(
            overdueCases: overdueCases, overdueDays: overdueDays, overdueRatio: Double(overdueRatioPercent) / 100,
            escalateEveryDays: escalateEveryDays)
    }
}

extension LaggingSettings: ConfigurationSection {
    static let tableName = "lagging"

    static var keys: [ConfigurationKey<Self>] {
        [
            .integer("overdue_cases", \.overdueCases, in: 1...1000, unit: "cases"),
            .integer("overdue_days", \.overdueDays, in: 0...365, unit: "days"),
            .integer("overdue_ratio_percent", \.overdueRatioPercent, in: 1...100, unit: "percent"),
            .integer("escalate_every_days", \.escalateEveryDays, in: 1...90, unit: "days"),
            .integer("ranking_weekday", \.rankingWeekday, in: 1...7, unit: "the ISO weekday (1 Monday … 7 Sunday)"),
        ]
    }
}
