/// What kind of day a date is for planning (工作日和节假日结合).
public enum DayKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An ordinary working day, Monday to Friday.
    case workday
    /// An ordinary weekend day (休息日).
    case restday
    /// A statutory holiday (法定节假日) or a day off given in lieu of one (调休放假).
    case holiday
    /// A Saturday or Sunday that is an official working day (调休上班): a workday for
    /// planning, but marked.
    case makeupWorkday = "makeup_workday"

    /// Whether the day counts as a workday for planning and working-day offsets.
    public var countsAsWorkday: Bool { self == .workday || self == .makeupWorkday }
}

/// One date of the district calendar.
public struct CalendarDay: Sendable, Hashable, Codable {
    /// The date.
    public var date: CivilDate
    /// Its kind.
    public var kind: DayKind
    /// The holiday the date belongs to (`春节`), also on the makeup workdays of that
    /// holiday; nil for ordinary workdays and rest days.
    public var name: String?
    /// True when no official schedule covers the date: the kind is computed (weekends,
    /// and statutory days where they can be computed) and may change when the State
    /// Council announces the year.
    public var provisional: Bool
    /// True for a holiday given in lieu of one that fell on a weekend (补假/调休).
    public var inLieu: Bool
    /// Where the kind comes from: the built-in schedule, a file in the calendar
    /// directory, or `computed`.
    public var source: String

    public init(date: CivilDate, kind: DayKind, name: String?, provisional: Bool, inLieu: Bool, source: String) {
        self.date = date
        self.kind = kind
        self.name = name
        self.provisional = provisional
        self.inLieu = inLieu
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case date, kind, name, provisional
        case inLieu = "in_lieu"
        case source
    }

    /// Every key always present (`name` is null on ordinary days), as the API documents.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(date, forKey: .date)
        try container.encode(kind, forKey: .kind)
        try container.encode(name, forKey: .name)
        try container.encode(provisional, forKey: .provisional)
        try container.encode(inLieu, forKey: .inLieu)
        try container.encode(source, forKey: .source)
    }
}

/// The statutory holidays of China (全国年节), by their official Chinese names.
public enum StatutoryHoliday: String, Sendable, Hashable, Codable, CaseIterable {
    case newYear = "元旦"
    case springFestival = "春节"
    case qingming = "清明节"
    case labourDay = "劳动节"
    case dragonBoat = "端午节"
    case midAutumn = "中秋节"
    case nationalDay = "国庆节"

    /// The English name used in the State Council schedule files.
    public var englishName: String {
        switch self {
        case .newYear: "New Year's Day"
        case .springFestival: "Spring Festival"
        case .qingming: "Tomb-sweeping Day"
        case .labourDay: "Labour Day"
        case .dragonBoat: "Dragon Boat Festival"
        case .midAutumn: "Mid-autumn Festival"
        case .nationalDay: "National Day"
        }
    }

    /// The holiday a schedule file or an iCalendar summary names, in Chinese (with or
    /// without 节: `清明`, `清明节`) or in English (any case), or nil.
    public static func named(_ text: String) -> StatutoryHoliday? {
        let trimmed = text.trimmingBlanks
        let lowered = trimmed.lowercased()
        return allCases.first { holiday in
            trimmed == holiday.rawValue || trimmed == holiday.shortName || lowered == holiday.englishName.lowercased()
        }
    }

    /// The name as the schedule tables often write it: `清明`, `端午`, `中秋` without 节.
    var shortName: String {
        switch self {
        case .qingming: "清明"
        case .dragonBoat: "端午"
        case .midAutumn: "中秋"
        default: rawValue
        }
    }

    /// The holiday whose name appears somewhere in `text` (an iCalendar summary such as
    /// `春节 补班` or `National Day Holiday`), or nil.
    public static func mentioned(in text: String) -> StatutoryHoliday? {
        let lowered = text.lowercased()
        let aliases: [(String, StatutoryHoliday)] = [
            ("元旦", .newYear), ("春节", .springFestival), ("除夕", .springFestival), ("清明", .qingming),
            ("劳动节", .labourDay), ("五一", .labourDay), ("端午", .dragonBoat), ("中秋", .midAutumn),
            ("国庆", .nationalDay),
            ("new year's day", .newYear), ("new year", .newYear), ("spring festival", .springFestival),
            ("chinese new year", .springFestival), ("lunar new year", .springFestival),
            ("tomb-sweeping", .qingming), ("tomb sweeping", .qingming), ("qingming", .qingming),
            ("labour day", .labourDay), ("labor day", .labourDay), ("dragon boat", .dragonBoat),
            ("mid-autumn", .midAutumn), ("mid autumn", .midAutumn), ("national day", .nationalDay),
        ]
        // Longest match first, so "chinese new year" is not read as "new year".
        return aliases.sorted { $0.0.count > $1.0.count }.first { lowered.contains($0.0) }?.1
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingBlanks: String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
