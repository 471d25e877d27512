// Links between pages are relative to the linking page, computed from its depth in the output folder, so the
// site works from `file://`, from a subfolder, or from any static host (as mdBook's `path_to_root`).

enum RelativeURL {
    /// `../` once per folder `page` sits in: `""` for `index.html`, `"../"` for `notes/a.html`.
    static func toRoot(from page: String) -> String {
        String(repeating: "../", count: page.utf8.filter { $0 == UInt8(ascii: "/") }.count)
    }

    /// The path of site-root-relative `target` as seen from page `page` (both `/`-separated, relative to the root).
    static func path(to target: String, from page: String) -> String {
        var from = page.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        var to = target.split(separator: "/", omittingEmptySubsequences: false)
        while let a = from.first, let b = to.first, to.count > 1, a == b {
            from.removeFirst()
            to.removeFirst()
        }
        return String(repeating: "../", count: from.count) + percentEncoded(to.joined(separator: "/"))
    }

    /// A path usable as a URL: every byte but letters, digits, `-._~` and `/` percent-encoded, so a file named
    /// `a#b?c%d e.md` links correctly (and a `:` cannot make a relative path look like a scheme).
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// Resolves `reference` (relative to page `page`, possibly with `..`) to a root-relative path, or nil when it
    /// leaves the site's root.
    static func resolve(_ reference: String, from page: String) -> String? {
        var parts = Array(page.split(separator: "/", omittingEmptySubsequences: false).dropLast())
        for component in reference.split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case ".", "": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(component)
            }
        }
        return parts.joined(separator: "/")
    }
}
