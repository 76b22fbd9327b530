import ArgumentParser
import InspectAPI

/// The language of tables and messages. JSON keys and CSV columns never change with
/// it; the daemon's own words (problem details, rules, reasons) and notices stay as
/// written.
enum Language: String, ExpressibleByArgument, CaseIterable, Sendable {
    case en, zh

    /// Chinese when the locale for messages names Chinese, else English: `LC_ALL`, else
    /// `LC_MESSAGES`, else `LANG` (the first that is set and not empty, as POSIX orders
    /// them) starting with `zh`, such as `zh_CN.UTF-8`.
    static func preferred(in environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return value.hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }

    /// `english` or `chinese`, whichever this language is.
    func pick(_ english: String, _ chinese: String) -> String {
        self == .zh ? chinese : english
    }
}

/// The titles of table columns. English tables show the machine names the CSV files and
/// the JSON keys use (`leader_phone`); Chinese tables show these titles.
enum ColumnTitles {
    static let chinese: [String: String] = [
        // status, cases show
        "field": "项目", "value": "内容", "district": "辖区", "status": "状态", "version": "版本", "pid": "进程号",
        "started_at": "启动时间", "uptime_seconds": "运行秒数", "config": "配置文件", "database": "数据库", "units": "单位数",
        "inspectors": "检查人员数", "sites": "检查对象数", "you": "当前用户", "WARNING": "警告", "last_reload": "最近重载",
        // directory
        "id": "编号", "name": "名称", "kind": "类型", "leader_name": "负责人", "leader_phone": "负责人电话", "contact_name": "联系人",
        "contact_phone": "联系电话", "department": "部门", "certified": "执法证", "home_locality": "所在属地", "phone": "电话",
        "locality": "属地", "risk": "风险等级", "rain_sensitive": "雨天重点", "night_sensitive": "夜间重点",
        // calendar, weather
        "date": "日期", "provisional": "暂定", "in_lieu": "补休", "source": "来源", "period": "时段", "time": "时间", "area": "区域",
        "probability_percent": "降水概率%", "precipitation_mm": "雨量毫米", "file": "文件", "format": "格式", "received_at": "接收时间",
        "via": "途径", "covers": "覆盖时段", "note": "备注",
        // ledger, notices
        "title": "标题", "category": "类别", "site": "检查对象", "unit": "责任单位", "person": "责任人", "deadline": "整改期限",
        "milestones": "节点", "measures": "措施", "overdue": "逾期", "at": "时间", "uid": "用户", "action": "操作", "created": "生成时间",
        "subject": "主题", "delivered": "投递", "rank": "排名", "outstanding": "未办结", "overdue_%": "逾期率%", "mean_days": "平均逾期天数",
        "max_days": "最长逾期天数", "lagging": "滞后", "why": "原因", "case": "案件", "recipients": "接收人",
        // roster, fairness, plans, duty, leave, conflicts
        "day": "日别", "rain": "雨天", "zone": "片区", "team": "组", "members": "组员", "visits": "检查对象", "pinned": "锁定",
        "shifts": "班次", "hours": "小时", "nights": "夜班", "restdays": "休息日", "holidays": "节假日", "group": "分组",
        "reason": "原因", "first_date": "起始日期", "last_date": "截止日期", "added": "新增", "changed": "变更", "removed": "删除",
        "shortfalls": "缺员", "generator": "生成器", "seed": "种子", "inspector": "检查人员", "from": "开始", "to": "结束",
        // audit
        // visits
        "shift": "班次编号", "result": "检查结果", "recorded_at": "登记时间", "origin": "来源类别", "start": "开始时间",
        // tasks
        "by": "完成期限", "visit": "检查编号", "problem": "未安排原因", "campaign": "专项名称",
        "gid": "组号", "role": "角色", "target": "对象", "outcome": "结果", "detail": "详情",
    ]

    /// The titles of `columns` in `language`; `overriding` gives Chinese titles that differ
    /// by table (a person's `name` is 姓名, a unit's 名称). A column without a title keeps
    /// its machine name.
    static func titles(_ columns: [String], in language: Language, overriding: [String: String] = [:]) -> [String] {
        guard language == .zh else { return columns }
        return columns.map { overriding[$0] ?? chinese[$0] ?? $0 }
    }

