import InspectCalendar
import InspectLedger
import Testing

/// The public disclosure (一公开): which visits it names and how it writes them.
@Suite struct DisclosureTests {
    let from = CivilDate(year: 2026, month: 12, day: 1)!
    let to = CivilDate(year: 2026, month: 12, day: 7)!
    let now: Int64 = 1_000_000

    func visit(_ site: String, day: Int = 2, endsAt: Int64 = 999_000, outcome: VisitOutcome? = .compliant, measures: [EnforcementMeasure] = [])
        -> DisclosureVisit
    {
        DisclosureVisit(
            date: CivilDate(year: 2026, month: 12, day: day)!, shiftEndsAt: endsAt, siteName: site, localityName: "白河镇", outcome: outcome,
            measures: measures)
    }

    @Test func onlyEndedRecordedVisitsInTheRangeAreDisclosed() {
        let report = DisclosureReport(
            district: "示范区", from: from, to: to,
            visits: [
                visit("已查企业", outcome: .violation, measures: [.productionHalt, .dailyFines]),
                visit("未录结果企业", outcome: nil),
                visit("班次未结束企业", endsAt: now + 1),
                visit("范围外企业", day: 8),
                visit("刚结束企业", day: 1, endsAt: now),
            ], now: now)
        #expect(report.visits.map(\.siteName) == ["刚结束企业", "已查企业"])
        for text in [report.csv, report.html] {
            #expect(!text.contains("未录结果企业") && !text.contains("班次未结束企业") && !text.contains("范围外企业"))
        }
        #expect(report.rows[1] == ["2026-12-02", "已查企业", "白河镇", "发现问题 (violation)", "停产限产 (production_halt)；按日连续计罚 (daily_fines)"])
    }

    /// A periodic report carries a recorded-late part (补录): earlier-dated visits, public,
    /// in a part column of the CSV and a second table of the HTML; a report on demand has
    /// neither.
    @Test func aPeriodicReportListsResultsRecordedLateInTheirOwnPart() {
        let late = [visit("补录企业", day: 1, outcome: .violation), visit("未录企业", day: 1, outcome: nil)]
        let periodic = DisclosureReport(
            district: "示范区", from: CivilDate(year: 2026, month: 12, day: 2)!, to: to, visits: [visit("本期企业", day: 3)], now: now, late: late)
        #expect(periodic.late?.map(\.siteName) == ["补录企业"] && periodic.rowCount == 2)
        #expect(periodic.csv.hasPrefix("\u{FEFF}日期 date,企业名称 site,属地 locality,检查结果 result,处理措施 measures,批次 part\r\n"))
        #expect(periodic.csv.contains("2026-12-03,本期企业,白河镇,未发现问题 (compliant),,本期 (period)\r\n"))
        #expect(periodic.csv.hasSuffix("2026-12-01,补录企业,白河镇,发现问题 (violation),,补录 (recorded late)\r\n"))
        #expect(periodic.html.contains("<h2>补录结果 (results recorded late)</h2>") && periodic.html.contains("补录 1 条 (1 recorded late)"))
        let onDemand = DisclosureReport(district: "示范区", from: from, to: to, visits: [visit("本期企业", day: 3)], now: now)
        #expect(onDemand.late == nil && !onDemand.csv.contains("批次") && !onDemand.html.contains("补录"))
    }

    @Test func theCSVHasABOMCRLFAndQuotesWhatNeedsIt() {
        let report = DisclosureReport(district: "示范区", from: from, to: to, visits: [visit(#"甲,乙"厂""#)], now: now)
        #expect(report.csv.hasPrefix("\u{FEFF}日期 date,企业名称 site,"))
        #expect(Array(report.csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(report.csv.hasSuffix("\r\n2026-12-02,\"甲,乙\"\"厂\"\"\",白河镇,未发现问题 (compliant),\r\n"))
    }

    @Test func theHTMLEscapesEveryText() {
        let report = DisclosureReport(
            district: "示<范>区", from: from, to: to, visits: [visit(#"<script>alert("x")</script>&Co"#)], now: now)
        let html = report.html
        #expect(html.contains(#"<meta charset="utf-8">"#))
        #expect(html.contains("<title>示&lt;范&gt;区双随机抽查结果公示 2026-12-01 至 2026-12-07</title>"))
        #expect(html.contains("<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;Co</td>"))
        #expect(!html.contains("<script>") && !html.contains("示<范>"))
    }

    @Test func noPersonIsNamed() {
        // The visit type has no inspector field; a recorded visit's output holds only the
        // site, locality, date, result and measures given.
        let report = DisclosureReport(district: "示范区", from: from, to: to, visits: [visit("甲厂", outcome: .closed)], now: now)
        let cells = Set(report.rows.flatMap { $0 })
        #expect(cells == ["2026-12-02", "甲厂", "白河镇", "已关停 (closed)", ""])
    }
}

/// Which visits the disclosure may show: decided in one place.
@Suite struct DisclosurePublicVisitTests {
    @Test func onlyRandomEndedRecordedVisitsArePublic() {
        let date = CivilDate(iso: "2026-12-01")!
        let visit = DisclosureVisit(date: date, shiftEndsAt: 100, siteName: "甲", localityName: "乙", outcome: .compliant, measures: [])
        #expect(DisclosureReport.isPublic(visit, now: 100))
        #expect(!DisclosureReport.isPublic(visit, now: 99), "a shift still running")
        var unrecorded = visit
        unrecorded.outcome = nil
        #expect(!DisclosureReport.isPublic(unrecorded, now: 200))
        var targeted = visit
        targeted.random = false
        #expect(!DisclosureReport.isPublic(targeted, now: 200))
        let report = DisclosureReport(district: "示范区", from: date, to: date, visits: [visit, targeted, unrecorded], now: 200)
        #expect(report.visits == [visit])
    }
}
