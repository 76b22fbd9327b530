#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The dates of China's statutory holidays that follow the Moon or the Sun — 春节 and 除夕,
/// 端午节, 中秋节 and 清明 — computed from the positions of the Sun and the Moon, not read from
/// a table, so that a year the State Council has not announced yet can still be laid out.
///
/// The calendar rules are those of GB/T 33661-2017 (农历的编算和颁行):
/// - a month begins on the calendar day of the astronomical new moon;
/// - the month that contains the winter solstice (冬至, apparent solar longitude 270°) is
///   month 11;
/// - when 13 months begin between one month 11 and the next (a leap 岁), the first of them
///   that contains no major solar term (中气, an apparent solar longitude that is a multiple
///   of 30°) is the leap month (闰月) and takes the number of the month before it.
///
/// Calendar days are counted in Beijing time, UTC+8, as the standard prescribes. Before 1929
/// the calendar counted them at the meridian of Beijing itself (116°25′E, local mean time
/// UTC+7:45:40), and instants before 1929 are placed on that clock: this is why 1916's
/// New Year is 3 February (the new moon was at 23:51 local mean time on the 3rd, 00:05 UTC+8
/// on the 4th), as in the Hong Kong Observatory's tables.
///
/// The astronomy is Jean Meeus, *Astronomical Algorithms* (2nd ed., 1998): new moons from
/// chapter 49, the Sun from chapter 25's higher-accuracy method (VSOP87 as truncated in
/// Appendix III, FK5 correction, nutation from chapter 22, aberration), and TT − UT from
/// the Espenak–Meeus polynomials. Solar terms and new moons come out within about half a
/// minute of the published times; over 1901–2099 no holiday computed here moves when every
/// instant is shifted by two minutes either way (the closest call is 中秋 2089, whose month
/// begins with a new moon at 23:57:36 UTC+8 on 4 September 2089).
public enum ChineseLunisolar {
    /// Years the computation is verified for.
    public static let supportedYears: ClosedRange<Int> = 1901...2099

    /// 春节: the first day of the first lunar month (正月初一) falling in Gregorian `year`.
    public static func springFestival(_ year: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: firstDay(ofMonth: 1, in: year))
    }

    /// 除夕: the last day of the lunar year before 正月初一 (the day before springFestival).
    public static func newYearsEve(_ year: Int) -> CivilDate {
        springFestival(year).adding(days: -1)
    }

    /// 端午节: 五月初五.
    public static func dragonBoatFestival(_ year: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: firstDay(ofMonth: 5, in: year) + 4)
    }

    /// 中秋节: 八月十五.
    public static func midAutumnFestival(_ year: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: firstDay(ofMonth: 8, in: year) + 14)
    }

    /// 清明: the day (Beijing time) the Sun's apparent geocentric longitude reaches 15°.
    public static func qingming(_ year: Int) -> CivilDate {
        precondition(supportedYears.contains(year), "ChineseLunisolar supports \(supportedYears), not \(year)")
        let guess = julianDay(of: CivilDate(year: year, month: 4, day: 5)!)
        return CivilDate(daysSinceEpoch: calendarDay(of: Sun.moment(reachingLongitude: 15, near: guess)))
    }
}

// MARK: - The calendar rules

extension ChineseLunisolar {
    /// One month of the Chinese calendar.
    struct LunarMonth: Equatable {
        /// 1...12 (11 is 冬月, 12 is 腊月).
        let number: Int
        /// Whether this is the leap month repeating `number`.
        let isLeap: Bool
        /// Its first day (初一), in days since 1970-01-01.
        let firstDay: Int
    }

    /// The first day (days since 1970-01-01) of the ordinary, not leap, month `number`
    /// (1...10) of the lunar year that begins in Gregorian `year`.
    static func firstDay(ofMonth number: Int, in year: Int) -> Int {
        precondition(supportedYears.contains(year), "ChineseLunisolar supports \(supportedYears), not \(year)")
        guard let month = monthsOfSui(endingIn: year).first(where: { $0.number == number && !$0.isLeap }) else {
            preconditionFailure("month \(number) is not in the 岁 ending in \(year)")
        }
        return month.firstDay
    }

