/// A realistic, made-up district for the demo and for tests: six departments,
/// seven localities, about 120 inspectors and 400 sites, with Chinese names.
///
/// Generation is deterministic: the same seed and counts always give the same
/// district (it uses ``SplitMix64`` and its own range mapping). Phone numbers
/// are obviously fake: a mobile prefix, `0000`, then a four-digit serial.
public struct DemoDistrict: Sendable, Equatable {
    /// The seed the demo uses unless told otherwise.
    public static let defaultSeed: UInt64 = 20_240_601

    /// Departments then localities.
    public var units: [Unit]
    /// Inspectors, by id.
    public var inspectors: [Inspector]
    /// Sites, by id.
    public var sites: [Site]

    /// Creates a district from its tables.
    public init(units: [Unit], inspectors: [Inspector], sites: [Site]) {
        self.units = units
        self.inspectors = inspectors
        self.sites = sites
    }

    /// The table of the given kind as CSV text with the import header
    /// (see ``DirectoryCSV``), ready for `inspectctl import`.
    public func csv(_ kind: DirectoryKind) -> String {
        switch kind {
        case .units: DirectoryCSV.render(units)
        case .inspectors: DirectoryCSV.render(inspectors)
        case .sites: DirectoryCSV.render(sites)
        }
    }

    /// Generates the demo district.
    ///
    /// - Parameters:
    ///   - seed: the random seed; the same seed gives the same district.
    ///   - inspectorCount: number of inspectors (at least one per department is sensible).
    ///   - siteCount: number of sites.
    ///   - departmentCount: departments, 1...12: the demo's six, then 交通运输局, 农业农村局,
    ///     应急管理局, 规划和自然资源局, 商务局, 工业和信息化局 (for district-scale benchmarks).
    ///   - localityCount: localities, 1...20: the demo's seven, then thirteen more towns and streets.
    public static func generate(
        seed: UInt64 = defaultSeed, inspectorCount: Int = 120, siteCount: Int = 400, departmentCount: Int = 6, localityCount: Int = 7
    ) -> DemoDistrict {
        var generator = DemoGenerator(
            seed: seed, departmentCount: min(max(1, departmentCount), 12), localityCount: min(max(1, localityCount), 20))
        return generator.district(inspectorCount: max(0, inspectorCount), siteCount: max(0, siteCount))
    }
}

/// The demo district's fixed cast and word lists, and the random choices made from them.
struct DemoGenerator {
    enum LocalityType { case town, street, developmentZone, industrialPark }

    struct LocalitySpec {
        var id: String
        var name: String
        var type: LocalityType
        /// Borders a neighbouring district (临区搭界处).
        var border: Bool
    }

    static let allDepartments: [(id: String, name: String, inspectorWeight: Int)] = [
        ("env", "生态环境局", 30),
        ("police", "公安分局", 20),
        ("urban", "城市管理委员会", 20),
        ("water", "水务局", 12),
        ("market", "市场监督管理局", 10),
        ("housing", "住房和城乡建设委员会", 8),
        // Beyond the demo's six: for district-scale benchmarks.
        ("transport", "交通运输局", 8),
        ("agri", "农业农村局", 8),
        ("emergency", "应急管理局", 6),
        ("planning", "规划和自然资源局", 6),
        ("commerce", "商务局", 5),
        ("industry", "工业和信息化局", 5),
    ]

    static let allLocalities: [LocalitySpec] = [
        LocalitySpec(id: "baihe", name: "白河镇", type: .town, border: true),
        LocalitySpec(id: "liulin", name: "柳林镇", type: .town, border: true),
        LocalitySpec(id: "qingshan", name: "青山镇", type: .town, border: false),
        LocalitySpec(id: "xinhua", name: "新华街道", type: .street, border: false),
        LocalitySpec(id: "binhe", name: "滨河街道", type: .street, border: true),
        LocalitySpec(id: "devzone", name: "经济技术开发区", type: .developmentZone, border: false),
        LocalitySpec(id: "nangang", name: "南港工业园区", type: .industrialPark, border: true),
        // Beyond the demo's seven: for district-scale benchmarks.
        LocalitySpec(id: "dongli", name: "东丽镇", type: .town, border: true),
        LocalitySpec(id: "xiqing", name: "西青镇", type: .town, border: false),
        LocalitySpec(id: "beichen", name: "北辰镇", type: .town, border: true),
        LocalitySpec(id: "hedong", name: "河东街道", type: .street, border: false),
        LocalitySpec(id: "hexi", name: "河西街道", type: .street, border: false),
        LocalitySpec(id: "nankai", name: "南开街道", type: .street, border: false),
        LocalitySpec(id: "gaoxin", name: "高新技术产业开发区", type: .developmentZone, border: false),
        LocalitySpec(id: "linkong", name: "临空产业园区", type: .industrialPark, border: true),
        LocalitySpec(id: "shuanggang", name: "双港镇", type: .town, border: true),
        LocalitySpec(id: "xianshui", name: "咸水沽镇", type: .town, border: false),
        LocalitySpec(id: "huaming", name: "华明街道", type: .street, border: false),
        LocalitySpec(id: "jinqiao", name: "津桥工业园区", type: .industrialPark, border: false),
        LocalitySpec(id: "tuanbo", name: "团泊镇", type: .town, border: true),
    ]

