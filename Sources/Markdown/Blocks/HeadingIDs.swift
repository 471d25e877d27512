// Heading anchors as github.com makes them (github-slugger): the heading's text lower-cased, letters, marks,
// digits, `_` and `-` of any script kept (so a Korean heading gets a Korean id), spaces turned into `-`,
// everything else dropped; a repeated id gets `-1`, `-2`, … in document order.

enum HeadingIDs {
    static func assign(_ root: Node) {
        var taken: [String: Int] = [:]
        // Headings are blocks: walk the containers only, not into any leaf's inlines.
        root.walk { node, entering in
            guard entering else { return true }
            switch node.kind {
            case .heading(var heading):
                heading.id = unique(slug(node.plainText), &taken)
                node.kind = .heading(heading)
                return false
            case .document, .blockQuote, .alert, .list, .listItem, .footnoteDefinition:
                return true
            default:
                return false
            }
        }
    }

    /// `Hello, World!` → `hello-world`; `한국어 제목` → `한국어-제목`.
    static func slug(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
                 .connectorPunctuation:
                out.append(scalar)
            default:
                if scalar == " " || scalar == "-" { out.append("-") }
            }
        }
        return String(out)
    }

    /// `base`, or `base-1`, `base-2`, … if taken (skipping ids that are taken themselves).
    static func unique(_ base: String, _ taken: inout [String: Int]) -> String {
        guard var count = taken[base] else {
            taken[base] = 0
            return base
        }
        var candidate: String
        repeat {
            count += 1
            candidate = "\(base)-\(count)"
        } while taken[candidate] != nil
        taken[base] = count
        taken[candidate] = 0
        return candidate
    }
}
