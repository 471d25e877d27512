// GFM's tag filter (GFM spec 6.11, "Disallowed Raw HTML"): in raw HTML, the `<` of the nine tags that change
// how a browser reads what follows is written as `&lt;`, so the tag shows as text.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum TagFilter {
    /// Lower-cased names of the disallowed tags.
    private static let names: [[UInt8]] = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes",
                                          "script", "plaintext"].map { Array($0.utf8) }

    /// Appends `html` with every disallowed open or closing tag's `<` replaced by `&lt;`.
    static func append(_ html: String, to out: inout [UInt8]) {
        var html = html
        html.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var start = 0
            var i = 0
            // From `<` to `<` with memchr: most raw HTML is a comment or a tag or two.
            while i < bytes.count, let found = memchr(base + i, Int32(UInt8(ascii: "<")), bytes.count - i) {
                i = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if isDisallowedTag(bytes, at: i) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                    out.append(contentsOf: "&lt;".utf8)
                    start = i + 1
                }
                i += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// Whether `<` at `i` starts `<name` or `</name` followed by whitespace, `>` or `/>`, for a disallowed name.
    private static func isDisallowedTag(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        var j = i + 1
        if j < bytes.count, bytes[j] == UInt8(ascii: "/") { j += 1 }
        for name in names {
            guard j + name.count < bytes.count else { continue }
            var matches = true
            for k in 0..<name.count where bytes[j + k] | 0x20 != name[k] {
                matches = false
                break
            }
            guard matches else { continue }
            let next = bytes[j + name.count]
            switch next {
            case UInt8(ascii: ">"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), 0x0B, 0x0C, UInt8(ascii: "\r"):
                return true
            case UInt8(ascii: "/"):
                return j + name.count + 1 < bytes.count && bytes[j + name.count + 1] == UInt8(ascii: ">")
            default:
                continue
            }
        }
        return false
    }
}

extension Node {
    /// Applies the tag filter to the raw HTML of this node and of every node below it, in place. A tool that then
    /// adds HTML of its own to the tree (figures, MathML) renders without `.tagFilter`: only the author's HTML is
    /// filtered, and an SVG's `<title>` survives.
    public func applyTagFilter() {
        func filtered(_ html: String) -> String {
            var out: [UInt8] = []
            TagFilter.append(html, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        func filter(_ node: Node) {
            switch node.kind {
            case .htmlBlock(let html): node.kind = .htmlBlock(filtered(html))
            case .inlineHTML(let html): node.kind = .inlineHTML(filtered(html))
            default: break
            }
        }
        filter(self)
        forEachDescendant(filter)
    }
}