    struct SiteKindSpec {
        var name: String
        var weight: Int
        /// Relative weights for town, street, development zone, industrial park.
        var localityWeights: (town: Int, street: Int, zone: Int, park: Int)
        var borderOnly: Bool = false
        /// Percent A, B (rest C).
        var riskA: Int
        var riskB: Int
        var rainPercent: Int
        var nightPercent: Int
    }

    static let siteKinds: [SiteKindSpec] = [
        SiteKindSpec(
            name: "重点企业", weight: 60, localityWeights: (2, 1, 5, 5), riskA: 30, riskB: 40, rainPercent: 70,
            nightPercent: 60),
        SiteKindSpec(
            name: "散乱污企业", weight: 70, localityWeights: (5, 1, 1, 2), riskA: 20, riskB: 35, rainPercent: 40,
            nightPercent: 85),
        SiteKindSpec(
            name: "建筑工地", weight: 60, localityWeights: (2, 4, 3, 1), riskA: 8, riskB: 28, rainPercent: 35,
            nightPercent: 40),
        SiteKindSpec(
            name: "入河排污口", weight: 50, localityWeights: (3, 2, 2, 2), riskA: 20, riskB: 35, rainPercent: 100,
            nightPercent: 35),
        SiteKindSpec(
            name: "雨污分流点", weight: 50, localityWeights: (1, 5, 2, 1), riskA: 5, riskB: 25, rainPercent: 100,
            nightPercent: 10),
        SiteKindSpec(
            name: "水源地", weight: 10, localityWeights: (1, 0, 0, 0), riskA: 30, riskB: 50, rainPercent: 50,
            nightPercent: 20),
        SiteKindSpec(
            name: "城乡结合部", weight: 30, localityWeights: (3, 2, 0, 0), riskA: 5, riskB: 25, rainPercent: 20,
            nightPercent: 40),
        SiteKindSpec(
            name: "临区搭界处", weight: 30, localityWeights: (1, 1, 1, 1), borderOnly: true, riskA: 12, riskB: 33,
            rainPercent: 20, nightPercent: 50),
        SiteKindSpec(
            name: "违章建筑", weight: 40, localityWeights: (4, 2, 1, 1), riskA: 3, riskB: 20, rainPercent: 5,
            nightPercent: 25),
    ]

    static let surnames = Array(
        "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文"
    ).map(String.init)
    static let givenNameCharacters = Array(
        "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志文海红玉兰萍鹏辉斌宇浩凯婷雪琳晨博鑫立新春成亮欣梅健波宁娟佳俊峰燕晓东彬昊鸿振庆"
    ).map(String.init)
    static let mobilePrefixes = ["138", "139", "150", "151", "152", "158", "159", "186", "187", "188"]

    static let firmWords = [
        "鑫源", "宏达", "华泰", "金鹏", "恒通", "瑞丰", "永盛", "东方", "天宇", "诚信", "嘉禾", "博远", "新兴", "振华", "广源", "隆昌", "海纳", "盛世",
        "中联", "北方", "德润", "兴业",
    ]
    static let industries = [
        "化工", "制药", "钢铁", "铸造", "电镀", "印染", "涂装", "橡胶制品", "塑料制品", "建材", "热电", "食品", "造纸", "金属表面处理", "包装印刷", "汽车零部件",
    ]
    static let villages = [
        "王庄", "李家台", "张家窝", "刘庄子", "前进", "后营", "东马坊", "西堤头", "小韩庄", "大孙庄", "杨家堡", "赵家场", "新立", "胜利", "红旗", "团结", "高庄子",
        "崔家码头", "南河", "北辛庄",
    ]
    static let workshops = [
        "塑料颗粒加工点", "废旧轮胎炼油作坊", "喷漆作坊", "石材切割厂", "废品回收站", "燃煤小锅炉", "洗砂场", "家具喷涂作坊", "电镀小作坊", "铸造小作坊", "活性炭加工点", "散煤销售点",
        "养殖场",
    ]
    static let projectPlaces = ["滨河", "锦绣", "华府", "御景", "金地", "翠湖", "春华", "和平", "幸福", "龙湾", "阳光", "紫荆", "观澜", "学府"]
    static let projectTypes = ["花园二期", "安置房", "商业综合体", "中学新建", "医院扩建", "道路改造", "污水管网", "公租房", "产业园厂房", "物流仓储"]
    static let rivers = ["子牙河", "大清河", "独流减河", "柳河", "白河", "新开河", "北排河"]
    static let roads = ["建设路", "人民路", "解放路", "新华路", "迎宾大道", "工业大街", "滨河路", "友谊路", "和平路", "光明路", "育才路", "振兴路"]
    static let directions = ["东", "南", "西", "北", "东北", "西南"]

