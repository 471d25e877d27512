// Escaping for text the site writes into HTML: every `&`, `<`, `>` and `"` (the layout quotes attributes with `"`).
// Unlike some template engines we never keep an existing entity, so author text always reads as typed.

enum HTML {
    static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
