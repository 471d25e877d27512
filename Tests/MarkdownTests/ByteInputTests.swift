// Parsing UTF-8 bytes: valid input is parsed as it is, invalid input as the standard decoder repairs it
// (U+FFFD), and both must give what parsing the decoded String gives.
import Markdown
import Testing

@Suite struct ByteInputTests {
    @Test(arguments: [
        Array("# Title\n\nSome *text* with `code` and é ü 漢字 😀.\n".utf8),
        Array("a\u{0}b\n".utf8),                                 // NUL reads as U+FFFD either way
        [0x61, 0xFF, 0x62, 0x0A, 0xC3, 0x0A, 0x2A, 0xE2, 0x82, 0x2A],  // invalid bytes, a truncated sequence
        [0xEF, 0xBB, 0xBF, 0x23, 0x20, 0x48, 0x0A],             // a byte-order mark before a heading
        [0xED, 0xA0, 0x80, 0x0A, 0xF4, 0x90, 0x80, 0x80],       // a surrogate, a value above U+10FFFF
    ])
    func bytesParseAsTheirDecodedText(bytes: [UInt8]) {
        let fromBytes = HTMLRenderer(options: .gfm).render(Document(parsing: bytes, options: .gfm))
        let fromText = HTMLRenderer(options: .gfm).render(Document(parsing: String(decoding: bytes, as: UTF8.self), options: .gfm))
        #expect(fromBytes == fromText)
        #expect(!fromBytes.isEmpty)
    }
}
