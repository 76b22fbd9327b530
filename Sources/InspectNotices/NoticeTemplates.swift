import InspectLedger

/// The built-in notice templates, in Chinese: a subject and a body for each ``NoticeKind``.
///
/// The same texts ship as `deploy/templates/<kind>.subject.mustache` and
/// `<kind>.body.mustache`; an operator copies one to `/etc/inspectd/templates/`, edits it,
/// and it replaces the built-in (see ``NoticeTemplateSet``). A test keeps the two identical.
///
/// The context the daemon renders them with (absent values render empty; a section over an
/// absent value is skipped):
///
/// - `district`: the district's name, such as `某某区`.
/// - `issued_date`: the day the notice is issued, `YYYY-MM-DD`.
/// - `step`: the escalation step's id, such as `supervision`.
/// - `due_date`: the date a reminder is about: the milestone's due date, or the deadline.
/// - `days_overdue`: whole days from `case.deadline` to `issued_date` (1 on the day after
///   the deadline).
/// - `case`: the case, for notices about one: `case.id`, `case.title`, `case.source_name`
///   (such as 中央生态环境保护督察), `case.category`, `case.site` (the site's name, absent
///   when the case has none), `case.deadline` (`YYYY-MM-DD`), `case.status_name` (such as
///   整改中), `case.milestone` and `case.milestone_due` (the milestone a reminder is about;
///   absent for deadline reminders).
/// - `unit`: the responsible unit: `unit.id`, `unit.name`, `unit.leader_name`,
///   `unit.leader_phone`.
/// - `person`: the case's responsible person (or, for roster notices, the inspector):
///   `person.name`, `person.phone`.
/// - `cases`: for a summons of a lagging unit (no `case`): the unit's overdue cases, each
///   `{id, title, deadline, days_overdue}`.
/// - `ranking`: for a ranking, the units in rank order, each `{rank, unit_name,
///   outstanding, overdue, overdue_ratio_percent, max_days_overdue}`.
/// - Roster notices: `title` (排班发布, 排班变更 or 检查点位下达: the roster published, a
///   change to it, or a team's sealed site list released before its shift), `lines` (the
///   notice's lines as strings) and `inspector` (the inspector's id).
/// - Notices of unrecorded visits (`visit_reminder` to the team, `visit_escalation` to the
///   leader of each member's department): `shift.id`, `shift.label` (such as
///   `12月1日（周二）白班 08:00–16:00 北片区 第1组`), `shift.ended` (`YYYY-MM-DD HH:MM`),
///   `visits` (each `{number, id, site, locality}`: the visit's place in the team's list, its
///   id for `inspectctl visit record`, the site's and the locality's names), `count`,
///   `members` (names joined by 、: the whole team, or for an escalation the department's
///   members on it), `hours` (the hours after the shift's end that made it due),
///   `escalate_hours`, and for an escalation `unit` (the department, as above).
public enum NoticeTemplates {
    /// The two texts of a notice.
    public enum Part: String, Sendable, Hashable, CaseIterable {
        case subject
        case body
    }

    /// The file a template is read from and shipped as: `<kind>.<part>.mustache`, such as
    /// `supervision.body.mustache`.
    public static func fileName(kind: NoticeKind, part: Part) -> String {
        "\(kind.rawValue).\(part.rawValue).mustache"
    }

    /// Every template file name, by kind then subject before body.
    public static var fileNames: [String] {
        NoticeKind.allCases.flatMap { kind in Part.allCases.map { fileName(kind: kind, part: $0) } }
    }

