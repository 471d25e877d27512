// Inline values: `{{tanh-small.layer[5].std | 3}}` in prose (or in another directive's body) stands for a number
// from the named experiment's result, formatted (`| 3` significant digits, `| .2` decimals, `| %1` percent).
// This file reads the syntax; the expand stage looks the values up.
import Diagnostics

/// One `{{experiment.path | format}}`.
struct InlineReference: Equatable, Sendable {
    /// The experiment's `name:`.
    let experiment: String
    /// The value path inside its result: `layer[5].std`.
    let path: String
    /// The text after `|`, if any (checked by the expand stage).
    let format: String?
    /// Where the whole `{{…}}` is in the scanned text, in Unicode scalar offsets.
    let range: Range<Int>
    /// The line of `{{` within the scanned text (0 for the first), and its column offset (in Unicode scalars)
    /// from that line's start: added to where the text starts in the file, they locate a diagnostic.
    let lineOffset: Int
    let columnOffset: Int
    /// Where the experiment's name starts, in scalars from `{{` (after any spaces); its path starts after the name's `.`.
    var nameOffset = 2

    /// The experiment's name and the value path as ranges in the file, for fix-its, given where `{{` is.
    func nameRange(at location: SourceLocation) -> SourceRange {
        SourceRange(line: location.line, column: location.column + nameOffset, endColumn: location.column + nameOffset + experiment.unicodeScalars.count)
    }

    func pathRange(at location: SourceLocation) -> SourceRange {
        let start = nameRange(at: location).end.column + 1
        return SourceRange(line: location.line, column: start, endColumn: start + path.unicodeScalars.count)
    }

    /// The references in `text`, in order, and a message for each malformed one (with its offsets).
    static func scan(_ text: String) -> (references: [InlineReference], errors: [(message: String, lineOffset: Int, columnOffset: Int)]) {
        let scalars = Array(text.unicodeScalars)
        var references: [InlineReference] = []
        var errors: [(String, Int, Int)] = []
        var index = 0
        var line = 0, lineStart = 0
        while index + 1 < scalars.count {
            if scalars[index] == "\n" {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard scalars[index] == "{", scalars[index + 1] == "{" else {
                index += 1
                continue
            }
            let start = index
            let column = start - lineStart
            // The closing `}}` on the same line; a reference never spans lines.
            var end = start + 2
            while end + 1 < scalars.count, scalars[end] != "\n", !(scalars[end] == "}" && scalars[end + 1] == "}") { end += 1 }
            guard end + 1 < scalars.count, scalars[end] == "}", scalars[end + 1] == "}" else {
                errors.append(("unterminated inline value: '{{' without '}}' on the same line", line, column))
                index = start + 2
                continue
            }
            let inner = String(String.UnicodeScalarView(scalars[(start + 2)..<end]))
            var reference = inner
            var format: String?
            if let bar = inner.firstIndex(of: "|") {
                reference = String(inner[..<bar])
                format = String(inner[inner.index(after: bar)...]).trimmingSpaces
            }
            reference = reference.trimmingSpaces
            if let dot = reference.firstIndex(of: "."), dot != reference.startIndex, reference.index(after: dot) != reference.endIndex {
                references.append(InlineReference(
                    experiment: String(reference[..<dot]), path: String(reference[reference.index(after: dot)...]),
                    format: format, range: start..<(end + 2), lineOffset: line, columnOffset: column,
                    nameOffset: 2 + inner.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count))
            } else {
                errors.append(("inline value '{{\(inner)}}' needs the form {{experiment-name.value-path | format}}", line, column))
            }
            index = end + 2
        }
        return (references, errors)
    }

    /// `text` with each reference replaced by `replacement(reference)`.
    static func substitute(in text: String, _ references: [InlineReference], _ replacement: (InlineReference) -> String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var position = 0
        for reference in references {
            out.append(contentsOf: scalars[position..<reference.range.lowerBound])
            out.append(contentsOf: replacement(reference).unicodeScalars)
            position = reference.range.upperBound
        }
        out.append(contentsOf: scalars[position...])
        return String(out)
    }
}