    /// Chinese titles for tables of people.
    static let people = ["name": "姓名"]
}

/// Every fixed word and message of the human-readable output, in English and Chinese,
/// side by side. The English is what the CLI printed before it spoke Chinese.
enum Phrase {
    // MARK: cells
    case yesNo(Bool)
    case trueFalse(Bool)
    case noMembers
    case rain
    case pinned
    case pending
    case sealedSeed
    case staleNotUsed
    /// A day kind: `workday`, `restday`, `holiday` or `makeup_workday`.
    case dayKind(String)
    /// A unit kind: `department` or `locality`.
    case unitKind(String)
    case overdueDays(Int)
    case overdueField(overdue: Bool, days: Int)
    case sealedUntil(String)

    // MARK: status
    /// A rule a manual edit breaks.
    case warningItem(String)
    case warningLine(String)
    case database(path: String, schema: String)
    case caller(uid: UInt32, role: String?)
    case reload(at: String, succeeded: Bool, messages: [String])

    // MARK: imports and the ledger
    /// An import's counts; `kind` is what the file held: units, inspectors, sites or cases.
    case imported(ImportResult, kind: String)
    case caseAdded(String)
    case caseStatus(id: String, status: String)
    case historyHeading
    case noticesHeading

    // MARK: weather
    case rainHeading(from: String, to: String, probabilityPercent: Int, millimetres: String)
    case noRainForecast
    case noForecast
    case forecastsHeading
    case forecastImported(WeatherImportResult)

    // MARK: roster
    case rosterHeading(from: String, to: String, plan: String)
    case noPlanYet
    case planLabel(id: Int64, created: String, reason: String)
    case noShiftsPlanned
    case rosterKey(mark: String, example: String)
    case shortfall(RosterShortfall)
    case rainPeriod
    case pinnedShift
    case zone(String)
    case team(Int)
    case members([String])
    case rulesHeading
    case noneRecorded
    case swapsHeading
    case replacements(Int)
    case dutyCountsHeading(from: String, to: String)
    case noInspector
    case spreadHeading
    case noGroup
    case pinnedKept(Bool)
    case replanned(PlanSummary)
    case planShortfalls(PlanSummary)
    case onDutyHeading(String)
    case nobody
    case uncovered(String)
    case verification(DrawVerification)
    case leaveStored(LeaveItem)
    case noShiftAffected
    case conflictRecorded(ConflictItem)
    case noSealedListChanged
    case visitRecorded(VisitItem)
    case taskPlaced(TaskItem)
    case taskCancelled(TaskItem)
    case campaignPlaced(name: String, tasks: Int)

    // MARK: roster week
    case weekHeading(year: Int, week: Int, from: String, to: String)
    case weekday(Int)
    case holidayMark
    case makeupMark
    case shortMark(Int)
    case rainMark
    case zoneCount(abbreviation: String, count: Int)
    case teamCount(Int)
    case zoneKey(abbreviation: String, zone: String)
    case teamKey(label: String, abbreviation: String, team: Int)
    case countKey(label: String, abbreviation: String, count: Int)
    case rainKey
    case shortKey
    case holidayKey
    case makeupKey
    case weekDetails(from: String, to: String)