    /// The built-in text of a template.
    public static func text(kind: NoticeKind, part: Part) -> String {
        switch (kind, part) {
        case (.reminder, .subject):
            #"""
            【整改提醒】「{{case.title}}」（{{case.id}}）将于 {{due_date}} 到期

            """#
        case (.reminder, .body):
            #"""
            {{unit.name}}、{{person.name}}同志：
            你单位负责整改的「{{case.title}}」（编号 {{case.id}}，问题来源：{{case.source_name}}）{{#case.milestone}}整改节点「{{case.milestone}}」{{/case.milestone}}{{^case.milestone}}整改时限{{/case.milestone}}将于 {{due_date}} 到期，目前整改状态为“{{case.status_name}}”。请抓紧推进整改，按时报送整改佐证材料；确有困难不能按期完成的，请在到期前向指挥部办公室书面说明情况。

            {{district}}污染防治攻坚战指挥部办公室
            {{issued_date}}

            """#
        case (.overdue, .subject):
            #"""
            【逾期通知】「{{case.title}}」（{{case.id}}）已逾期 {{days_overdue}} 天

            """#
        case (.overdue, .body):
            #"""
            {{unit.name}}、{{person.name}}同志：
            你单位负责整改的「{{case.title}}」（编号 {{case.id}}）整改时限为 {{case.deadline}}，截至 {{issued_date}} 已逾期 {{days_overdue}} 天，目前整改状态为“{{case.status_name}}”。请立即组织整改，并于 2 个工作日内向指挥部办公室报送整改进展和逾期原因。逾期仍未整改到位的，指挥部将按程序下发督办通知。

            {{district}}污染防治攻坚战指挥部办公室
            {{issued_date}}

            """#
        case (.supervision, .subject):
            #"""
            【督办通知】「{{case.title}}」（{{case.id}}）已逾期 {{days_overdue}} 天

            """#
        case (.supervision, .body):
            #"""
            {{unit.name}}：
            你单位负责整改的「{{case.title}}」（编号 {{case.id}}）整改时限为 {{case.deadline}}，现已逾期 {{days_overdue}} 天。请于收到本通知后 3 个工作日内报送整改进展，说明逾期原因、下一步整改措施和完成时限，并由单位主要负责同志亲自研究部署、推动落实。逾期仍未整改到位的，指挥部将约谈你单位主要负责人。

            问题来源：{{case.source_name}}
            问题类别：{{case.category}}
            {{#case.site}}
            检查对象：{{case.site}}
            {{/case.site}}
            整改状态：{{case.status_name}}
            整改责任人：{{person.name}}（{{person.phone}}）

            {{district}}污染防治攻坚战指挥部办公室
            {{issued_date}}

            """#
        case (.summons, .subject):
            #"""
            【约谈通知】{{unit.name}}主要负责人

            """#
        case (.summons, .body):
            #"""
            {{unit.leader_name}}同志：
            {{#case.id}}
            你单位负责整改的「{{case.title}}」（编号 {{case.id}}）整改时限为 {{case.deadline}}，现已逾期 {{days_overdue}} 天，经督办仍未整改到位。
            {{/case.id}}
            {{^case.id}}
            你单位整改工作进度滞后，下列问题逾期未完成整改：
            {{#cases}}
              {{id}}「{{title}}」，整改时限 {{deadline}}，已逾期 {{days_overdue}} 天；
            {{/cases}}
            {{/case.id}}
            经研究，指挥部决定约谈你单位主要负责人。请你按指挥部办公室通知的时间、地点准时参加约谈，并提前准备书面汇报材料，说明逾期原因、整改措施、完成时限和责任人员。

            {{district}}污染防治攻坚战指挥部办公室
            {{issued_date}}

            """#
        case (.accountability, .subject):
            #"""
            【问责建议】{{unit.name}}「{{case.title}}」（{{case.id}}）逾期 {{days_overdue}} 天未整改

            """#
        case (.accountability, .body):
            #"""
            指挥部领导：
            {{unit.name}}负责整改的「{{case.title}}」（编号 {{case.id}}，问题来源：{{case.source_name}}）整改时限为 {{case.deadline}}，现已逾期 {{days_overdue}} 天，经逾期通知、督办、约谈后仍未整改到位，目前整改状态为“{{case.status_name}}”。
            建议依照有关规定，对{{unit.name}}及相关责任人员启动问责程序。妥否，请批示。

            单位主要负责人：{{unit.leader_name}}（{{unit.leader_phone}}）
            整改责任人：{{person.name}}（{{person.phone}}）

            {{district}}污染防治攻坚战指挥部办公室
            {{issued_date}}

            """#
        case (.ranking, .subject):
            #"""
            【通报】{{district}}问题整改进展情况通报（截至 {{issued_date}}）

            """#
        case (.ranking, .body):
            #"""
            各责任单位：
            截至 {{issued_date}}，各单位问题整改进展情况通报如下：
            {{#ranking}}
            {{rank}}. {{unit_name}}：未完成 {{outstanding}} 件，其中逾期 {{overdue}} 件（逾期率 {{overdue_ratio_percent}}%），最长逾期 {{max_days_overdue}} 天；
            {{/ranking}}
            {{^ranking}}
            目前没有未完成整改的问题。
            {{/ranking}}
            请排名靠后的单位认真分析原因，倒排工期、挂图作战，确保按期完成整改任务。

            {{district}}污染防治攻坚战指挥部办公室
            {{issued_date}}

            """#
        case (.roster, .subject):
            #"""
            【{{title}}】{{district}}联合检查排班

            """#
        case (.roster, .body):
            #"""
            {{person.name}}同志：
            {{#lines}}
            {{.}}
            {{/lines}}
            请按排班准时参加联合检查。如有特殊情况不能参加，请提前向指挥部办公室请假，并协调替班人员。

            {{district}}污染防治攻坚战指挥部办公室
            {{issued_date}}

            """#
        case (.visitReminder, .subject):
            #"""
            【检查结果录入提醒】{{shift.label}}有 {{count}} 个检查点位未录入结果

            """#
        case (.visitReminder, .body):
            #"""
            {{members}}同志：
            你们参加的联合检查（{{shift.label}}）已于 {{shift.ended}} 结束，以下 {{count}} 个检查点位的检查结果超过 {{hours}} 小时仍未录入：
            {{#visits}}
            {{number}}. {{site}}（{{locality}}），编号 {{id}}
            {{/visits}}
            请尽快用 inspectctl visit record 录入检查结果；结束后 {{escalate_hours}} 小时仍未录入的，将告知所在部门主要负责人。

            {{district}}污染防治攻坚战指挥部办公室
            {{issued_date}}

            """#
        case (.visitEscalation, .subject):
            #"""
            【检查结果未录入】{{unit.name}}{{members}}参加的联合检查有 {{count}} 个点位逾期未录入结果

            """#
        case (.visitEscalation, .body):
            #"""
            {{unit.leader_name}}同志：
            你单位{{members}}参加的联合检查（{{shift.label}}）已于 {{shift.ended}} 结束，超过 {{hours}} 小时仍有以下 {{count}} 个检查点位未录入检查结果：
            {{#visits}}
            {{number}}. {{site}}（{{locality}}），编号 {{id}}
            {{/visits}}
            请督促相关人员立即用 inspectctl visit record 录入检查结果，检查结果将按“双随机、一公开”要求向社会公开。

            {{district}}污染防治攻坚战指挥部办公室
            {{issued_date}}

            """#
        }
    }
}
