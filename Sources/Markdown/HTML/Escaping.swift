// HTML escaping for the two contexts, as cmark's houdini_html_e.c and houdini_href_e.c: text and attributes
// (the project's one escape, in Basics) and URLs. Everything the renderers write from the source goes through here.
import Basics

enum Escaping {
    /// What becomes of each byte in a URL: 0 = stays (RFC 3986 unreserved and reserved characters, and `%`
    /// so existing escapes survive), 1 = percent-encoded, 2 = written as an entity (`&` and `'` are safe
    /// in the URL but not in the attribute).
    private static let hrefTable: [UInt8] = {
        var table = [UInt8](repeating: 1, count: 256)
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = 0 }
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = 0 }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = 0 }
        for byte in "-_.+!*'(),%#@?=;:/,+&$~".utf8 { table[Int(byte)] = 0 }
        table[Int(UInt8(ascii: "&"))] = 2
        table[Int(UInt8(ascii: "'"))] = 2
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
    /// (`%C3%A4` for `ä`), `&` as `&amp;`, `'` as `&#x27;`. Runs that stay are copied whole.
    static func appendHref(_ url: String, to out: inout [UInt8]) {
        var url = url
        url.withUTF8 { bytes in
            hrefTable.withUnsafeBufferPointer { table in
                var start = 0
                for i in 0..<bytes.count {
                    let byte = bytes[i]
                    let action = table[Int(byte)]
                    guard action != 0 else { continue }
                    if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                    start = i + 1
                    if action == 1 {
                        out.append(UInt8(ascii: "%"))
                        out.append(hexDigit(byte >> 4))
                        out.append(hexDigit(byte & 15))
                    } else if byte == UInt8(ascii: "&") {
                        out.append(contentsOf: "&amp;".utf8)
                    } else {
                        out.append(contentsOf: "&#x27;".utf8)
                    }
                }
                if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
            }
        }
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }
}
