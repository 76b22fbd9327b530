/// Numbers and date-times from the token the parser scanned (`[0-9A-Za-z_+.:-]+`).
enum TOMLScalarParsing {
    struct Problem: Error {
        var message: String
    }

    static func number(_ token: [UInt8]) -> Result<TOMLValue.Kind, Problem> {
        let text = String(decoding: token, as: UTF8.self)
        var body = Substring(text)
        var sign: Character?
        if let first = body.first, first == "+" || first == "-" {
            sign = first
            body = body.dropFirst()
        }
        switch body {
        case "inf": return .success(.float(sign == "-" ? -.infinity : .infinity))
        case "nan": return .success(.float(.nan))
        default: break
        }

        let prefixes: [(String, Int, String)] = [("0x", 16, "hexadecimal"), ("0o", 8, "octal"), ("0b", 2, "binary")]
        for (prefix, radix, name) in prefixes where body.hasPrefix(prefix) {
            let digits = body.dropFirst(2)
            guard sign == nil else {
                return .failure(Problem(message: "\(name) integers cannot have a sign: \"\(text)\""))
            }
            guard hasWellPlacedUnderscores(digits, isDigit: { $0.isHexDigit && Int(String($0), radix: radix) != nil })
            else {
                return .failure(Problem(message: "invalid \(name) integer \"\(text)\""))
            }
            guard let value = Int64(digits.filter { $0 != "_" }, radix: radix) else {
                return .failure(Problem(message: "integer \"\(text)\" does not fit in 64 bits"))
            }
            return .success(.integer(value))
        }

        let isDecimal: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        let exponentStart = body.firstIndex { $0 == "e" || $0 == "E" }
        let mantissa = body[..<(exponentStart ?? body.endIndex)]
        let dot = mantissa.firstIndex(of: ".")
        let integerPart = mantissa[..<(dot ?? mantissa.endIndex)]
        guard hasWellPlacedUnderscores(integerPart, isDigit: isDecimal) else {
            return .failure(Problem(message: "invalid number \"\(text)\""))
        }
        if integerPart.count > 1 && integerPart.first == "0" {
            return .failure(Problem(message: "leading zeros are not allowed in \"\(text)\"; write 0o for octal"))
        }
        if let dot {
            guard hasWellPlacedUnderscores(mantissa[mantissa.index(after: dot)...], isDigit: isDecimal) else {
                return .failure(
                    Problem(message: "invalid float \"\(text)\"; a decimal point needs digits on both sides"))
            }
        }
        if let exponentStart {
            var exponent = body[body.index(after: exponentStart)...]
            if let first = exponent.first, first == "+" || first == "-" { exponent = exponent.dropFirst() }
            guard hasWellPlacedUnderscores(exponent, isDigit: isDecimal) else {
                return .failure(Problem(message: "invalid float \"\(text)\"; the exponent needs digits"))
            }
        }
        let cleaned = text.filter { $0 != "_" }
        if dot == nil && exponentStart == nil {
            guard let value = Int64(cleaned) else {
                return .failure(Problem(message: "integer \"\(text)\" does not fit in 64 bits"))
            }
            return .success(.integer(value))
        }
        guard let value = Double(cleaned), value.isFinite else {
            return .failure(Problem(message: "float \"\(text)\" is out of range"))
        }
        return .success(.float(value))
    }

    /// Digits with single underscores only between digits.
    private static func hasWellPlacedUnderscores(_ digits: Substring, isDigit: (Character) -> Bool) -> Bool {
        guard let first = digits.first, let last = digits.last, isDigit(first), isDigit(last) else { return false }
        var previousWasUnderscore = false
        for character in digits {
            if character == "_" {
                if previousWasUnderscore { return false }
                previousWasUnderscore = true
            } else if isDigit(character) {
                previousWasUnderscore = false
            } else {
                return false
            }
        }
        return true
    }

    /// `1979-05-27`, `07:32:00.999`, `1979-05-27T07:32:00`, `1979-05-27T07:32:00-08:00`
    /// (the parser has already joined a space separator as `T`).
    static func dateTime(_ token: [UInt8]) -> TOMLDateTime? {
        var reader = DigitReader(bytes: token)
        var date: TOMLDateTime.Date?
        if token.count >= 5 && token[4] == UInt8(ascii: "-") {
            guard let year = reader.digits(4), reader.skip("-"), let month = reader.digits(2), reader.skip("-"),
                let day = reader.digits(2), (1...12).contains(month),
                (1...daysIn(month: month, year: year)).contains(day)
            else { return nil }
            date = TOMLDateTime.Date(year: year, month: month, day: day)
            if reader.isAtEnd { return TOMLDateTime(date: date, time: nil) }
            guard reader.skip("T") || reader.skip("t") else { return nil }
        }
        guard let hour = reader.digits(2), reader.skip(":"), let minute = reader.digits(2), reader.skip(":"),
            let second = reader.digits(2), hour < 24, minute < 60, second <= 60
        else { return nil }
        var nanosecond = 0
        if reader.skip(".") {
            var count = 0
            while let digit = reader.digits(1) {
                if count < 9 { nanosecond = nanosecond * 10 + digit }
                count += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 9) { nanosecond *= 10 }
        }
        let time = TOMLDateTime.Time(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        if reader.isAtEnd { return TOMLDateTime(date: date, time: time) }
        guard date != nil else { return nil }
        var offset: Int
        if reader.skip("Z") || reader.skip("z") {
            offset = 0
        } else {
            let negative = reader.skip("-")
            guard negative || reader.skip("+"), let hours = reader.digits(2), reader.skip(":"),
                let minutes = reader.digits(2), hours < 24, minutes < 60
            else { return nil }
            offset = hours * 60 + minutes
            if negative { offset = -offset }
        }
        guard reader.isAtEnd else { return nil }
        return TOMLDateTime(date: date, time: time, offsetMinutes: offset)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private struct DigitReader {
        let bytes: [UInt8]
        var index = 0

        var isAtEnd: Bool { index == bytes.count }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }
    }
}
