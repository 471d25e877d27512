// Links and images between the pages and assets of the site: a `.md` link becomes the page's `.html`, every
// internal target (page, anchor, image, file) must exist or the build fails, and linked assets are copied.
// External URLs (with a scheme, or `//host`) are left alone.
import Diagnostics
import Markdown

/// What an internal link or image points at, once checked.
struct LinkTarget: Equatable {
    /// The root-relative output path (`03-gaussian.html`, `images/a.png`), or nil for the page itself.
    var path: String?
    var fragment: String?
}

enum Links {
    /// Whether `destination` leaves the site: `https:`, `mailto:`, `//host/…`.
    static func isExternal(_ destination: String) -> Bool {
        if destination.hasPrefix("//") { return true }
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// The scheme of a destination a page must not link to, because it runs code or reads the reader's disk
    /// (`javascript:`, `vbscript:`, `file:`, and `data:` except for raster images), as markdown-it's `validateLink`
    /// refuses them. Nil for every other destination.
    static func unsafeScheme(_ destination: String) -> String? {
        let trimmed = destination.drop(while: { $0 == " " || $0.isASCII && $0.asciiValue! < 0x20 })
        guard let colon = trimmed.firstIndex(of: ":") else { return nil }
        let scheme = trimmed[..<colon].lowercased()
        switch scheme {
        case "javascript", "vbscript", "file":
            return scheme
        case "data":
            let image = ["image/gif", "image/png", "image/jpeg", "image/webp"]
            return image.contains(where: { trimmed.lowercased().dropFirst(5).hasPrefix($0) }) ? nil : scheme
        default:
            return nil
        }
    }

    /// Splits `a/b.md?x#frag` into its path and fragment (a query is dropped: static files have none).
    static func split(_ destination: String) -> (path: String, fragment: String?) {
        var path = destination
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        if let question = path.firstIndex(of: "?") { path = String(path[..<question]) }
        return (path.removingPercentEncodingIfValid, fragment.map { $0.removingPercentEncodingIfValid })
    }
}

extension String {
    /// `%20` → space, as the browser will resolve it; unchanged when the escapes are malformed.
    var removingPercentEncodingIfValid: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = Array(utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
               let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }
}
