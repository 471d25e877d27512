// The module's front door: text → Document (phase 1, blocks, then phase 2, inlines; CommonMark 0.31.2 appendix A).
import Basics
import Diagnostics

extension Document {
    /// Parses Markdown text.
    ///
    /// - Parameters:
    ///   - options: which syntax to accept: `.commonMark`, `.gfm` or `.site`.
    ///   - path: the file name to put in diagnostics (malformed front matter).
    public init(parsing text: String, options: MarkdownOptions = .commonMark, path: String = "<input>") {
        var text = text
        self = text.withUTF8 { BlockParser(options: options, path: path).parse($0) }
    }

    /// Parses Markdown given as UTF-8 bytes; invalid sequences read as U+FFFD, as a browser would.
    /// Valid bytes (the usual case) are parsed as they are, without a copy into a `String`.
    public init(parsing bytes: [UInt8], options: MarkdownOptions = .commonMark, path: String = "<input>") {
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            UTF8Validation.isValid(buffer) ? BlockParser(options: options, path: path).parse(buffer) : nil
        }
        if let parsed {
            self = parsed
        } else {
            self.init(parsing: String(decoding: bytes, as: UTF8.self), options: options, path: path)
        }
    }
}