    var random: SplitMix64
    var usedPersonNames: Set<String> = []
    var usedSiteNames: Set<String> = []
    var phoneSerial = 1000
    var counters: [String: Int] = [:]

    /// The departments and localities this district has (a prefix of the full lists).
    let departments: [(id: String, name: String, inspectorWeight: Int)]
    let localities: [LocalitySpec]

    init(seed: UInt64, departmentCount: Int = 6, localityCount: Int = 7) {
        random = SplitMix64(seed: seed)
        departments = Array((Self.allDepartments).prefix(departmentCount))
        localities = Array((Self.allLocalities).prefix(localityCount))
    }

    mutating func district(inspectorCount: Int, siteCount: Int) -> DemoDistrict {
        let units = makeUnits()
        let inspectors = makeInspectors(count: inspectorCount)
        let sites = makeSites(count: siteCount)
        return DemoDistrict(units: units, inspectors: inspectors, sites: sites)
    }

    // MARK: units

    mutating func makeUnits() -> [Unit] {
        var units: [Unit] = []
        for department in departments {
            units.append(unit(id: department.id, name: department.name, kind: .department))
        }
        for locality in localities {
            units.append(unit(id: locality.id, name: locality.name, kind: .locality))
        }
        return units
    }

    mutating func unit(id: String, name: String, kind: UnitKind) -> Unit {
        Unit(
            id: id, name: name, kind: kind,
            leaderName: personName(), leaderPhone: mobile(),
            contactName: personName(), contactPhone: mobile())
    }

    // MARK: inspectors

    mutating func makeInspectors(count: Int) -> [Inspector] {
        // Departments by quota (largest remainders), then shuffled so ids interleave.
        let quotas = apportion(count, weights: departments.map(\.inspectorWeight))
        var departmentOfSlot: [Int] = []
        for (index, quota) in quotas.enumerated() {
            departmentOfSlot += repeatElement(index, count: quota)
        }
        shuffle(&departmentOfSlot)

        var inspectors: [Inspector] = []
        for (slot, departmentIndex) in departmentOfSlot.enumerated() {
            let home = percent(85) ? localities[uniform(localities.count)].id : nil
            inspectors.append(
                Inspector(
                    id: "I" + padded(slot + 1, width: 3),
                    name: personName(),
                    department: departments[departmentIndex].id,
                    certified: percent(70),
                    homeLocality: home,
                    phone: mobile()))
        }
        // Every department can field a visit: at least three certified officers where it has them.
        for department in departments {
            var certified = inspectors.filter { $0.department == department.id && $0.certified }.count
            for index in inspectors.indices where certified < 3 {
                if inspectors[index].department == department.id && !inspectors[index].certified {
                    inspectors[index].certified = true
                    certified += 1
                }
            }
        }
        return inspectors
    }

    // MARK: sites

    mutating func makeSites(count: Int) -> [Site] {
        let quotas = apportion(count, weights: Self.siteKinds.map(\.weight))
        var kindOfSlot: [Int] = []
        for (index, quota) in quotas.enumerated() {
            kindOfSlot += repeatElement(index, count: quota)
        }
        shuffle(&kindOfSlot)

        var sites: [Site] = []
        for (slot, kindIndex) in kindOfSlot.enumerated() {
            let kind = Self.siteKinds[kindIndex]
            let locality = pickLocality(for: kind)
            let roll = uniform(100)
            let risk: RiskClass = roll < kind.riskA ? .a : roll < kind.riskA + kind.riskB ? .b : .c
            sites.append(
                Site(
                    id: "S" + padded(slot + 1, width: 4),
                    name: siteName(kind: kind.name, locality: locality),
                    locality: locality.id,
                    kind: kind.name,
                    risk: risk,
                    rainSensitive: percent(kind.rainPercent),
                    nightSensitive: percent(kind.nightPercent)))
        }
        return sites
    }

