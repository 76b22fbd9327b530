import GRDB
import InspectCore

// Database rows stay inside the store; the rest of the program sees InspectCore's types.

struct UnitRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "unit"
    var id: String
    var name: String
    var kind: String
    var leader_name: String
    var leader_phone: String
    var contact_name: String
    var contact_phone: String
    var updated_at: String

    init(_ unit: InspectCore.Unit, at time: String) {
        id = unit.id
        name = unit.name
        kind = unit.kind.rawValue
        leader_name = unit.leaderName
        leader_phone = unit.leaderPhone
        contact_name = unit.contactName
        contact_phone = unit.contactPhone
        updated_at = time
    }

    var unit: InspectCore.Unit {
        InspectCore.Unit(
            id: id, name: name, kind: UnitKind(rawValue: kind) ?? .locality,
            leaderName: leader_name, leaderPhone: leader_phone,
            contactName: contact_name, contactPhone: contact_phone
        )
    }
}

struct InspectorRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "inspector"
    var id: String
    var name: String
    var department: String
    var certified: Bool
    var home_locality: String?
    var phone: String
    var updated_at: String

    init(_ inspector: Inspector, at time: String) {
        id = inspector.id
        name = inspector.name
        department = inspector.department
        certified = inspector.certified
        home_locality = inspector.homeLocality
        phone = inspector.phone
        updated_at = time
    }

    var inspector: Inspector {
        Inspector(
            id: id, name: name, department: department, certified: certified,
            homeLocality: home_locality, phone: phone
        )
    }
}

struct SiteRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "site"
    var id: String
    var name: String
    var locality: String
    var kind: String
    var risk: String
    var rain_sensitive: Bool
    var night_sensitive: Bool
    var updated_at: String

    init(_ site: Site, at time: String) {
        id = site.id
        name = site.name
        locality = site.locality
        kind = site.kind
        risk = site.risk.rawValue
        rain_sensitive = site.rainSensitive
        night_sensitive = site.nightSensitive
        updated_at = time
    }

    var site: Site {
        Site(
            id: id, name: name, locality: locality, kind: kind, risk: RiskClass(rawValue: risk) ?? .c,
            rainSensitive: rain_sensitive, nightSensitive: night_sensitive
        )
    }
}
