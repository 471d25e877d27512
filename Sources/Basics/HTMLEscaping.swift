// Escaping for text written into HTML or XML: every `&`, `<`, `>` and `"` (the layout quotes attributes with `"`).
// Unlike some template engines we never keep an existing entity, so author text always reads as typed.

public enum HTML {
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { append(scalar, to: &out) }
        return out
    }

    /// Appends one scalar, escaped, to `out` (for writers that build their output scalar by scalar).
    public static func append(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.unicodeScalars.append(scalar)
        }
    }
}