    /// The months of one 岁: from month 11, which contains the winter solstice of `year - 1`,
    /// up to and not including the month 11 that contains the winter solstice of `year`.
    /// Twelve months, or thirteen with a leap month (the rules of GB/T 33661-2017).
    static func monthsOfSui(endingIn year: Int) -> [LunarMonth] {
        let solsticeBefore = Sun.moment(
            reachingLongitude: winterSolsticeLongitude,
            near: julianDay(of: CivilDate(year: year - 1, month: 12, day: 22)!))
        let solsticeAfter = Sun.moment(
            reachingLongitude: winterSolsticeLongitude,
            near: julianDay(of: CivilDate(year: year, month: 12, day: 22)!))
        let firstLunation = lastLunation(beginningOnOrBefore: calendarDay(of: solsticeBefore), near: solsticeBefore)
        let nextMonth11 = lastLunation(beginningOnOrBefore: calendarDay(of: solsticeAfter), near: solsticeAfter)
        // firstDays[i] is the first day of the i-th month; the last entry is the next month 11.
        let firstDays = (firstLunation...nextMonth11).map { calendarDay(of: Moon.newMoon(lunation: $0)) }
        let monthCount = firstDays.count - 1
        let leapIndex = monthCount == 13 ? firstMonthWithoutMajorTerm(firstDays, after: solsticeBefore) : nil

        var months: [LunarMonth] = []
        var number = 11
        for index in 0..<monthCount {
            let isLeap = index == leapIndex
            if index > 0 && !isLeap { number = number % 12 + 1 }
            months.append(LunarMonth(number: number, isLeap: isLeap, firstDay: firstDays[index]))
        }
        return months
    }

    /// In a 岁 of thirteen months starting on `firstDays` (with the next month 11's first day
    /// last), the index of the first month in which no major solar term (中气) falls. The
    /// major terms are the winter solstice `solstice` and those after it, 30° apart; they
    /// are computed only as far as the search needs them.
    static func firstMonthWithoutMajorTerm(_ firstDays: [Int], after solstice: Double) -> Int {
        var term = solstice
        var termLongitude = winterSolsticeLongitude
        var termDay = calendarDay(of: term)
        for index in 1..<(firstDays.count - 1) {
            // Move to the first major term on or after this month's first day.
            while termDay < firstDays[index] {
                termLongitude = (termLongitude + majorTermSpacing).truncatingRemainder(dividingBy: 360)
                term = Sun.moment(
                    reachingLongitude: termLongitude, near: term + majorTermSpacing / Sun.dailyMotion(at: term))
                termDay = calendarDay(of: term)
            }
            if termDay >= firstDays[index + 1] { return index }
        }
        preconditionFailure("a 岁 of 13 months always has a month without a major solar term")
    }

    /// The lunation number (Meeus's k) of the last new moon whose calendar day is on or
    /// before `day`; `jde` is an instant near that day.
    static func lastLunation(beginningOnOrBefore day: Int, near jde: Double) -> Int {
        var lunation = Int(((jde - Moon.lunationZero) / Moon.meanSynodicMonth).rounded(.down))
        while calendarDay(of: Moon.newMoon(lunation: lunation + 1)) <= day { lunation += 1 }
        while calendarDay(of: Moon.newMoon(lunation: lunation)) > day { lunation -= 1 }
        return lunation
    }

    /// Apparent solar longitude of the winter solstice, 冬至 (degrees).
    static let winterSolsticeLongitude = 270.0
    /// Degrees between consecutive major solar terms (中气).
    static let majorTermSpacing = 30.0
}

// MARK: - Time scales and the calendar's clock

extension ChineseLunisolar {
    /// Julian Day of 1970-01-01 00:00 UT, the epoch of `CivilDate.daysSinceEpoch`.
    static let unixEpochJulianDay = 2_440_587.5
    /// Julian Day of J2000.0, 2000-01-01 12:00 TT.
    static let j2000 = 2_451_545.0
    static let secondsPerDay = 86_400.0
    static let daysPerJulianCentury = 36_525.0

    /// Offset of standard time at 120°E, Beijing time, from UT (days): UTC+8.
    static let standardTimeOffset = 8.0 / 24
    /// Offset of local mean time at the Beijing meridian, 116°25′E, from UT (days):
    /// UTC+7:45:40, the calendar's clock before 1929.
    static let beijingMeanTimeOffset = (116.0 + 25.0 / 60) / 360
    /// The first day counted in UTC+8: 1929-01-01.
    static let standardTimeAdopted = Double(CivilDate(year: 1929, month: 1, day: 1)!.daysSinceEpoch)

