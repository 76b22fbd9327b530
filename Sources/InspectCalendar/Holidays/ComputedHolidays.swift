/// A provisional holiday schedule for a year the State Council has not announced yet.
///
/// The statutory days follow 全国年节及纪念日放假办法 (as revised in 2024): 元旦 1 January;
/// 春节 from New Year's Eve (除夕) through the third day of the first lunar month; 清明节 on
/// the day of the solar term; 劳动节 1–2 May; 端午节 and 中秋节 on their lunar dates; 国庆节
/// 1–3 October. A statutory day that falls on a Saturday or Sunday is given back on the
/// next weekday that is not already a holiday (补假), as the rules require. The State
/// Council's bridging arrangements (longer blocks with makeup workdays) cannot be known in
/// advance, so a computed year has no makeup workdays. Lunar dates and 清明 are computed for
/// ``ChineseLunisolar/supportedYears``; outside them only the fixed-date holidays are laid out.
public enum ComputedHolidays {
    /// The source every computed date names.
    public static let sourceName = "computed"

    /// The computed schedule of `year`.
    public static func schedule(for year: Int) -> HolidaySchedule {
        var statutory: [(CivilDate, StatutoryHoliday)] = []
        func add(_ month: Int, _ day: Int, _ holiday: StatutoryHoliday) {
            if let date = CivilDate(year: year, month: month, day: day) { statutory.append((date, holiday)) }
        }
        add(1, 1, .newYear)
        add(5, 1, .labourDay)
        add(5, 2, .labourDay)
        add(10, 1, .nationalDay)
        add(10, 2, .nationalDay)
        add(10, 3, .nationalDay)
        if ChineseLunisolar.supportedYears.contains(year) {
            let eve = ChineseLunisolar.newYearsEve(year)
            for offset in 0...3 { statutory.append((eve.adding(days: offset), .springFestival)) }
            statutory.append((ChineseLunisolar.qingming(year), .qingming))
            statutory.append((ChineseLunisolar.dragonBoatFestival(year), .dragonBoat))
            statutory.append((ChineseLunisolar.midAutumnFestival(year), .midAutumn))
        }
        statutory.sort { $0.0 < $1.0 }

        var entries: [CivilDate: HolidayEntry] = [:]
        var owed: [(CivilDate, StatutoryHoliday)] = []
        for (date, holiday) in statutory {
            if entries[date] != nil || date.isWeekend { owed.append((date, holiday)) }
            if entries[date] == nil {
                entries[date] = HolidayEntry(date: date, kind: .holiday, name: holiday.rawValue, inLieu: false, line: 0)
            }
        }
        // 补假: a statutory day on a weekend, or on a day another holiday already took, is
        // given back on the next weekday that is not a holiday.
        for (date, holiday) in owed {
            var day = date.adding(days: 1)
            while day.isWeekend || entries[day] != nil { day = day.adding(days: 1) }
            entries[day] = HolidayEntry(date: day, kind: .holiday, name: holiday.rawValue, inLieu: true, line: 0)
        }
        return HolidaySchedule(source: sourceName, entries: Array(entries.values))
    }
}
