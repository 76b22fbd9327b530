import InspectCalendar
import InspectCore
import InspectLedger

/// The demo district's rectification ledger: cases around today, some overdue by weeks
/// (so escalations fire and the outbox fills on the first start), some due soon, some
/// done. Deterministic for a given day.
enum DemoLedger {
    static let titles: [(String, String)] = [
        ("散乱污", "小作坊无证喷漆作业"), ("雨污分流", "小区雨污管网混接"), ("水源地", "一级保护区内违建养殖棚"),
        ("大气", "搅拌站物料未苫盖扬尘"), ("违章建筑", "河道管理范围内违建厂房"), ("散乱污", "废旧塑料加工点无环保手续"),
        ("大气", "餐饮油烟净化设施未运行"), ("雨污分流", "工业园区雨水口排放污水"), ("水源地", "二级保护区内堆放生活垃圾"),
        ("大气", "工地渣土车未密闭运输"), ("散乱污", "铸造小作坊冲天炉未拆除"), ("违章建筑", "基本农田上私建仓库"),
    ]

    static func cases(for district: DemoDistrict, today: CivilDate) -> [RectificationCase] {
        var random = SplitMix64(seed: 20_261_129)
        let localities = district.units.filter { $0.kind == .locality }
        guard !localities.isEmpty else { return [] }
        let sources: [CaseSource] = [.centralInspection, .municipalInspection, .complaint, .complaint, .media, .patrol, .patrol]
        var result: [RectificationCase] = []
        for number in 1...36 {
            // The first locality lags: it gets more of the long-overdue cases.
            let unit = number % 4 == 0 ? localities[0] : localities[random.next(below: localities.count)]
            let sitesHere = district.sites.filter { $0.locality == unit.id }
            let (category, title) = titles[random.next(below: titles.count)]
            let offset = [-40, -25, -18, -12, -9, -5, -2, 0, 2, 4, 7, 12, 20, 30][random.next(below: 14)]
            let deadline = today.adding(days: number % 4 == 0 ? -20 - random.next(below: 10) : offset)
            let status: CaseStatus =
                switch random.next(below: 10) {
                case 0: .rectified
                case 1: .verified
                case 2: .closed
                case 3, 4, 5: .inProgress
                default: .open
                }
            var milestones: [Milestone] = []
            if deadline.days(to: today) < 30 && random.next(below: 2) == 0 {
                milestones = [
                    Milestone(name: "制定整改方案", due: deadline.adding(days: -14)),
                    Milestone(name: "完成主体整改", due: deadline.adding(days: -5)),
                ]
            }
            let person = district.inspectors.isEmpty ? "联络员" : ["张伟", "王芳", "李强", "刘洋", "陈静", "杨帆"][random.next(below: 6)]
            result.append(
                RectificationCase(
                    id: "C-\(today.year)-\(String(100 + number))", title: "\(unit.name)\(title)",
                    source: sources[random.next(below: sources.count)], category: category,
                    site: sitesHere.isEmpty ? nil : sitesHere[random.next(below: sitesHere.count)].id, unit: unit.id,
                    personName: person, personPhone: "1390000\(String(1000 + number))", milestones: milestones,
                    deadline: deadline, status: status,
                    measures: status == .inProgress && number % 3 == 0 ? [.productionHalt] : []))
        }
        return result
    }
}
