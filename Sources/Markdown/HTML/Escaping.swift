// HTML escaping for the two contexts, as cmark's houdini_html_e.c and houdini_href_e.c: text and attributes
// (the project's one escape, in Basics) and URLs. Everything the renderers write from the source goes through here.
import Basics

enum Escaping {
    /// Bytes that may stay as they are in a URL (RFC 3986 unreserved and reserved characters, and `%` so
    /// existing escapes survive); all others are percent-encoded. `&` and `'` are safe in the URL but must be
    /// written as entities in the attribute.
    private static let hrefSafe: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = true }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = true }
        for byte in "-_.+!*'(),%#@?=;:/,+&$~".utf8 { table[Int(byte)] = true }
        return table
    }()

    /// Appends `text` with `&`, `<`, `>`, `"` replaced by entities: safe in element content and in
    /// double-quoted attribute values.
    /// (Through the bytes: text nodes are faster escaped as runs than byte by byte, however short.)
    static func appendHTML(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { HTML.append($0, to: &out) }
    }

    @inline(__always)
    static func appendHTML(_ buffer: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        HTML.append(buffer, to: &out)
    }

    /// Appends a URL for an `href` or `src` attribute: bytes outside the safe set percent-encoded
    /// (`%C3%A4` for `ä`), `&` as `&amp;`, `'` as `&#x27;`.
    static func appendHref(_ url: String, to out: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in url.utf8 {
            if !hrefSafe[Int(byte)] {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            } else if byte == UInt8(ascii: "&") {
                out.append(contentsOf: "&amp;".utf8)
            } else if byte == UInt8(ascii: "'") {
                out.append(contentsOf: "&#x27;".utf8)
            } else {
                out.append(byte)
            }
        }
    }
}
