import InspectCalendar
import InspectCore

/// The canonical byte serialization of a draw's input, and its SHA-256.
///
/// Format `inspectd.visit-draw.input.v1`: every string is its UTF-8 length as a big-endian
/// UInt64 then its bytes; integers and dates (days since 1970-01-01) are big-endian 64-bit;
/// booleans one byte; lists and sets a UInt64 count then the elements, sets sorted by UTF-8
/// bytes. Sections in order: tag, cadence (A, B, C), sites, history, slots, each list in
/// canonical order. Changing any of this needs a new version tag.
enum InputDigest {
    static let version = "inspectd.visit-draw.input.v1"

    static func hex(_ input: CanonicalInput) -> String {
        var writer = ByteWriter()
        writer.string(version)
        writer.string("cadence")
        writer.int(input.cadence.daysA)
        writer.int(input.cadence.daysB)
        writer.int(input.cadence.daysC)
        writer.string("sites")
        writer.int(input.sites.count)
        for site in input.sites { writer.site(site) }
        writer.string("history")
        writer.int(input.history.count)
        for visit in input.history {
            writer.string(visit.siteID)
            writer.date(visit.date)
            writer.string(visit.periodID)
        }
        writer.string("slots")
        writer.int(input.slots.count)
        for slot in input.slots { writer.slot(slot) }
        return SHA256.hex(writer.bytes)
    }

    /// A site's serialization: the tie-breaker between two sites with one id.
    static func bytes(of site: Site) -> [UInt8] {
        var writer = ByteWriter()
        writer.site(site)
        return writer.bytes
    }

    /// A slot's serialization: the tie-breaker between two slots with one date, period and id.
    static func bytes(of slot: VisitSlot) -> [UInt8] {
        var writer = ByteWriter()
        writer.slot(slot)
        return writer.bytes
    }
}

struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func uint(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func int(_ value: Int) { uint(UInt64(bitPattern: Int64(value))) }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        uint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    mutating func date(_ value: CivilDate) { int(value.daysSinceEpoch) }

    mutating func strings(_ values: Set<String>) {
        int(values.count)
        for value in values.sorted(by: utf8Less) { string(value) }
    }

    mutating func site(_ site: Site) {
        string(site.id)
        string(site.name)
        string(site.locality)
        string(site.kind)
        string(site.risk.rawValue)
        bool(site.rainSensitive)
        bool(site.nightSensitive)
    }

    mutating func slot(_ slot: VisitSlot) {
        string(slot.id)
        date(slot.date)
        string(slot.periodID)
        bool(slot.isNight)
        bool(slot.isRain)
        strings(slot.zoneLocalities)
        strings(slot.recusedLocalities)
        strings(slot.conflictedSites)
        int(slot.visits)
    }
}
