import InspectCalendar

/// When a planning period counts as a rain period (雨期): either value at or above its threshold.
public struct RainThresholds: Sendable, Equatable {
    /// A period whose highest probability of precipitation is at least this (0...100) is a rain period.
    public var probabilityPercent: Double
    /// A period with at least this much precipitation in total (mm) is a rain period.
    public var precipitationMM: Double

    /// Creates thresholds.
    public init(probabilityPercent: Double, precipitationMM: Double) {
        self.probabilityPercent = probabilityPercent
        self.precipitationMM = precipitationMM
    }
}

/// A forecast as the store keeps it: what was read, from which file, and when it arrived.
public struct StoredForecast: Sendable, Equatable {
    /// The store's id; among forecasts received in the same second the greater id is newer.
    public var id: Int64
    /// The file it was read from.
    public var file: String
    /// When it was received (UTC seconds).
    public var receivedAt: Int64
    /// Its intervals.
    public var intervals: [ForecastInterval]

    /// Creates a stored forecast.
    public init(id: Int64, file: String, receivedAt: Int64, intervals: [ForecastInterval]) {
        self.id = id
        self.file = file
        self.receivedAt = receivedAt
        self.intervals = intervals
    }
}

/// A planning period, on one date and for one area, that the forecast makes a rain period.
public struct RainPeriod: Sendable, Hashable, Codable {
    /// The date the period starts on (a period crossing midnight belongs to its first date).
    public var date: CivilDate
    /// The ``PlanningPeriod/id``.
    public var period: String
    /// The period's first second (UTC seconds).
    public var start: Int64
    /// The first second after the period (UTC seconds).
    public var end: Int64
    /// The area; nil for the whole district.
    public var area: String?
    /// The highest probability of any forecast interval overlapping the period; nil when none gives one.
    public var probabilityPercent: Double?
    /// The precipitation expected in the period: each overlapping interval's mm times the
    /// fraction of that interval inside the period, summed (rounded to 0.000001 mm).
    public var precipitationMM: Double
    /// The forecast whose value decided: the one with the highest probability when the
    /// probability reached its threshold, else the one contributing the most mm.
    public var forecastID: Int64
    /// That forecast's file.
    public var file: String

    /// Creates a rain period.
    public init(
        date: CivilDate, period: String, start: Int64, end: Int64, area: String?, probabilityPercent: Double?,
        precipitationMM: Double, forecastID: Int64, file: String
    ) {
        self.date = date
        self.period = period
        self.start = start
        self.end = end
        self.area = area
        self.probabilityPercent = probabilityPercent
        self.precipitationMM = precipitationMM
        self.forecastID = forecastID
        self.file = file
    }

    /// What identifies a rain period across evaluations: date, period and area.
    public struct Key: Sendable, Hashable {
        public var date: CivilDate
        public var period: String
        public var area: String?
    }

    /// Its date, period and area.
    public var key: Key { Key(date: date, period: period, area: area) }
}

/// The outcome of ``RainOutlook/evaluate(forecasts:periods:zone:thresholds:from:through:now:maxAgeSeconds:)``.
public struct RainOutlookResult: Sendable, Equatable {
    /// The rain periods, sorted by start, then area (the whole district first), then period id.
    public var rainPeriods: [RainPeriod]
    /// Forecasts left out because they were too old, ascending.
    public var staleForecastIDs: [Int64]
    /// Forecasts whose intervals (after newer ones replaced what they cover) overlap at
    /// least one evaluated period, ascending.
    public var usedForecastIDs: [Int64]

    /// Creates a result.
    public init(rainPeriods: [RainPeriod], staleForecastIDs: [Int64], usedForecastIDs: [Int64]) {
        self.rainPeriods = rainPeriods
        self.staleForecastIDs = staleForecastIDs
        self.usedForecastIDs = usedForecastIDs
    }

    /// Same as ``RainOutlook/changes(from:to:)``.
    public static func changes(from old: [RainPeriod], to new: [RainPeriod]) -> (
        added: [RainPeriod], removed: [RainPeriod]
    ) {
        RainOutlook.changes(from: old, to: new)
    }
}

/// Which planning periods are rain periods (晴雨结合: extra teams when polluters expect
/// rain to hide their discharges).
///
/// 1. A forecast received more than `maxAgeSeconds` before `now` is stale: listed, not used.
/// 2. The rest are laid over each other from oldest to newest (by `receivedAt`, then
///    `id`). Areas are independent keys (nil, the whole district, is a key of its own).
///    For each area a forecast has, it replaces everything older forecasts said about
///    that area within its span there, `[its first start, its last end)`, gaps
///    included; an older interval reaching past the span keeps the part outside it, with
///    its mm scaled to that part.
/// 3. For each date `from...through`, each period's instance
///    ``PlanningPeriod/interval(on:in:)`` and each area: the overlapping intervals give
///    probability = the highest, precipitation = Σ mm × (overlap ÷ interval length).
///    The period is a rain period when probability ≥ the probability threshold or (some
///    interval gives mm and) precipitation ≥ the precipitation threshold.
public enum RainOutlook {
    /// A piece of a forecast interval still in force.
    struct Piece {
        var start: Int64
        var end: Int64
        var precipitationMM: Double?
        var probabilityPercent: Double?
        var forecast: Int  // index into the fresh forecasts, oldest first
    }