    /// The Julian Day at 00:00 UT of `date`.
    static func julianDay(of date: CivilDate) -> Double {
        Double(date.daysSinceEpoch) + unixEpochJulianDay
    }

    /// The calendar day (days since 1970-01-01) on which the instant `jde`, a Julian
    /// Ephemeris Day (TT), falls on the calendar's clock: UTC+8, or Beijing local mean time
    /// before 1929.
    static func calendarDay(of jde: Double) -> Int {
        let universal = DynamicalTime.universalTime(of: jde) - unixEpochJulianDay
        let beijing = universal + standardTimeOffset
        let local = beijing >= standardTimeAdopted ? beijing : universal + beijingMeanTimeOffset
        return Int(local.rounded(.down))
    }

    /// ΔT = TT − UT.
    enum DynamicalTime {
        /// The Julian Day (UT) of the instant whose Julian Ephemeris Day (TT) is `jde`.
        static func universalTime(of jde: Double) -> Double {
            let year = 2000 + (jde - j2000) / 365.25
            return jde - deltaT(year: year) / secondsPerDay
        }

        /// ΔT in seconds at the decimal `year`, 1900...2150: the polynomials of Espenak and
        /// Meeus, *Five Millennium Canon of Solar Eclipses* (NASA/TP-2006-214141), as given at
        /// eclipse.gsfc.nasa.gov/SEcat5/deltatpoly.html. Past 2005 they are extrapolations;
        /// they stay within a few seconds of the observed ΔT to date.
        static func deltaT(year y: Double) -> Double {
            switch y {
            case ..<1920:
                let t = y - 1900
                return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * t * t * t - 0.000197 * t * t * t * t
            case ..<1941:
                let t = y - 1920
                return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * t * t * t
            case ..<1961:
                let t = y - 1950
                return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547
            case ..<1986:
                let t = y - 1975
                return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718
            case ..<2005:
                let t = y - 2000
                return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t
                    + 0.000651814 * t * t * t * t + 0.00002373599 * t * t * t * t * t
            case ..<2050:
                let t = y - 2000
                return 62.92 + 0.32217 * t + 0.005589 * t * t
            default:
                let u = (y - 1820) / 100
                return -20 + 32 * u * u - 0.5628 * (2150 - y)
            }
        }
    }
}

// MARK: - The Moon: new moons

extension ChineseLunisolar {
    /// Instants of new moon, Meeus chapter 49.
    enum Moon {
        /// JDE of the mean new moon of lunation 0, 2000-01-06 (Meeus 49.1).
        static let lunationZero = 2_451_550.09766
        /// The mean synodic month in days (Meeus 49.1).
        static let meanSynodicMonth = 29.530588861
        /// Lunations per Julian century: T = k / 1236.85 (Meeus 49.3).
        static let lunationsPerCentury = 1236.85

        /// The instant (JDE, TT) of the true new moon of lunation `lunation` (Meeus's k;
        /// 0 is 2000-01-06): the mean phase (49.1) plus the periodic corrections for the new
        /// moon and the additional corrections from the planetary arguments. It reproduces
        /// Meeus's example 49.a to 10⁻⁵ day and published new moons to the minute (see the
        /// tests).
        static func newMoon(lunation: Int) -> Double {
            let k = Double(lunation)
            let t = k / lunationsPerCentury
            let meanPhase = lunationZero + meanSynodicMonth * k
                + 0.00015437 * t * t - 0.000000150 * t * t * t + 0.00000000073 * t * t * t * t
            return meanPhase + periodicCorrection(k: k, t: t) + planetaryCorrection(k: k, t: t)
        }

        /// One term `coefficient · Eⁿ · sin(m·M + m′·M′ + f·F + ω·Ω)` of the new-moon
        /// corrections, in days.
        struct Term {
            let coefficient: Double
            let powerOfE: Int
            let sunAnomaly: Double, moonAnomaly: Double, latitude: Double, node: Double

            init(_ coefficient: Double, e powerOfE: Int = 0, m: Double = 0, mʹ: Double = 0, f: Double = 0, ω: Double = 0) {
                self.coefficient = coefficient
                self.powerOfE = powerOfE
                (sunAnomaly, moonAnomaly, latitude, node) = (m, mʹ, f, ω)
            }
        }

