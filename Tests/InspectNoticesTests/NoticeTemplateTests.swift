import InspectLedger
import InspectNotices
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The repository's `deploy/` directory, found from this file.
func deployDirectory() -> String {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/InspectNoticesTests/NoticeTemplateTests.swift
    return parts.joined(separator: "/") + "/deploy"
}

/// The bytes of a file, or nil when it cannot be read.
func readFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count == 0 { break }
        bytes += buffer[0..<count]
    }
    return bytes
}

func listDirectory(_ path: String) -> [String] {
    guard let stream = opendir(path) else { return [] }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name != "." && name != ".." { names.append(name) }
    }
    return names.sorted()
}

@Suite struct NoticeTemplateTests {
    /// A context with every documented field, as the daemon builds it.
    static let caseContext = """
        {"district": "清河区", "issued_date": "2026-04-13", "step": "supervision", "due_date": "2026-03-31",
         "days_overdue": 13,
         "case": {"id": "C-17", "title": "某砖厂未落实扬尘防治措施", "source_name": "中央生态环境保护督察", "category": "大气",
                  "site": "城东砖厂", "deadline": "2026-03-31", "status_name": "整改中", "milestone": null, "milestone_due": null},
         "unit": {"id": "U-3", "name": "白河镇人民政府", "leader_name": "王建国", "leader_phone": "13800000003"},
         "person": {"name": "李明", "phone": "13900000017"}}
        """

    private func render(_ kind: NoticeKind, _ json: String) throws -> (subject: String, body: String) {
        NoticeTemplateSet.builtIn.render(kind: kind, context: try specContext(json))
    }

    // MARK: built-ins and deploy/templates

