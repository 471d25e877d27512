// Maps a request target to a file inside the preview folder, and nothing else: the path is percent-decoded once,
// then every segment must be a plain name (no `..`, `.`, empty segments, hidden names, backslashes or NUL), and
// the resolved file (symbolic links followed) must still lie inside the folder.
import Foundation
import Glibc

struct StaticFiles: Sendable {
    /// The folder served, with symbolic links resolved.
    let root: String

    init(root: String) {
        self.root = Self.resolved(root) ?? root
    }

    enum Lookup: Equatable {
        case file(path: String, contentType: String)
        /// A folder requested without its trailing slash: redirect, so relative links resolve.
        case folder
        case notFound
        case forbidden
    }

    /// The file a request target names.
    func lookup(_ target: String) -> Lookup {
        guard let relative = Self.relativePath(target) else { return .forbidden }
        // Links are followed only to check where they lead: the file must be inside the root.
        guard let real = Self.resolved(relative.isEmpty ? root : root + "/" + relative) else { return .notFound }
        guard real == root || real.hasPrefix(root + "/") else { return .forbidden }
        var status = stat()
        guard stat(real, &status) == 0 else { return .notFound }
        if status.st_mode & S_IFMT == S_IFDIR {
            guard relative.isEmpty || target.split(separator: "?").first?.hasSuffix("/") == true else { return .folder }
            let index = real + "/index.html"
            guard stat(index, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return .notFound }
            return .file(path: index, contentType: Self.contentType(of: index))
        }
        guard status.st_mode & S_IFMT == S_IFREG else { return .notFound }
        return .file(path: real, contentType: Self.contentType(of: real))
    }

    /// The root-relative path a target names (`""` for the root), or nil when it tries to leave the folder or is
    /// not a plain path.
    static func relativePath(_ target: String) -> String? {
        var path = Substring(target)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        guard path.hasPrefix("/") else { return nil }
        guard let decoded = percentDecoded(path) else { return nil }
        var segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.last == "" { segments.removeLast() }
        for segment in segments {
            guard !segment.isEmpty, !segment.hasPrefix("."), !segment.contains("\\"), !segment.utf8.contains(0) else { return nil }
        }
        return segments.joined(separator: "/")
    }

    /// `%xx` escapes decoded (once); nil for a malformed escape or bytes that are not UTF-8.
    static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The path with every symbolic link resolved; nil when it does not exist.
    static func resolved(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The media types of the files a site has; anything else is served as bytes.
    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml", "csv": "text/csv; charset=utf-8", "txt": "text/plain; charset=utf-8",
        "json": "application/json", "xml": "application/xml", "pdf": "application/pdf",
        "otf": "font/otf", "ttf": "font/ttf", "woff": "font/woff", "woff2": "font/woff2",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "avif": "image/avif", "ico": "image/x-icon",
    ]

    static func contentType(of path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return "application/octet-stream" }
        return contentTypes[path[path.index(after: dot)...].lowercased()] ?? "application/octet-stream"
    }
}