        /// Corrections for the new moon, Meeus p. 351.
        static let newMoonTerms: [Term] = [
            Term(-0.40720, mʹ: 1),
            Term(+0.17241, e: 1, m: 1),
            Term(+0.01608, mʹ: 2),
            Term(+0.01039, f: 2),
            Term(+0.00739, e: 1, m: -1, mʹ: 1),
            Term(-0.00514, e: 1, m: 1, mʹ: 1),
            Term(+0.00208, e: 2, m: 2),
            Term(-0.00111, mʹ: 1, f: -2),
            Term(-0.00057, mʹ: 1, f: 2),
            Term(+0.00056, e: 1, m: 1, mʹ: 2),
            Term(-0.00042, mʹ: 3),
            Term(+0.00042, e: 1, m: 1, f: 2),
            Term(+0.00038, e: 1, m: 1, f: -2),
            Term(-0.00024, e: 1, m: -1, mʹ: 2),
            Term(-0.00017, ω: 1),
            Term(-0.00007, m: 2, mʹ: 1),
            Term(+0.00004, mʹ: 2, f: -2),
            Term(+0.00004, m: 3),
            Term(+0.00003, m: 1, mʹ: 1, f: -2),
            Term(+0.00003, mʹ: 2, f: 2),
            Term(-0.00003, m: 1, mʹ: 1, f: 2),
            Term(+0.00003, m: -1, mʹ: 1, f: 2),
            Term(-0.00002, m: -1, mʹ: 1, f: -2),
            Term(-0.00002, m: 1, mʹ: 3),
            Term(+0.00002, mʹ: 4),
        ]

        /// The sum of `newMoonTerms` at lunation `k` (Meeus 49.4–49.7 for the arguments).
        static func periodicCorrection(k: Double, t: Double) -> Double {
            let eccentricity = 1 - 0.002516 * t - 0.0000074 * t * t  // 47.6
            let sunAnomaly = radians(2.5534 + 29.10535670 * k - 0.0000014 * t * t - 0.00000011 * t * t * t)
            let moonAnomaly = radians(
                201.5643 + 385.81693528 * k + 0.0107582 * t * t + 0.00001238 * t * t * t
                    - 0.000000058 * t * t * t * t)
            let latitude = radians(
                160.7108 + 390.67050284 * k - 0.0016118 * t * t - 0.00000227 * t * t * t
                    + 0.000000011 * t * t * t * t)
            let node = radians(124.7746 - 1.56375588 * k + 0.0020672 * t * t + 0.00000215 * t * t * t)
            var sum = 0.0
            for term in newMoonTerms {
                let argument = term.sunAnomaly * sunAnomaly + term.moonAnomaly * moonAnomaly
                    + term.latitude * latitude + term.node * node
                sum += term.coefficient * pow(eccentricity, Double(term.powerOfE)) * sin(argument)
            }
            return sum
        }

        /// A planetary argument `A = a + b·k + c·T²` (degrees) and its amplitude in days.
        struct PlanetaryArgument {
            let a: Double, b: Double, c: Double, amplitude: Double
        }

        /// The fourteen planetary arguments A1...A14 and their additional corrections,
        /// Meeus p. 351–352.
        static let planetaryArguments: [PlanetaryArgument] = [
            .init(a: 299.77, b: 0.107408, c: -0.009173, amplitude: 0.000325),
            .init(a: 251.88, b: 0.016321, c: 0, amplitude: 0.000165),
            .init(a: 251.83, b: 26.651886, c: 0, amplitude: 0.000164),
            .init(a: 349.42, b: 36.412478, c: 0, amplitude: 0.000126),
            .init(a: 84.66, b: 18.206239, c: 0, amplitude: 0.000110),
            .init(a: 141.74, b: 53.303771, c: 0, amplitude: 0.000062),
            .init(a: 207.14, b: 2.453732, c: 0, amplitude: 0.000060),
            .init(a: 154.84, b: 7.306860, c: 0, amplitude: 0.000056),
            .init(a: 34.52, b: 27.261239, c: 0, amplitude: 0.000047),
            .init(a: 207.19, b: 0.121824, c: 0, amplitude: 0.000042),
            .init(a: 291.34, b: 1.844379, c: 0, amplitude: 0.000040),
            .init(a: 161.72, b: 24.198154, c: 0, amplitude: 0.000037),
            .init(a: 239.56, b: 25.513099, c: 0, amplitude: 0.000035),
            .init(a: 331.55, b: 3.592518, c: 0, amplitude: 0.000023),
        ]