    /// Evaluates the rain periods of `from...through`.
    public static func evaluate(
        forecasts: [StoredForecast], periods: [PlanningPeriod], zone: DistrictTimeZone, thresholds: RainThresholds,
        from: CivilDate, through: CivilDate, now: Int64, maxAgeSeconds: Int64
    ) -> RainOutlookResult {
        let stale = forecasts.filter { now - $0.receivedAt > maxAgeSeconds }.map(\.id).sorted()
        let fresh = forecasts.filter { now - $0.receivedAt <= maxAgeSeconds }
            .sorted { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }

        // Lay the forecasts over each other, oldest first.
        var effective: [String?: [Piece]] = [:]
        for (forecastIndex, forecast) in fresh.enumerated() {
            var byArea: [String?: [ForecastInterval]] = [:]
            for interval in forecast.intervals where interval.end > interval.start {
                byArea[interval.area, default: []].append(interval)
            }
            for (area, intervals) in byArea {
                let spanStart = intervals.map(\.start).min()!
                let spanEnd = intervals.map(\.end).max()!
                var kept: [Piece] = []
                for piece in effective[area] ?? [] {
                    if piece.end <= spanStart || piece.start >= spanEnd {
                        kept.append(piece)
                        continue
                    }
                    if piece.start < spanStart { kept.append(trimmed(piece, to: piece.start, spanStart)) }
                    if piece.end > spanEnd { kept.append(trimmed(piece, to: spanEnd, piece.end)) }
                }
                for interval in intervals {
                    kept.append(
                        Piece(
                            start: interval.start, end: interval.end, precipitationMM: interval.precipitationMM,
                            probabilityPercent: interval.probabilityPercent, forecast: forecastIndex))
                }
                effective[area] = kept.sorted { $0.start < $1.start }
            }
        }

        let areas = effective.keys.sorted { ($0 == nil ? 0 : 1, $0 ?? "") < ($1 == nil ? 0 : 1, $1 ?? "") }
        var rainPeriods: [RainPeriod] = []
        var used = Set<Int>()
        for date in from.through(through) {
            for period in periods {
                let instance = period.interval(on: date, in: zone)
                guard instance.end > instance.start else { continue }
                for area in areas {
                    var probability: Double?
                    var probabilityPiece: Piece?
                    var precipitation = 0.0
                    var hasPrecipitation = false
                    var contribution: [Int: Double] = [:]
                    for piece in effective[area]! {
                        let overlap = min(piece.end, instance.end) - max(piece.start, instance.start)
                        guard overlap > 0 else { continue }
                        used.insert(piece.forecast)
                        if let chance = piece.probabilityPercent, chance > (probability ?? -1) {
                            probability = chance
                            probabilityPiece = piece
                        }
                        if let amount = piece.precipitationMM {
                            let share = amount * Double(overlap) / Double(piece.end - piece.start)
                            precipitation += share
                            hasPrecipitation = true
                            contribution[piece.forecast, default: 0] += share
                        }
                    }
                    precipitation = (precipitation * 1_000_000).rounded() / 1_000_000
                    let deciding: Int
                    if let probability, let probabilityPiece, probability >= thresholds.probabilityPercent {
                        deciding = probabilityPiece.forecast
                    } else if hasPrecipitation, precipitation >= thresholds.precipitationMM {
                        // The largest share; on a tie the newer forecast.
                        deciding = contribution.max { ($0.value, $0.key) < ($1.value, $1.key) }!.key
                    } else {
                        continue
                    }
                    rainPeriods.append(
                        RainPeriod(
                            date: date, period: period.id, start: instance.start, end: instance.end, area: area,
                            probabilityPercent: probability, precipitationMM: precipitation,
                            forecastID: fresh[deciding].id, file: fresh[deciding].file))
                }
            }
        }
        rainPeriods.sort {
            ($0.start, $0.area == nil ? 0 : 1, $0.area ?? "", $0.period)
                < ($1.start, $1.area == nil ? 0 : 1, $1.area ?? "", $1.period)
        }
        return RainOutlookResult(
            rainPeriods: rainPeriods, staleForecastIDs: stale, usedForecastIDs: used.map { fresh[$0].id }.sorted())
    }

    /// The part `[start, end)` of a piece, with its mm scaled to that part.
    static func trimmed(_ piece: Piece, to start: Int64, _ end: Int64) -> Piece {
        var part = piece
        part.start = start
        part.end = end
        if let amount = piece.precipitationMM {
            part.precipitationMM = amount * Double(end - start) / Double(piece.end - piece.start)
        }
        return part
    }

    /// How the rain periods changed, keyed by date, period and area: `added` are in `new`
    /// but not `old` (in the order of `new`), `removed` are in `old` but not `new` (in
    /// the order of `old`). A period in both is in neither list, even if its values changed.
    public static func changes(from old: [RainPeriod], to new: [RainPeriod]) -> (
        added: [RainPeriod], removed: [RainPeriod]
    ) {
        let oldKeys = Set(old.map(\.key))
        let newKeys = Set(new.map(\.key))
        return (new.filter { !oldKeys.contains($0.key) }, old.filter { !newKeys.contains($0.key) })
    }
}
