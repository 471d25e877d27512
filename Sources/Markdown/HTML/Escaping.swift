// HTML escaping, one table-driven function per context (text/attributes, URLs), as cmark's
// houdini_html_e.c and houdini_href_e.c. Everything the renderers write from the source goes through here.

enum Escaping {
    /// Replacement per byte for text and attribute values: index into `htmlReplacements`, 0 = copy as is.
    /// Only `&`, `<`, `>` and `"` are replaced, as cmark does (so output matches the spec byte for byte).
    private static let htmlTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        table[Int(UInt8(ascii: "&"))] = 1
        table[Int(UInt8(ascii: "<"))] = 2
        table[Int(UInt8(ascii: ">"))] = 3
        table[Int(UInt8(ascii: "\""))] = 4
        return table
    }()
    private static let htmlReplacements: [[UInt8]] = [[], Array("&amp;".utf8), Array("&lt;".utf8), Array("&gt;".utf8), Array("&quot;".utf8)]

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
    static func appendHTML(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendHTML($0, to: &out) }
    }

    static func appendHTML(_ buffer: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        for i in 0..<buffer.count {
            let replacement = htmlTable[Int(buffer[i])]
            guard replacement != 0 else { continue }
            if start < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<i])) }
            out.append(contentsOf: htmlReplacements[Int(replacement)])
            start = i + 1
        }
        if start < buffer.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...])) }
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