        /// The additional corrections for all phases, in days.
        static func planetaryCorrection(k: Double, t: Double) -> Double {
            planetaryArguments.reduce(0) { sum, argument in
                sum + argument.amplitude * sin(radians(argument.a + argument.b * k + argument.c * t * t))
            }
        }
    }
}

// MARK: - The Sun: apparent longitude and solar terms

extension ChineseLunisolar {
    /// The Sun's apparent geocentric longitude, Meeus chapter 25 ("higher accuracy").
    enum Sun {
        /// The Sun's mean motion in longitude, degrees per day (360° per tropical year).
        static let meanDegreesPerDay = 360 / 365.2422
        /// Stop refining a solar term once a step is below this (days; under 0.1 s).
        static let convergence = 1e-6
        /// FK5 correction to the VSOP87 longitude, Meeus 25.9: −0.09033″ (degrees).
        static let fk5Correction = -0.09033 / 3600
        /// The constant of aberration for the Sun, 20.4898″ at 1 AU (Meeus 25.10), degrees.
        static let aberrationAtOneAU = 20.4898 / 3600
        /// Julian days per Julian millennium, the time unit of VSOP87.
        static let daysPerJulianMillennium = 365_250.0

        /// The instant (JDE) near `guess` at which the apparent longitude is `longitude`
        /// degrees, by Newton's method on the longitude (as Meeus chapter 27 corrects the
        /// equinoxes, with the Sun's actual rather than mean daily motion).
        static func moment(reachingLongitude longitude: Double, near guess: Double) -> Double {
            var jde = guess
            for _ in 0..<20 {
                let step = signedDegrees(longitude - apparentLongitude(at: jde)) / dailyMotion(at: jde)
                jde += step
                if abs(step) < convergence { break }
            }
            return jde
        }

        /// The Sun's motion in longitude at `jde`, degrees per day: the mean motion times
        /// 1 + 2e cos M, the derivative of the equation of centre to first order in the
        /// eccentricity e (Meeus 25.2–25.4 for M and e).
        static func dailyMotion(at jde: Double) -> Double {
            let t = (jde - j2000) / daysPerJulianCentury
            let meanAnomaly = radians(357.52911 + 35999.05029 * t)
            let eccentricity = 0.016708634 - 0.000042037 * t
            return meanDegreesPerDay * (1 + 2 * eccentricity * cos(meanAnomaly))
        }

        /// The apparent geocentric longitude of the Sun at `jde`, degrees in [0, 360),
        /// referred to the true equinox of date: the geometric longitude from VSOP87, the
        /// FK5 correction, nutation in longitude and aberration (Meeus pp. 166–167).
        static func apparentLongitude(at jde: Double) -> Double {
            let tau = (jde - j2000) / daysPerJulianMillennium
            let earthLongitude = degrees(VSOP87Earth.longitude(tau: tau))
            let geometric = earthLongitude + 180  // the Sun seen from the Earth
            let aberration = -aberrationAtOneAU / VSOP87Earth.radius(tau: tau)
            let nutation = Nutation.longitude(centuries: tau * 10)
            let apparent = geometric + fk5Correction + nutation + aberration
            return apparent - 360 * (apparent / 360).rounded(.down)
        }
    }

    /// One term `amplitude · cos(phase + frequency · τ)` of a VSOP87 series.
    struct PeriodicTerm {
        let amplitude: Double, phase: Double, frequency: Double
        init(_ amplitude: Double, _ phase: Double, _ frequency: Double) {
            (self.amplitude, self.phase, self.frequency) = (amplitude, phase, frequency)
        }
    }

    /// The Earth's heliocentric ecliptic longitude and radius vector referred to the mean
    /// equinox of date: VSOP87D (Bretagnon and Francou, 1988) as truncated by Meeus,
    /// Appendix III (Earth), units of 10⁻⁸ rad and 10⁻⁸ AU. The radius only scales the
    /// 20.5″ aberration, so its series are cut to the terms above 10⁻⁵ AU (under 0.001″).
    enum VSOP87Earth {
        /// L in radians; `tau` in Julian millennia from J2000.0 (TT).
        static func longitude(tau: Double) -> Double {
            evaluate([l0, l1, l2, l3, l4, l5], tau: tau)
        }

