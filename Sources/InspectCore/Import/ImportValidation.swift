/// The value checks every import shares.
public enum ImportValidation {
    /// An id: 1–64 of `A-Z a-z 0-9 _ . -`.
    public static func isIdentifier(_ value: String) -> Bool {
        guard (1...64).contains(value.utf8.count) else { return false }
        return value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x5F || byte == 0x2E || byte == 0x2D
        }
    }

    /// A phone number: optional leading `+`, then digits with single spaces or dashes
    /// between them, 5–20 digits.
    public static func isPhoneNumber(_ value: String) -> Bool {
        var scalars = Substring(value).unicodeScalars
        if scalars.first == "+" { scalars.removeFirst() }
        var digits = 0
        var previousWasSeparator = true  // no separator first, none twice in a row
        for scalar in scalars {
            switch scalar {
            case "0"..."9":
                digits += 1
                previousWasSeparator = false
            case " ", "-":
                if previousWasSeparator { return false }
                previousWasSeparator = true
            default:
                return false
            }
        }
        return !previousWasSeparator && (5...20).contains(digits)
    }
}
