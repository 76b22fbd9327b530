/// The official holiday schedules built into inspectd.
///
/// Source: China's statutory holiday arrangements for 2025 and 2026, from the State
/// Council General Office notices (国务院办公厅关于2025年部分节假日安排的通知 and
/// 关于2026年部分节假日安排的通知), as tabulated in the project's shared
/// data file `cn-holidays-2025-2026.tsv`, copied here verbatim. Columns (tab-separated):
/// `date`, `kind` (`holiday` or `makeup_workday`), `name` (English), `name_zh`, `in_lieu`
/// (`yes` for a day off given in lieu, `no` for a holiday proper, `-` for a makeup workday).
/// An operator adds later years with a file of the same columns in the calendar directory.
public enum BuiltInHolidays {
    /// What `source` says for dates from this schedule.
    public static let sourceName = "built-in: State Council notices 2025, 2026"

    /// The schedule file's text.
    public static let tsv = """
date	kind	name	name_zh	in_lieu
2025-01-01	holiday	New Year's Day	元旦	no
2025-01-26	makeup_workday	Spring Festival	春节	-
2025-01-28	holiday	Spring Festival	春节	no
2025-01-29	holiday	Spring Festival	春节	no
2025-01-30	holiday	Spring Festival	春节	no
2025-01-31	holiday	Spring Festival	春节	no
2025-02-01	holiday	Spring Festival	春节	no
2025-02-02	holiday	Spring Festival	春节	no
2025-02-03	holiday	Spring Festival	春节	yes
2025-02-04	holiday	Spring Festival	春节	yes
2025-02-08	makeup_workday	Spring Festival	春节	-
2025-04-04	holiday	Tomb-sweeping Day	清明	no
2025-04-05	holiday	Tomb-sweeping Day	清明	no
2025-04-06	holiday	Tomb-sweeping Day	清明	no
2025-04-27	makeup_workday	Labour Day	劳动节	-
2025-05-01	holiday	Labour Day	劳动节	no
2025-05-02	holiday	Labour Day	劳动节	no
2025-05-03	holiday	Labour Day	劳动节	no
2025-05-04	holiday	Labour Day	劳动节	no
2025-05-05	holiday	Labour Day	劳动节	yes
2025-05-31	holiday	Dragon Boat Festival	端午	no
2025-06-01	holiday	Dragon Boat Festival	端午	no
2025-06-02	holiday	Dragon Boat Festival	端午	no
2025-09-28	makeup_workday	National Day	国庆节	-
2025-10-01	holiday	National Day	国庆节	no
2025-10-02	holiday	National Day	国庆节	no
2025-10-03	holiday	National Day	国庆节	no
2025-10-04	holiday	National Day	国庆节	no
2025-10-05	holiday	National Day	国庆节	no
2025-10-06	holiday	Mid-autumn Festival	中秋	no
2025-10-07	holiday	National Day	国庆节	yes
2025-10-08	holiday	National Day	国庆节	yes
2025-10-11	makeup_workday	National Day	国庆节	-
2026-01-01	holiday	New Year's Day	元旦	no
2026-01-02	holiday	New Year's Day	元旦	yes
2026-01-03	holiday	New Year's Day	元旦	no
2026-01-04	makeup_workday	New Year's Day	元旦	-
2026-02-14	makeup_workday	Spring Festival	春节	-
2026-02-15	holiday	Spring Festival	春节	no
2026-02-16	holiday	Spring Festival	春节	no
2026-02-17	holiday	Spring Festival	春节	no
2026-02-18	holiday	Spring Festival	春节	no
2026-02-19	holiday	Spring Festival	春节	no
2026-02-20	holiday	Spring Festival	春节	yes
2026-02-21	holiday	Spring Festival	春节	no
2026-02-22	holiday	Spring Festival	春节	no
2026-02-23	holiday	Spring Festival	春节	yes
2026-02-28	makeup_workday	Spring Festival	春节	-
2026-04-04	holiday	Tomb-sweeping Day	清明	no
2026-04-05	holiday	Tomb-sweeping Day	清明	no
2026-04-06	holiday	Tomb-sweeping Day	清明	no
2026-05-01	holiday	Labour Day	劳动节	no
2026-05-02	holiday	Labour Day	劳动节	no
2026-05-03	holiday	Labour Day	劳动节	no
2026-05-04	holiday	Labour Day	劳动节	no
2026-05-05	holiday	Labour Day	劳动节	yes
2026-05-09	makeup_workday	Labour Day	劳动节	-
2026-06-19	holiday	Dragon Boat Festival	端午	no
2026-06-20	holiday	Dragon Boat Festival	端午	no
2026-06-21	holiday	Dragon Boat Festival	端午	no
2026-09-20	makeup_workday	National Day	国庆节	-
2026-09-25	holiday	Mid-autumn Festival	中秋	no
2026-09-26	holiday	Mid-autumn Festival	中秋	no
2026-09-27	holiday	Mid-autumn Festival	中秋	no
2026-10-01	holiday	National Day	国庆节	no
2026-10-02	holiday	National Day	国庆节	no
2026-10-03	holiday	National Day	国庆节	no
2026-10-04	holiday	National Day	国庆节	no
2026-10-05	holiday	National Day	国庆节	no
2026-10-06	holiday	National Day	国庆节	yes
2026-10-07	holiday	National Day	国庆节	yes
2026-10-10	makeup_workday	National Day	国庆节	-
"""
}