        /// R in AU.
        static func radius(tau: Double) -> Double {
            evaluate([r0, r1], tau: tau)
        }

        /// Σ τⁿ · Σ A cos(B + C τ), scaled from 10⁻⁸ units.
        static func evaluate(_ series: [[PeriodicTerm]], tau: Double) -> Double {
            var total = 0.0
            for terms in series.reversed() {
                var sum = 0.0
                for term in terms { sum += term.amplitude * cos(term.phase + term.frequency * tau) }
                total = total * tau + sum
            }
            return total / 1e8
        }

        static let l0: [PeriodicTerm] = [
            .init(175_347_046, 0, 0), .init(3_341_656, 4.6692568, 6283.07585),
            .init(34894, 4.62610, 12566.15170), .init(3497, 2.7441, 5753.3849),
            .init(3418, 2.8289, 3.5231), .init(3136, 3.6277, 77713.7715),
            .init(2676, 4.4181, 7860.4194), .init(2343, 6.1352, 3930.2097),
            .init(1324, 0.7425, 11506.7698), .init(1273, 2.0371, 529.6910),
            .init(1199, 1.1096, 1577.3435), .init(990, 5.233, 5884.927),
            .init(902, 2.045, 26.298), .init(857, 3.508, 398.149),
            .init(780, 1.179, 5223.694), .init(753, 2.533, 5507.553),
            .init(505, 4.583, 18849.228), .init(492, 4.205, 775.523),
            .init(357, 2.920, 0.067), .init(317, 5.849, 11790.629),
            .init(284, 1.899, 796.298), .init(271, 0.315, 10977.079),
            .init(243, 0.345, 5486.778), .init(206, 4.806, 2544.314),
            .init(205, 1.869, 5573.143), .init(202, 2.458, 6069.777),
            .init(156, 0.833, 213.299), .init(132, 3.411, 2942.463),
            .init(126, 1.083, 20.775), .init(115, 0.645, 0.980),
            .init(103, 0.636, 4694.003), .init(102, 0.976, 15720.839),
            .init(102, 4.267, 7.114), .init(99, 6.21, 2146.17),
            .init(98, 0.68, 155.42), .init(86, 5.98, 161000.69),
            .init(85, 1.30, 6275.96), .init(85, 3.67, 71430.70),
            .init(80, 1.81, 17260.15), .init(79, 3.04, 12036.46),
            .init(75, 1.76, 5088.63), .init(74, 3.50, 3154.69),
            .init(74, 4.68, 801.82), .init(70, 0.83, 9437.76),
            .init(62, 3.98, 8827.39), .init(61, 1.82, 7084.90),
            .init(57, 2.78, 6286.60), .init(56, 4.39, 14143.50),
            .init(56, 3.47, 6279.55), .init(52, 0.19, 12139.55),
            .init(52, 1.33, 1748.02), .init(51, 0.28, 5856.48),
            .init(49, 0.49, 1194.45), .init(41, 5.37, 8429.24),
            .init(41, 2.40, 19651.05), .init(39, 6.17, 10447.39),
            .init(37, 6.04, 10213.29), .init(37, 2.57, 1059.38),
            .init(36, 1.71, 2352.87), .init(36, 1.78, 6812.77),
            .init(33, 0.59, 17789.85), .init(30, 0.44, 83996.85),
            .init(30, 2.74, 1349.87), .init(25, 3.16, 4690.48),
        ]
        static let l1: [PeriodicTerm] = [
            .init(628_331_966_747, 0, 0), .init(206_059, 2.678235, 6283.07585),
            .init(4303, 2.6351, 12566.1517), .init(425, 1.590, 3.523),
            .init(119, 5.796, 26.298), .init(109, 2.966, 1577.344),
            .init(93, 2.59, 18849.23), .init(72, 1.14, 529.69),
            .init(68, 1.87, 398.15), .init(67, 4.41, 5507.55),
            .init(59, 2.89, 5223.69), .init(56, 2.17, 155.42),
            .init(45, 0.40, 796.30), .init(36, 0.47, 775.52),
            .init(29, 2.65, 7.11), .init(21, 5.34, 0.98),
            .init(19, 1.85, 5486.78), .init(19, 4.97, 213.30),
            .init(17, 2.99, 6275.96), .init(16, 0.03, 2544.31),
            .init(16, 1.43, 2146.17), .init(15, 1.21, 10977.08),
            .init(12, 2.83, 1748.02), .init(12, 3.26, 5088.63),
            .init(12, 5.27, 1194.45), .init(12, 2.08, 4694.00),
            .init(11, 0.77, 553.57), .init(10, 1.30, 6286.60),
            .init(10, 4.24, 1349.87), .init(9, 2.70, 242.73),
            .init(9, 5.64, 951.72), .init(8, 5.30, 2352.87),
            .init(6, 2.65, 9437.76), .init(6, 4.67, 4690.48),
        ]
        static let l2: [PeriodicTerm] = [
            .init(52919, 0, 0), .init(8720, 1.0721, 6283.0758),
            .init(309, 0.867, 12566.152), .init(27, 0.05, 3.52),
            .init(16, 5.19, 26.30), .init(16, 3.68, 155.42),
            .init(10, 0.76, 18849.23), .init(9, 2.06, 77713.77),
            .init(7, 0.83, 775.52), .init(5, 4.66, 1577.34),
            .init(4, 1.03, 7.11), .init(4, 3.44, 5573.14),
            .init(3, 5.14, 796.30), .init(3, 6.05, 5507.55),
            .init(3, 1.19, 242.73), .init(3, 6.12, 529.69),
            .init(3, 0.31, 398.15), .init(3, 2.28, 553.57),
            .init(2, 4.38, 5223.69), .init(2, 3.75, 0.98),
        ]
        static let l3: [PeriodicTerm] = [
            .init(289, 5.844, 6283.076), .init(35, 0, 0),
            .init(17, 5.49, 12566.15), .init(3, 5.20, 155.42),
            .init(1, 4.72, 3.52), .init(1, 5.30, 18849.23),
            .init(1, 5.97, 242.73),
        ]
        static let l4: [PeriodicTerm] = [
            .init(114, 3.142, 0), .init(8, 4.13, 6283.08), .init(1, 3.84, 12566.15),
        ]
        static let l5: [PeriodicTerm] = [
            .init(1, 3.14, 0)
        ]
        static let r0: [PeriodicTerm] = [
            .init(100_013_989, 0, 0), .init(1_670_700, 3.0984635, 6283.07585),
            .init(13956, 3.05525, 12566.15170), .init(3084, 5.1985, 77713.7715),
            .init(1628, 1.1739, 5753.3849), .init(1576, 2.8469, 7860.4194),
        ]
        static let r1: [PeriodicTerm] = [
            .init(103_019, 1.107490, 6283.07585), .init(1721, 1.0644, 12566.1517),
        ]
    }

