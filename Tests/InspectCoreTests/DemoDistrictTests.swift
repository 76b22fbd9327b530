import Foundation
import InspectCore
import Testing

@Suite struct DemoDistrictTests {
    static let district = DemoDistrict.generate()

    @Test func splitMix64MatchesTheReferenceSequence() {
        // Reference values from the published algorithm (seed 1234567).
        var generator = SplitMix64(seed: 1_234_567)
        #expect(
            [generator.next(), generator.next(), generator.next()] == [
                6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            ])
    }

    @Test func boundedDrawsStayInRangeAndCoverIt() {
        var generator = SplitMix64(seed: 7)
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let value = generator.next(below: 6)
            #expect((0..<6).contains(value))
            seen.insert(value)
        }
        #expect(seen.count == 6)
    }

    @Test func sameSeedSameDistrictOtherSeedOtherDistrict() {
        #expect(DemoDistrict.generate() == Self.district)
        #expect(DemoDistrict.generate(seed: 1) != Self.district)
    }

    @Test func shapeOfTheDistrict() {
        let district = Self.district
        let departments = district.units.filter { $0.kind == .department }
        let localities = district.units.filter { $0.kind == .locality }
        #expect(departments.map(\.name) == ["生态环境局", "公安分局", "城市管理委员会", "水务局", "市场监督管理局", "住房和城乡建设委员会"])
        #expect(localities.count == 7)
        #expect(district.inspectors.count == 120)
        #expect(district.sites.count == 400)

        // Unique ids and names.
        #expect(Set(district.units.map(\.id)).count == district.units.count)
        #expect(Set(district.inspectors.map(\.id)).count == 120)
        #expect(Set(district.sites.map(\.id)).count == 400)
        #expect(Set(district.sites.map(\.name)).count == 400)
        let people = district.units.flatMap { [$0.leaderName, $0.contactName] } + district.inspectors.map(\.name)
        #expect(Set(people).count == people.count)
        let phones = district.units.flatMap { [$0.leaderPhone, $0.contactPhone] } + district.inspectors.map(\.phone)
        #expect(Set(phones).count == phones.count)
        let mobiles = phones.allSatisfy { $0.count == 11 && $0.first == "1" && $0.allSatisfy { $0.isNumber } }
        #expect(mobiles)
    }

    @Test func inspectorsAreSpreadAndMostlyCertified() {
        let inspectors = Self.district.inspectors
        let certified = inspectors.filter(\.certified).count
        #expect((72...96).contains(certified), "certified: \(certified)")
        let withHome = inspectors.filter { $0.homeLocality != nil }.count
        #expect(withHome > 90 && withHome < 120)
        for department in Self.district.units where department.kind == .department {
            let members = inspectors.filter { $0.department == department.id }
            #expect(members.count >= 8, "\(department.name)")
            #expect(members.filter(\.certified).count >= 3, "\(department.name)")
        }
    }

    @Test func sitesHaveTheRightMix() {
        let sites = Self.district.sites
        #expect(Set(sites.map(\.kind)) == Set(Site.commonKinds))
        let a = sites.filter { $0.risk == .a }.count
        let b = sites.filter { $0.risk == .b }.count
        #expect((40...80).contains(a), "A: \(a)")  // about 15%
        #expect((110...170).contains(b), "B: \(b)")  // about 35%
        let drains = sites.filter { $0.kind == "入河排污口" || $0.kind == "雨污分流点" }
        let allDrainsRainSensitive = drains.allSatisfy { $0.rainSensitive }
        #expect(allDrainsRainSensitive)
        let smallPolluters = sites.filter { $0.kind == "散乱污企业" }
        #expect(smallPolluters.filter(\.nightSensitive).count * 100 / smallPolluters.count >= 70)
        // Border sites only in localities that border another district; every locality has sites.
        let borderLocalities: Set = ["baihe", "liulin", "binhe", "nangang"]
        let borderSites = sites.filter { $0.kind == "临区搭界处" }
        let allOnTheBorder = borderSites.allSatisfy { borderLocalities.contains($0.locality) }
        #expect(allOnTheBorder)
        #expect(Set(sites.map(\.locality)).count == 7)
        #expect(sites.contains { $0.name.hasSuffix("有限公司") })
        #expect(sites.contains { $0.name.contains("入河排污口") && $0.name.hasSuffix("号") })
    }

    @Test func everyTableRoundTripsThroughCSV() throws {
        let district = Self.district
        let units = try DirectoryImport.units(from: district.csv(.units))
        let inspectors = try DirectoryImport.inspectors(from: district.csv(.inspectors))
        let sites = try DirectoryImport.sites(from: district.csv(.sites))
        #expect(units.map(\.value) == district.units)
        #expect(inspectors.map(\.value) == district.inspectors)
        #expect(sites.map(\.value) == district.sites)
        #expect(sites.last?.line == 401)
        #expect(DirectoryImport.checkReferences(units: district.units, inspectors: inspectors, sites: sites).isEmpty)
    }

    @Test func demoTablesImportFromBytesAsUTF8() throws {
        for kind in DirectoryKind.allCases {
            let result = try DirectoryImport.read(kind, bytes: Array(Self.district.csv(kind).utf8))
            #expect(result.encoding == .utf8)
            #expect(result.records.kind == kind)
        }
    }

    @Test func jsonKeysAreTheCSVColumnNames() throws {
        let district = Self.district
        let encoder = JSONEncoder()
        func keys(_ data: Data) throws -> Set<String> {
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return Set(object?.keys.map { $0 } ?? [])
        }
        #expect(try keys(encoder.encode(district.units[0])) == Set(DirectoryKind.units.columns))
        #expect(try keys(encoder.encode(district.sites[0])) == Set(DirectoryKind.sites.columns))
        var homeless = district.inspectors[0]
        homeless.homeLocality = nil
        let data = try encoder.encode(homeless)
        #expect(try keys(data) == Set(DirectoryKind.inspectors.columns))
        #expect(String(decoding: data, as: UTF8.self).contains(#""home_locality":null"#))
        #expect(String(decoding: data, as: UTF8.self).contains(#""certified":"#))
        #expect(try JSONDecoder().decode(Inspector.self, from: data) == homeless)
        let sitesJSON = try encoder.encode(district.sites)
        let unitsJSON = try encoder.encode(district.units)
        #expect(try JSONDecoder().decode([Site].self, from: sitesJSON) == district.sites)
        let decodedUnits = try JSONDecoder().decode([DistrictUnit].self, from: unitsJSON)
        #expect(decodedUnits == district.units)
        let site = String(decoding: try encoder.encode(district.sites[0]), as: UTF8.self)
        #expect(site.contains(#""risk":""#))
        #expect(site.contains(#""rain_sensitive":"#))
    }
}
