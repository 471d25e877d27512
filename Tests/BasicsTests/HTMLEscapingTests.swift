// The one escape against a reference written scalar by scalar from each context's rules, on random text
// that puts the replaced characters at every position of the eight-byte words the escape scans.
import Basics
import Testing

@Suite struct HTMLEscapingTests {
    /// What each context replaces, one scalar at a time (the rules as documented on `HTML.Context`).
    static func reference(_ text: String, _ context: HTML.Context) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch (scalar, context) {
            case ("&", _): out += "&amp;"
            case ("<", _): out += "&lt;"
            case (">", _): out += "&gt;"
            case ("\"", .html), ("\"", .xml), ("\"", .xmlAttribute): out += "&quot;"
            case ("\t", .xmlAttribute): out += "&#9;"
            case ("\n", .xmlAttribute): out += "&#10;"
            case ("\r", .xmlText), ("\r", .xmlAttribute): out += "&#13;"
            case ("\t", _), ("\n", _), ("\r", _): out.unicodeScalars.append(scalar)
            case (_, .html): out.unicodeScalars.append(scalar)
            default:
                let forbidden = scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
                out.unicodeScalars.append(forbidden ? "\u{FFFD}" : scalar)
            }
        }
        return out
    }

    /// Characters that are replaced in some context, their neighbours in the byte tests (`!`, `'`, `=`, `?`,
    /// 0x1F, 0x7F), and multibyte characters whose first byte is 0xEF like U+FFFE's.
    static let alphabet: [Unicode.Scalar] = ["a", "b", " ", "&", "<", ">", "\"", "'", "!", "=", "?", "\t", "\n", "\r",
                                             "\u{0}", "\u{1F}", "\u{7F}", "\u{E9}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}",
                                             "\u{F000}", "\u{FEFF}", "\u{1F600}"]

    @Test(arguments: [HTML.Context.html, .xml, .xmlText, .xmlAttribute])
    func matchesTheReferenceOnRandomText(context: HTML.Context) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        for trial in 0..<3000 {
            // Mostly plain text, so that replaced characters fall at every offset within and across words.
            let length = trial % 40
            var text = String.UnicodeScalarView()
            for _ in 0..<length {
                text.append(next() % 3 == 0 ? Self.alphabet[next() % Self.alphabet.count] : "x")
            }
            let string = String(text)
            let expected = Self.reference(string, context)
            #expect(HTML.escape(string, for: context) == expected, "\(Array(string.unicodeScalars))")
            var bytes: [UInt8] = Array("prefix ".utf8)
            HTML.append(string, escapingFor: context, to: &bytes)
            #expect(bytes == Array(("prefix " + expected).utf8))
        }
    }

    @Test func htmlIsWhatCmarkWrites() {
        #expect(HTML.escape("a < b && c > \"d\" 'e'\u{0}\u{FFFE}") == "a &lt; b &amp;&amp; c &gt; &quot;d&quot; 'e'\u{0}\u{FFFE}")
        #expect(HTML.escape("nothing to do here, a long line of plain text") == "nothing to do here, a long line of plain text")
    }

    @Test func scalarAppendEscapesMarkup() {
        var out = ""
        for scalar in "<a href=\"x\">&é".unicodeScalars { HTML.append(scalar, to: &out) }
        #expect(out == "&lt;a href=&quot;x&quot;&gt;&amp;é")
    }
}