    /// Nutation in longitude, Δψ, Meeus chapter 22 (the IAU 1980 theory, Table 22.A).
    enum Nutation {
        /// One term `(coefficient + rate·T) · sin(d·D + m·M + m′·M′ + f·F + ω·Ω)`, in
        /// units of 0.0001″.
        struct Term {
            let d: Double, m: Double, mʹ: Double, f: Double, ω: Double
            let coefficient: Double, rate: Double
            init(_ d: Double, _ m: Double, _ mʹ: Double, _ f: Double, _ ω: Double, _ coefficient: Double, _ rate: Double = 0) {
                (self.d, self.m, self.mʹ, self.f, self.ω) = (d, m, mʹ, f, ω)
                (self.coefficient, self.rate) = (coefficient, rate)
            }
        }

        /// Δψ in degrees; `t` in Julian centuries from J2000.0 (TT).
        static func longitude(centuries t: Double) -> Double {
            // Fundamental arguments, Meeus p. 144 (degrees).
            let elongation = radians(297.85036 + 445267.111480 * t - 0.0019142 * t * t + t * t * t / 189474)
            let sunAnomaly = radians(357.52772 + 35999.050340 * t - 0.0001603 * t * t - t * t * t / 300000)
            let moonAnomaly = radians(134.96298 + 477198.867398 * t + 0.0086972 * t * t + t * t * t / 56250)
            let latitude = radians(93.27191 + 483202.017538 * t - 0.0036825 * t * t + t * t * t / 327270)
            let node = radians(125.04452 - 1934.136261 * t + 0.0020708 * t * t + t * t * t / 450000)
            var sum = 0.0
            for term in terms {
                let argument = term.d * elongation + term.m * sunAnomaly + term.mʹ * moonAnomaly
                    + term.f * latitude + term.ω * node
                sum += (term.coefficient + term.rate * t) * sin(argument)
            }
            return sum / 10_000 / 3600
        }