    mutating func pickLocality(for kind: SiteKindSpec) -> LocalitySpec {
        let weights = localities.map { locality -> Int in
            if kind.borderOnly && !locality.border { return 0 }
            switch locality.type {
            case .town: return kind.localityWeights.town
            case .street: return kind.localityWeights.street
            case .developmentZone: return kind.localityWeights.zone
            case .industrialPark: return kind.localityWeights.park
            }
        }
        return localities[weightedIndex(weights)]
    }

    mutating func siteName(kind: String, locality: LocalitySpec) -> String {
        for _ in 0..<50 {
            let name = candidateSiteName(kind: kind, locality: locality)
            if usedSiteNames.insert(name).inserted { return name }
        }
        // Word lists exhausted for this kind: number the name.
        let base = candidateSiteName(kind: kind, locality: locality)
        var serial = 2
        while !usedSiteNames.insert("\(base)（\(serial)）").inserted { serial += 1 }
        return "\(base)（\(serial)）"
    }

    mutating func candidateSiteName(kind: String, locality: LocalitySpec) -> String {
        switch kind {
        case "重点企业":
            let suffix = percent(20) ? "股份有限公司" : "有限公司"
            return pick(Self.firmWords) + pick(Self.industries) + suffix
        case "散乱污企业":
            return locality.name + village(in: locality) + pick(Self.workshops)
        case "建筑工地":
            if percent(15) { return "地铁\(1 + uniform(9))号线\(pick(Self.projectPlaces))站工地" }
            return pick(Self.projectPlaces) + pick(Self.projectTypes) + "项目工地"
        case "入河排污口":
            let river = pick(Self.rivers)
            return locality.name + river + "入河排污口\(next(counter: locality.id + river + kind))号"
        case "雨污分流点":
            let road = pick(Self.roads)
            return locality.name + road + "雨污分流点\(next(counter: locality.id + road + kind))号"
        case "水源地":
            let serial = next(counter: locality.id + kind)
            return serial == 1 ? "引滦输水明渠\(locality.name)段" : "\(locality.name)\(serial - 1)号水源井"
        case "城乡结合部":
            return locality.name + village(in: locality) + "城乡结合部"
        case "临区搭界处":
            let direction = pick(Self.directions)
            return locality.name + direction + "侧临区搭界处\(next(counter: locality.id + direction + kind))号"
        default:  // 违章建筑
            if percent(50) {
                return locality.name + village(in: locality) + "违章建筑\(next(counter: locality.id + kind))号"
            }
            let road = pick(Self.roads)
            return locality.name + road + "\(next(counter: locality.id + road + kind))号违建厂房"
        }
    }

    /// A village (村) in a town or zone; a residential community (社区) in a street.
    mutating func village(in locality: LocalitySpec) -> String {
        pick(Self.villages) + (locality.type == .street ? "社区" : "村")
    }

    // MARK: people and phones

    mutating func personName() -> String {
        while true {
            var name = pick(Self.surnames) + pick(Self.givenNameCharacters)
            if percent(60) { name += pick(Self.givenNameCharacters) }
            if usedPersonNames.insert(name).inserted { return name }
        }
    }

    mutating func mobile() -> String {
        phoneSerial += 1
        return pick(Self.mobilePrefixes) + "0000" + padded(phoneSerial % 10000, width: 4)
    }

    // MARK: deterministic choices

    mutating func uniform(_ bound: Int) -> Int { random.next(below: bound) }

    mutating func percent(_ chance: Int) -> Bool { uniform(100) < chance }

    mutating func pick(_ values: [String]) -> String { values[uniform(values.count)] }

    mutating func weightedIndex(_ weights: [Int]) -> Int {
        var roll = uniform(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// Fisher–Yates with ``SplitMix64/next(below:)``.
    mutating func shuffle(_ values: inout [Int]) {
        guard values.count > 1 else { return }
        for index in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(index, uniform(index + 1))
        }
    }

    mutating func next(counter key: String) -> Int {
        let value = (counters[key] ?? 0) + 1
        counters[key] = value
        return value
    }

    /// Splits `total` by `weights` (largest remainders, ties to the earlier entry).
    func apportion(_ total: Int, weights: [Int]) -> [Int] {
        let sum = weights.reduce(0, +)
        var counts = weights.map { total * $0 / sum }
        let remainders = weights.enumerated()
            .map { (index: $0.offset, remainder: total * $0.element % sum) }
            .sorted { ($0.remainder, -$0.index) > ($1.remainder, -$1.index) }
        for entry in remainders.prefix(total - counts.reduce(0, +)) { counts[entry.index] += 1 }
        return counts
    }

    func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