    @Test func deployFilesAreTheBuiltIns() throws {
        let directory = deployDirectory() + "/templates"
        let shipped = listDirectory(directory).filter { $0.hasSuffix(".mustache") }
        #expect(shipped == NoticeTemplates.fileNames.sorted())
        for kind in NoticeKind.allCases {
            for part in NoticeTemplates.Part.allCases {
                let name = NoticeTemplates.fileName(kind: kind, part: part)
                let bytes = try #require(readFile(directory + "/" + name), "cannot read \(directory)/\(name)")
                #expect(
                    String(decoding: bytes, as: UTF8.self) == NoticeTemplates.text(kind: kind, part: part),
                    "\(name) differs from the built-in text")
            }
        }
    }

    @Test func readmeAndDocCommentDocumentEveryField() throws {
        let readme = String(decoding: try #require(readFile(deployDirectory() + "/templates/README")), as: UTF8.self)
        let source = String(
            decoding: try #require(readFile(deployDirectory() + "/../Sources/InspectNotices/NoticeTemplates.swift")), as: UTF8.self)
        let fields = [
            "district", "issued_date", "step", "due_date", "days_overdue", "case.id", "case.title", "case.source_name",
            "case.category", "case.site", "case.deadline", "case.status_name", "case.milestone", "case.milestone_due",
            "unit.id", "unit.name", "unit.leader_name", "unit.leader_phone", "person.name", "person.phone", "cases",
            "ranking", "rank", "unit_name", "outstanding", "overdue", "overdue_ratio_percent", "max_days_overdue",
            "lines", "shift.id", "shift.label", "shift.ended", "visits", "number", "site", "locality", "count", "members",
            "hours", "escalate_hours",
        ]
        for field in fields {
            #expect(readme.contains(field), "README does not document \(field)")
            #expect(source.contains(field), "NoticeTemplates' doc comment does not document \(field)")
        }
        for kind in NoticeKind.allCases {
            #expect(readme.contains(kind.rawValue) && readme.contains(kind.title))
        }
    }

    @Test func builtInsUseOnlyDocumentedFields() {
        let root: Set<String> = [
            "district", "issued_date", "step", "due_date", "days_overdue", "case.id", "case.title", "case.source_name",
            "case.category", "case.site", "case.deadline", "case.status_name", "case.milestone", "case.milestone_due",
            "unit.id", "unit.name", "unit.leader_name", "unit.leader_phone", "person.name", "person.phone", "cases",
            "ranking", "lines", "shift.id", "shift.label", "shift.ended", "visits", "count", "members", "hours", "escalate_hours",
        ]
        let items: Set<String> = [
            ".", "id", "title", "deadline", "days_overdue", "rank", "unit_name", "outstanding", "overdue",
            "overdue_ratio_percent", "max_days_overdue", "number", "site", "locality",
        ]
        for kind in NoticeKind.allCases {
            for part in NoticeTemplates.Part.allCases {
                for name in NoticeTemplateSet.builtIn.template(kind: kind, part: part).fieldNames {
                    #expect(root.contains(name) || items.contains(name), "\(kind).\(part) uses \(name)")
                }
            }
        }
    }

    @Test func noOverridesIsTheBuiltIns() throws {
        let set = try NoticeTemplateSet.make(overrides: [:]).get()
        #expect(set == NoticeTemplateSet.builtIn)
        #expect(set.overridden.isEmpty)
    }

    // MARK: the built-in texts

    @Test func supervision() throws {
        let notice = try render(.supervision, Self.caseContext)
        #expect(notice.subject == "【督办通知】「某砖厂未落实扬尘防治措施」（C-17）已逾期 13 天")
        #expect(
            notice.body == """
                白河镇人民政府：
                你单位负责整改的「某砖厂未落实扬尘防治措施」（编号 C-17）整改时限为 2026-03-31，现已逾期 13 天。请于收到本通知后 3 个工作日内报送整改进展，说明逾期原因、下一步整改措施和完成时限，并由单位主要负责同志亲自研究部署、推动落实。逾期仍未整改到位的，指挥部将约谈你单位主要负责人。

                问题来源：中央生态环境保护督察
                问题类别：大气
                检查对象：城东砖厂
                整改状态：整改中
                整改责任人：李明（13900000017）

                清河区污染防治攻坚战指挥部办公室
                2026-04-13
                """)
        // Without a site, its line goes entirely.
        let noSite = try render(.supervision, Self.caseContext.replacingFirst(#""site": "城东砖厂", "#, with: ""))
        #expect(!noSite.body.contains("检查对象"))
        #expect(noSite.body.contains("问题类别：大气\n整改状态：整改中\n"))
    }

    @Test func reminderForAMilestoneAndForTheDeadline() throws {
        let deadline = try render(.reminder, Self.caseContext)
        #expect(deadline.subject == "【整改提醒】「某砖厂未落实扬尘防治措施」（C-17）将于 2026-03-31 到期")
        #expect(
            deadline.body.hasPrefix(
                "白河镇人民政府、李明同志：\n你单位负责整改的「某砖厂未落实扬尘防治措施」（编号 C-17，问题来源：中央生态环境保护督察）整改时限将于 2026-03-31 到期，目前整改状态为“整改中”。"
            ))
        let milestone = try render(
            .reminder,
            Self.caseContext.replacingFirst(#""milestone": null, "milestone_due": null"#, with: #""milestone": "制定整改方案", "milestone_due": "2026-03-10""#)
                .replacingFirst(#""due_date": "2026-03-31""#, with: #""due_date": "2026-03-10""#))
        #expect(milestone.body.contains("）整改节点「制定整改方案」将于 2026-03-10 到期，"))
        #expect(milestone.body.hasSuffix("清河区污染防治攻坚战指挥部办公室\n2026-04-13"))
    }

    @Test func overdueAndAccountability() throws {
        let overdue = try render(.overdue, Self.caseContext)
        #expect(overdue.subject == "【逾期通知】「某砖厂未落实扬尘防治措施」（C-17）已逾期 13 天")
        #expect(overdue.body.contains("整改时限为 2026-03-31，截至 2026-04-13 已逾期 13 天，目前整改状态为“整改中”。"))
        let accountability = try render(.accountability, Self.caseContext)
        #expect(accountability.subject == "【问责建议】白河镇人民政府「某砖厂未落实扬尘防治措施」（C-17）逾期 13 天未整改")
        #expect(accountability.body.contains("单位主要负责人：王建国（13800000003）\n整改责任人：李明（13900000017）\n"))
    }

    @Test func summonsAboutACaseAndAboutALaggingUnit() throws {
        let aboutCase = try render(.summons, Self.caseContext)
        #expect(aboutCase.subject == "【约谈通知】白河镇人民政府主要负责人")
        #expect(
            aboutCase.body.hasPrefix(
                "王建国同志：\n你单位负责整改的「某砖厂未落实扬尘防治措施」（编号 C-17）整改时限为 2026-03-31，现已逾期 13 天，经督办仍未整改到位。\n经研究，"))
        let lagging = try render(
            .summons,
            """
            {"district": "清河区", "issued_date": "2026-04-13",
             "unit": {"id": "U-3", "name": "白河镇人民政府", "leader_name": "王建国", "leader_phone": "13800000003"},
             "cases": [{"id": "C-17", "title": "砖厂扬尘", "deadline": "2026-03-31", "days_overdue": 13},
                       {"id": "C-21", "title": "河道垃圾", "deadline": "2026-04-02", "days_overdue": 11}]}
            """)
        #expect(
            lagging.body.hasPrefix(
                """
                王建国同志：
                你单位整改工作进度滞后，下列问题逾期未完成整改：
                  C-17「砖厂扬尘」，整改时限 2026-03-31，已逾期 13 天；
                  C-21「河道垃圾」，整改时限 2026-04-02，已逾期 11 天；
                经研究，指挥部决定约谈你单位主要负责人。
                """))
    }

    @Test func unrecordedVisitsToTheTeamAndToTheDepartmentLeader() throws {
        let context = """
            {"district": "清河区", "issued_date": "2026-12-02", "count": 2, "hours": 12, "escalate_hours": 48,
             "shift": {"id": "2026-12-01/day/north/1", "label": "12月1日（周二）白班 08:00–16:00 北片区 第1组", "ended": "2026-12-01 16:00"},
             "visits": [{"number": 1, "id": "2026-12-01/day/north/1#1", "site": "城东砖厂", "locality": "白河镇"},
                        {"number": 3, "id": "2026-12-01/day/north/1#3", "site": "河口排污口", "locality": "柳林镇"}],
             "members": "张三、李四、王五",
             "unit": {"id": "env", "name": "生态环境局", "leader_name": "赵局长", "leader_phone": ""}}
            """
        let reminder = try render(.visitReminder, context)
        #expect(reminder.subject == "【检查结果录入提醒】12月1日（周二）白班 08:00–16:00 北片区 第1组有 2 个检查点位未录入结果")
        #expect(
            reminder.body.hasPrefix(
                """
                张三、李四、王五同志：
                你们参加的联合检查（12月1日（周二）白班 08:00–16:00 北片区 第1组）已于 2026-12-01 16:00 结束，以下 2 个检查点位的检查结果超过 12 小时仍未录入：
                1. 城东砖厂（白河镇），编号 2026-12-01/day/north/1#1
                3. 河口排污口（柳林镇），编号 2026-12-01/day/north/1#3
                请尽快用 inspectctl visit record 录入检查结果；结束后 48 小时仍未录入的，将告知所在部门主要负责人。
                """))
        let escalation = try render(.visitEscalation, context.replacingFirst(#""hours": 12"#, with: #""hours": 48"#))
        #expect(escalation.subject == "【检查结果未录入】生态环境局张三、李四、王五参加的联合检查有 2 个点位逾期未录入结果")
        #expect(escalation.body.hasPrefix("赵局长同志：\n你单位张三、李四、王五参加的联合检查（12月1日（周二）白班 08:00–16:00 北片区 第1组）已于 2026-12-01 16:00 结束，超过 48 小时仍有以下 2 个检查点位未录入检查结果：\n1. 城东砖厂"))
        #expect(escalation.body.hasSuffix("清河区污染防治攻坚战指挥部办公室\n2026-12-02"))
    }

    @Test func ranking() throws {
        let ranking = try render(
            .ranking,
            """
            {"district": "清河区", "issued_date": "2026-04-13",
             "ranking": [{"rank": 1, "unit_name": "河东街道", "outstanding": 4, "overdue": 0, "overdue_ratio_percent": 0, "max_days_overdue": 0},
                         {"rank": 2, "unit_name": "白河镇", "outstanding": 6, "overdue": 2, "overdue_ratio_percent": 33.3, "max_days_overdue": 13}]}
            """)
        #expect(ranking.subject == "【通报】清河区问题整改进展情况通报（截至 2026-04-13）")
        #expect(
            ranking.body == """
                各责任单位：
                截至 2026-04-13，各单位问题整改进展情况通报如下：
                1. 河东街道：未完成 4 件，其中逾期 0 件（逾期率 0%），最长逾期 0 天；
                2. 白河镇：未完成 6 件，其中逾期 2 件（逾期率 33.3%），最长逾期 13 天；
                请排名靠后的单位认真分析原因，倒排工期、挂图作战，确保按期完成整改任务。

                清河区污染防治攻坚战指挥部办公室
                2026-04-13
                """)
        let empty = try render(.ranking, #"{"district": "清河区", "issued_date": "2026-04-13", "ranking": []}"#)
        #expect(empty.body.contains("如下：\n目前没有未完成整改的问题。\n请排名"))
    }

    @Test func roster() throws {
        let roster = try render(
            .roster,
            #"{"district": "清河区", "issued_date": "2026-04-13", "title": "排班变更", "person": {"name": "张伟"}, "lines": ["4月14日（周二）白河镇 城东砖厂", "4月16日（周四）河东街道 农贸市场"]}"#)
        #expect(roster.subject == "【排班变更】清河区联合检查排班")
        #expect(
            roster.body.hasPrefix("张伟同志：\n4月14日（周二）白河镇 城东砖厂\n4月16日（周四）河东街道 农贸市场\n请按排班准时参加联合检查。"))
    }

    @Test func missingFieldsRenderEmptyNotBroken() throws {
        for kind in NoticeKind.allCases {
            let notice = try render(kind, "{}")
            #expect(!notice.subject.isEmpty)
            #expect(!notice.subject.contains("{{") && !notice.body.contains("{{"))
            #expect(!notice.subject.contains("\n"))
        }
    }

    // MARK: operator overrides

    @Test func anOverrideReplacesOnlyItsTemplate() throws {
        let set = try NoticeTemplateSet.make(overrides: [
            "supervision.subject.mustache": "督办：{{case.id}}\n{{unit.name}}\n\n",
            "supervision.body.mustache": "{{unit.name}}：请于 3 个工作日内报送整改进展。\n\n\n",
        ]).get()
        #expect(set.overridden == ["supervision.body.mustache", "supervision.subject.mustache"])
        let notice = set.render(kind: .supervision, context: try specContext(Self.caseContext))
        // The subject is folded onto one line; the body loses its trailing line breaks.
        #expect(notice.subject == "督办：C-17 白河镇人民政府")
        #expect(notice.body == "白河镇人民政府：请于 3 个工作日内报送整改进展。")
        let overdue = set.render(kind: .overdue, context: try specContext(Self.caseContext))
        #expect(overdue.body == (try render(.overdue, Self.caseContext)).body)
    }

    @Test func everyProblemIsReportedWithFileLineAndColumn() {
        let result = NoticeTemplateSet.make(overrides: [
            "supervison.body.mustache": "misspelt",
            "summons.body.mustache": "{{unit.leader_name}}同志：\n{{#cases}}\n  {{title}}\n",
            "ranking.subject.mustache": "  \n",
            "roster.body.mustache": "{{> header}}",
            "reminder.subject.mustache": "fine {{case.id}}",
        ])
        guard case .failure(let failure) = result else {
            Issue.record("broken templates were accepted")
            return
        }
        #expect(failure.problems.map(\.file) == [
            "ranking.subject.mustache", "roster.body.mustache", "summons.body.mustache", "supervison.body.mustache",
        ])
        #expect(failure.problems[0].line == nil)
        #expect(failure.problems[0].message.contains("empty"))
        #expect(failure.problems[1].description.hasPrefix("roster.body.mustache:1:1: partials"))
        #expect(failure.problems[2].line == 2 && failure.problems[2].column == 1)
        #expect(failure.problems[2].message.contains("{{/cases}}"))
        #expect(failure.problems[3].description.hasPrefix("supervison.body.mustache: not a template name"))
        #expect(failure.problems[3].message.contains("supervision"))
        #expect(failure.description.split(separator: "\n").count == 4)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(range, with: replacement)
        return copy
    }
}