        /// Table 22.A, the Δψ column: multiples of D, M, M′, F, Ω; coefficient; its change
        /// per century.
        static let terms: [Term] = [
            Term(0, 0, 0, 0, 1, -171996, -174.2), Term(-2, 0, 0, 2, 2, -13187, -1.6),
            Term(0, 0, 0, 2, 2, -2274, -0.2), Term(0, 0, 0, 0, 2, 2062, 0.2),
            Term(0, 1, 0, 0, 0, 1426, -3.4), Term(0, 0, 1, 0, 0, 712, 0.1),
            Term(-2, 1, 0, 2, 2, -517, 1.2), Term(0, 0, 0, 2, 1, -386, -0.4),
            Term(0, 0, 1, 2, 2, -301), Term(-2, -1, 0, 2, 2, 217, -0.5),
            Term(-2, 0, 1, 0, 0, -158), Term(-2, 0, 0, 2, 1, 129, 0.1),
            Term(0, 0, -1, 2, 2, 123), Term(2, 0, 0, 0, 0, 63),
            Term(0, 0, 1, 0, 1, 63, 0.1), Term(2, 0, -1, 2, 2, -59),
            Term(0, 0, -1, 0, 1, -58, -0.1), Term(0, 0, 1, 2, 1, -51),
            Term(-2, 0, 2, 0, 0, 48), Term(0, 0, -2, 2, 1, 46),
            Term(2, 0, 0, 2, 2, -38), Term(0, 0, 2, 2, 2, -31),
            Term(0, 0, 2, 0, 0, 29), Term(-2, 0, 1, 2, 2, 29),
            Term(0, 0, 0, 2, 0, 26), Term(-2, 0, 0, 2, 0, -22),
            Term(0, 0, -1, 2, 1, 21), Term(0, 2, 0, 0, 0, 17, -0.1),
            Term(2, 0, -1, 0, 1, 16), Term(-2, 2, 0, 2, 2, -16, 0.1),
            Term(0, 1, 0, 0, 1, -15), Term(-2, 0, 1, 0, 1, -13),
            Term(0, -1, 0, 0, 1, -12), Term(0, 0, 2, -2, 0, 11),
            Term(2, 0, -1, 2, 1, -10), Term(2, 0, 1, 2, 2, -8),
            Term(0, 1, 0, 2, 2, 7), Term(-2, 1, 1, 0, 0, -7),
            Term(0, -1, 0, 2, 2, -7), Term(2, 0, 0, 2, 1, -7),
            Term(2, 0, 1, 0, 0, 6), Term(-2, 0, 2, 2, 2, 6),
            Term(-2, 0, 1, 2, 1, 6), Term(2, 0, -2, 0, 1, -6),
            Term(2, 0, 0, 0, 1, -6), Term(0, -1, 1, 0, 0, 5),
            Term(-2, -1, 0, 2, 1, -5), Term(-2, 0, 0, 0, 1, -5),
            Term(0, 0, 2, 2, 1, -5), Term(-2, 0, 2, 0, 1, 4),
            Term(-2, 1, 0, 2, 1, 4), Term(0, 0, 1, -2, 0, 4),
            Term(-1, 0, 1, 0, 0, -4), Term(-2, 1, 0, 0, 0, -4),
            Term(1, 0, 0, 0, 0, -4), Term(0, 0, 1, 2, 0, 3),
            Term(0, 0, -2, 2, 2, -3), Term(-1, -1, 1, 0, 0, -3),
            Term(0, 1, 1, 0, 0, -3), Term(0, -1, 1, 2, 2, -3),
            Term(2, -1, -1, 2, 2, -3), Term(0, 0, 3, 2, 2, -3),
            Term(2, -1, 0, 2, 2, -3),
        ]
    }
}

// MARK: - Angles

extension ChineseLunisolar {
    static func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }
    static func degrees(_ radians: Double) -> Double { radians * 180 / .pi }

    /// `angle` (degrees) brought into [−180, 180).
    static func signedDegrees(_ angle: Double) -> Double {
        angle - 360 * ((angle + 180) / 360).rounded(.down)
    }
}