    func text(_ language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .yesNo(let value): return value ? language.pick("yes", "是") : language.pick("no", "否")
        case .trueFalse(let value): return value ? language.pick("true", "是") : language.pick("false", "否")
        case .noMembers: return language.pick("none", "无")
        case .rain: return language.pick("rain", "雨天")
        case .pinned: return language.pick("pinned", "锁定")
        case .pending: return language.pick("pending", "待投递")
        case .sealedSeed: return language.pick("sealed", "未公开")
        case .staleNotUsed: return language.pick("stale, not used", "已过期，未使用")
        case .dayKind(let kind):
            guard zh else { return kind }
            return ["workday": "工作日", "restday": "休息日", "holiday": "节假日", "makeup_workday": "调休上班"][kind] ?? kind
        case .unitKind(let kind):
            guard zh else { return kind }
            return ["department": "部门", "locality": "属地"][kind] ?? kind
        case .overdueDays(let days): return language.pick("\(days) days", "逾期 \(days) 天")
        case .overdueField(let overdue, let days):
            guard overdue else { return Phrase.yesNo(false).text(language) }
            return language.pick("yes, \(days) days", "是，\(days) 天")
        case .sealedUntil(let time): return language.pick("sealed until \(time)", "\(time) 前保密")

        case .warningItem(let text): return language.pick("WARNING: \(text)", "警告：\(text)")
        case .warningLine(let text): return language.pick("warning: \(text)", "警告：\(text)")
        case .database(let path, let schema): return language.pick("\(path) (schema \(schema))", "\(path)（结构版本 \(schema)）")
        case .caller(let uid, let role):
            return language.pick("uid \(uid), role \(role ?? "none")", "uid \(uid)，角色 \(role ?? "无")")
        case .reload(let at, let succeeded, let messages):
            let outcome = succeeded ? language.pick("succeeded", "成功") : language.pick("FAILED", "失败")
            return "\(at) \(outcome) \(messages.joined(separator: "; "))"

        case .imported(let result, let kind):
            guard zh else {
                return
                    "\(result.file) (\(result.encoding)): \(result.dryRun ? "would import" : "imported") \(kind): \(result.inserted) new, \(result.updated) updated, \(result.unchanged) unchanged"
            }
            let what = ["units": "单位", "inspectors": "检查人员", "sites": "检查对象", "cases": "案件"][kind] ?? kind
            return
                "\(result.file)（\(result.encoding)）：\(result.dryRun ? "试导入（未写入）" : "已导入")\(what)：新增 \(result.inserted)，更新 \(result.updated)，未变 \(result.unchanged)"
        case .caseAdded(let id): return language.pick("case \(id) added", "案件 \(id) 已添加")
        case .caseStatus(let id, let status): return language.pick("case \(id): \(status)", "案件 \(id)：\(status)")
        case .historyHeading: return language.pick("History:", "处理记录：")
        case .noticesHeading: return language.pick("Notices:", "通知：")

        case .rainHeading(let from, let to, let probability, let millimetres):
            return language.pick(
                "Rain periods \(from) to \(to) (probability ≥ \(probability)% or ≥ \(millimetres) mm):",
                "降雨时段 \(from) 至 \(to)（降水概率 ≥ \(probability)% 或雨量 ≥ \(millimetres) 毫米）：")
        case .noRainForecast: return language.pick("  none forecast", "  预报无降雨")
        case .noForecast: return language.pick("  none known: no current forecast", "  不详：没有有效的天气预报")
        case .forecastsHeading: return language.pick("Forecasts:", "天气预报：")
        case .forecastImported(let result):
            let forecast = result.forecast
            return language.pick(
                "\(forecast.file) (\(forecast.format)): forecast \(forecast.id) imported, \(forecast.intervals) intervals from \(forecast.coverageStart) to \(forecast.coverageEnd); rain periods: \(result.rainPeriodsAdded) added, \(result.rainPeriodsRemoved) removed",
                "\(forecast.file)（\(forecast.format)）：已导入预报 \(forecast.id)，\(forecast.intervals) 个时段，\(forecast.coverageStart) 至 \(forecast.coverageEnd)；降雨时段：新增 \(result.rainPeriodsAdded)，删除 \(result.rainPeriodsRemoved)"
            )

        case .rosterHeading(let from, let to, let plan): return language.pick("Roster \(from) to \(to), \(plan)", "排班 \(from) 至 \(to)，\(plan)")
        case .noPlanYet: return language.pick("no plan yet", "尚未排班")
        case .planLabel(let id, let created, let reason):
            return language.pick("plan \(id) of \(created) (\(reason))", "方案 \(id)（\(created)，\(reason)）")
        case .noShiftsPlanned: return language.pick("no shifts planned", "没有排定的班次")
        case .rosterKey(let mark, let example):
            return language.pick(
                "\(mark) certified (持执法证). Shift ids for roster explain, assign and pin: DATE/PERIOD/ZONE/TEAM, such as \(example).",
                "\(mark) 持执法证。roster explain、assign、pin 使用的班次编号：日期/时段/片区/组号，如 \(example)。")
        case .shortfall(let shortfall):
            return language.pick(
                "SHORT: \(shortfall.description)",
                "缺员：\(shortfall.date) \(shortfall.period) \(shortfall.zone)：缺 \(shortfall.missingTeams) 个组（\(shortfall.missingMembers) 人）：\(shortfall.reason)"
            )
        case .rainPeriod: return language.pick("rain period", "降雨时段")
        case .pinnedShift: return language.pick("pinned", "已锁定")
        case .zone(let zone): return language.pick("zone \(zone)", "片区 \(zone)")
        case .team(let team): return language.pick("team \(team)", "第 \(team) 组")
        case .members(let labels):
            let list = labels.isEmpty ? Phrase.noMembers.text(language) : labels.joined(separator: language.pick(", ", "，"))
            return language.pick("members: ", "组员：") + list
        case .rulesHeading: return language.pick("Rules that bound the choice:", "约束人选的规则：")
        case .noneRecorded: return language.pick("  none recorded", "  无记录")
        case .swapsHeading: return language.pick("If a member were swapped:", "若替换组员：")
        case .replacements(let count):
            switch count {
            case 0: return language.pick("NO replacement: nobody else meets the hard rules", "无人可替换：没有别人满足硬性规则")
            case 1: return language.pick("1 possible replacement", "1 人可替换")
            default: return language.pick("\(count) possible replacements", "\(count) 人可替换")
            }
        case .dutyCountsHeading(let from, let to): return language.pick("Duty counts \(from) to \(to):", "值班统计 \(from) 至 \(to)：")
        case .noInspector: return language.pick("  no inspector", "  没有检查人员")
        case .spreadHeading:
            return language.pick(
                "Spread (max − min) within each group of interchangeable inspectors:", "同组可互换人员之间的差距（最多 − 最少）：")
        case .noGroup: return language.pick("  no group", "  没有分组")
        case .pinnedKept(let pinned):
            return pinned
                ? language.pick("pinned: re-planning keeps this team as it is", "已锁定：重新排班时保留本组")
                : language.pick("not pinned: re-planning may change this team", "未锁定：重新排班可能调整本组")
        case .replanned(let plan):
            let teams = plan.teamsChanged == 1 ? "1 team" : "\(plan.teamsChanged) teams"
            return language.pick(
                "re-planned (plan \(plan.id), \(plan.reason)): \(teams) changed, \(plan.teamsAdded) added, \(plan.teamsRemoved) removed, \(plan.visitsDrawn) visits drawn",
                "已重新排班（方案 \(plan.id)，\(plan.reason)）：变更 \(plan.teamsChanged) 个组，新增 \(plan.teamsAdded)，删除 \(plan.teamsRemoved)，抽取检查 \(plan.visitsDrawn) 次"
            )
        case .planShortfalls(let plan):
            return language.pick(
                "SHORT: plan \(plan.id) leaves \(plan.shortfalls) shortfall\(plan.shortfalls == 1 ? "" : "s"); inspectctl roster lists them",
                "缺员：方案 \(plan.id) 有 \(plan.shortfalls) 处缺员；inspectctl roster 列出明细")
        case .onDutyHeading(let at): return language.pick("On duty at \(at):", "\(at) 在岗：")
        case .nobody: return language.pick("  nobody", "  无人在岗")
        case .uncovered(let zone):
            return language.pick("UNCOVERED: zone \(zone) has no team on duty", "无人值守：片区 \(zone) 没有在岗的组")
        case .verification(let verification):
            if verification.identical {
                return language.pick(
                    "plan \(verification.plan): identical (\(verification.visits) visits, generator \(verification.generator), seed \(verification.seed), input digest \(verification.inputDigest))",
                    "方案 \(verification.plan)：一致（检查 \(verification.visits) 次，生成器 \(verification.generator)，种子 \(verification.seed)，输入摘要 \(verification.inputDigest)）"
                )
            }
            let difference = verification.difference ?? language.pick("the replay does not give the stored draw", "重放结果与存档的抽取不同")
            return language.pick("plan \(verification.plan): DIFFERS: \(difference)", "方案 \(verification.plan)：不一致：\(difference)")
        case .leaveStored(let leave):
            guard zh else {
                let reason = leave.reason.isEmpty ? "" : " (\(leave.reason))"
                return "leave \(leave.id) stored: \(leave.inspector) from \(leave.from) to \(leave.to)\(reason)"
            }
            let reason = leave.reason.isEmpty ? "" : "（\(leave.reason)）"
            return "请假 \(leave.id) 已登记：\(leave.inspector) \(leave.from) 至 \(leave.to)\(reason)"
        case .noShiftAffected: return language.pick("no planned shift affected", "不影响已排的班次")
        case .conflictRecorded(let conflict):
            return language.pick(
                "conflict recorded: \(conflict.inspector)'s teams never visit \(conflict.site)",
                "回避已登记：\(conflict.inspector) 所在的组不再检查 \(conflict.site)")
        case .noSealedListChanged: return language.pick("no sealed site list had to change", "保密的检查名单无需更改")
        case .visitRecorded(let visit):
            let opened = visit.caseID.map { language.pick("; case \($0) opened in the ledger", "；已在台账中立案 \($0)") } ?? ""
            return language.pick(
                "visit \(visit.id) (\(visit.name)) recorded: \(visit.result ?? "")\(opened)",
                "检查结果已登记：\(visit.id)（\(visit.name)）\(visit.result ?? "")\(opened)")
        case .taskPlaced(let task):
            return language.pick(
                "task \(task.id) (\(task.reason), \(task.name)) placed: \(task.sealed ? "on a sealed list" : "visit \(task.visit ?? task.shift ?? "-")"), by \(task.by)",
                "任务 \(task.id)（\(task.reason)，\(task.name)）已安排：\(task.sealed ? "已列入保密名单" : "检查 \(task.visit ?? task.shift ?? "-")")，期限 \(task.by)")
        case .taskCancelled(let task):
            return language.pick("task \(task.id) (\(task.name)) cancelled", "任务 \(task.id)（\(task.name)）已取消")
        case .campaignPlaced(let name, let tasks):
            return language.pick("campaign \(name): \(tasks) sites placed", "专项检查 \(name)：已安排 \(tasks) 个检查对象")

        case .weekHeading(let year, let week, let from, let to):
            return language.pick("Week \(year)-W\(week < 10 ? "0" : "")\(week), \(from) to \(to)", "\(year) 年第 \(week) 周，\(from) 至 \(to)")
        case .weekday(let isoWeekday):
            let index = max(1, min(7, isoWeekday)) - 1
            return zh ? ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][index] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][index]
        case .holidayMark: return language.pick("hol", "休")
        case .makeupMark: return language.pick("work", "班")
        case .shortMark(let teams): return language.pick("!-\(teams)", "!缺\(teams)")
        case .rainMark: return language.pick("☔", "雨")
        case .zoneCount(let abbreviation, let count): return language.pick("\(abbreviation):\(count)", "\(abbreviation)\(count)组")
        case .teamCount(let count): return language.pick("\(count) teams", "\(count)组")
        case .zoneKey(let abbreviation, let zone): return language.pick("\(abbreviation) = zone \(zone)", "\(abbreviation) = 片区 \(zone)")
        case .teamKey(let label, let abbreviation, let team):
            return language.pick("\(label) = team \(team) of \(abbreviation)", "\(label) = \(abbreviation)片区第 \(team) 组")
        case .countKey(let label, let abbreviation, let count):
            return language.pick("\(label) = \(count) teams in \(abbreviation)", "\(label) = \(abbreviation)片区 \(count) 个组")
        case .rainKey: return language.pick("☔ = rain period", "雨 = 降雨时段")
        case .shortKey: return language.pick("!-1 = 1 team short", "!缺1 = 缺 1 个组")
        case .holidayKey: return language.pick("hol = holiday", "休 = 节假日")
        case .makeupKey: return language.pick("work = makeup workday", "班 = 调休上班")
        case .weekDetails(let from, let to):
            return language.pick("Details: inspectctl roster --from \(from) --to \(to)", "明细：inspectctl roster --from \(from) --to \(to)")
        }
    }
}
