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
        return String(repeating: "../", count: from.count) + to.joined(separator: "/")
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
