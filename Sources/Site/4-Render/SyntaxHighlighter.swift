// Server-side syntax highlighting for Swift and Python code blocks: one linear pass over the code that marks
// keywords, strings, numbers, comments and type names with `<span class="tok-…">`, so pages need no JavaScript.
// The lexical rules follow The Swift Programming Language ("Lexical Structure") and the Python Language
// Reference (§2, "Lexical analysis"), simplified where only colour is at stake (string interpolation is shown
// as part of the string).
import Basics

enum SyntaxHighlighter {
    enum Language: Sendable {
        case swift, python
    }

    static func language(named name: String) -> Language? {
        switch name.lowercased() {
        case "swift": return .swift
        case "python", "py", "python3": return .python
        default: return nil
        }
    }

    /// The code as escaped HTML with token spans; every character of `code` appears exactly once, in order.
    static func highlight(_ code: String, as language: Language) -> String {
        var lexer = Lexer(scalars: Array(code.unicodeScalars), language: language)
        return lexer.run()
    }

    private struct Lexer {
        let scalars: [Unicode.Scalar]
        let language: Language
        var position = 0
        var out = ""

        init(scalars: [Unicode.Scalar], language: Language) {
            self.scalars = scalars
            self.language = language
            out.reserveCapacity(scalars.count * 2)
        }

        mutating func run() -> String {
            while position < scalars.count {
                let c = scalars[position]
                if isIdentifierStart(c) {
                    identifier()
                } else if c.properties.numericType != nil && c.isASCII {
                    number()
                } else if language == .swift, c == "/", peek(1) == "/" {
                    emit("comment", upTo: lineEnd())
                } else if language == .swift, c == "/", peek(1) == "*" {
                    emit("comment", upTo: blockCommentEnd())
                } else if language == .python, c == "#" {
                    emit("comment", upTo: lineEnd())
                } else if language == .swift, c == "#", let end = rawStringEnd() {
                    emit("string", upTo: end)
                } else if c == "\"" || (language == .python && c == "'") {
                    emit("string", upTo: stringEnd(from: position))
                } else if c == "@", position + 1 < scalars.count, isIdentifierStart(scalars[position + 1]) {
                    var end = position + 1
                    while end < scalars.count, isIdentifierPart(scalars[end]) { end += 1 }
                    emit(language == .python ? "type" : "keyword", upTo: end)
                } else {
                    append(c)
                    position += 1
                }
            }
            return out
        }

        func peek(_ offset: Int) -> Unicode.Scalar? {
            position + offset < scalars.count ? scalars[position + offset] : nil
        }

        func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
            c == "_" || c.properties.isAlphabetic
        }

        func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
            c == "_" || c.properties.isAlphabetic || (c.isASCII && c.properties.numericType != nil)
        }

        mutating func identifier() {
            var end = position
            while end < scalars.count, isIdentifierPart(scalars[end]) { end += 1 }
            let word = String(String.UnicodeScalarView(scalars[position..<end]))
            // A Python string prefix (r"…", f'…', b"…", rb"…") belongs to its string.
            if language == .python, end < scalars.count, scalars[end] == "\"" || scalars[end] == "'",
               word.count <= 2, word.lowercased().allSatisfy({ "rbfu".contains($0) }) {
                emit("string", upTo: stringEnd(from: end))
                return
            }
            let keywords = language == .swift ? Self.swiftKeywords : Self.pythonKeywords
            if keywords.contains(word) {
                emit("keyword", upTo: end)
            } else if let first = word.unicodeScalars.first, first.properties.isUppercase {
                emit("type", upTo: end)
            } else {
                emit(nil, upTo: end)
            }
        }

        mutating func number() {
            var end = position + 1
            while end < scalars.count {
                let c = scalars[end]
                if c.isASCII && (c.properties.isAlphabetic || c.properties.numericType != nil || c == "_") {
                    // An exponent sign: 1e-5, 0x1p+3.
                    if (c == "e" || c == "E" || c == "p" || c == "P"), end + 1 < scalars.count,
                       scalars[end + 1] == "-" || scalars[end + 1] == "+" {
                        end += 2
                        continue
                    }
                    end += 1
                } else if c == ".", end + 1 < scalars.count, scalars[end + 1].isASCII,
                          scalars[end + 1].properties.numericType != nil {
                    end += 1
                } else {
                    break
                }
            }
            emit("number", upTo: end)
        }

        func lineEnd() -> Int {
            var end = position
            while end < scalars.count, scalars[end] != "\n" { end += 1 }
            return end
        }

        /// Swift block comments nest.
        func blockCommentEnd() -> Int {
            var depth = 0
            var index = position
            while index < scalars.count {
                if scalars[index] == "/", index + 1 < scalars.count, scalars[index + 1] == "*" {
                    depth += 1
                    index += 2
                } else if scalars[index] == "*", index + 1 < scalars.count, scalars[index + 1] == "/" {
                    depth -= 1
                    index += 2
                    if depth == 0 { return index }
                } else {
                    index += 1
                }
            }
            return scalars.count
        }

        /// A Swift raw string `#"…"#` (any number of `#`), or nil when `#` starts something else (`#if`).
        func rawStringEnd() -> Int? {
            var hashes = 0
            var index = position
            while index < scalars.count, scalars[index] == "#" { hashes += 1; index += 1 }
            guard index < scalars.count, scalars[index] == "\"" else { return nil }
            let triple = index + 2 < scalars.count && scalars[index + 1] == "\"" && scalars[index + 2] == "\""
            index += triple ? 3 : 1
            while index < scalars.count {
                if scalars[index] == "\"" {
                    var closing = index + 1
                    if triple {
                        guard closing + 1 < scalars.count, scalars[closing] == "\"", scalars[closing + 1] == "\"" else {
                            index += 1
                            continue
                        }
                        closing += 2
                    }
                    var count = 0
                    while closing < scalars.count, scalars[closing] == "#", count < hashes { count += 1; closing += 1 }
                    if count == hashes { return closing }
                }
                if !triple, scalars[index] == "\n" { return index }
                index += 1
            }
            return scalars.count
        }

        /// The end of a string literal opening at `start` (single, or triple-quoted over several lines). An
        /// unterminated single-line string ends at the line's end, so one stray quote colours one line only.
        func stringEnd(from start: Int) -> Int {
            let quote = scalars[start]
            let triple = start + 2 < scalars.count && scalars[start + 1] == quote && scalars[start + 2] == quote
            var index = start + (triple ? 3 : 1)
            while index < scalars.count {
                let c = scalars[index]
                if c == "\\" {
                    index += 2
                    continue
                }
                if c == quote {
                    if !triple { return index + 1 }
                    if index + 2 < scalars.count, scalars[index + 1] == quote, scalars[index + 2] == quote {
                        return index + 3
                    }
                }
                if !triple, c == "\n" { return index }
                index += 1
            }
            return scalars.count
        }

        mutating func emit(_ kind: String?, upTo end: Int) {
            let end = min(end, scalars.count)
            if let kind { out += "<span class=\"tok-\(kind)\">" }
            for index in position..<end { append(scalars[index]) }
            if kind != nil { out += "</span>" }
            position = end
        }

        mutating func append(_ c: Unicode.Scalar) { HTML.append(c, to: &out) }

        static let swiftKeywords: Set<String> = [
            "actor", "any", "as", "associatedtype", "async", "await", "break", "case", "catch", "class", "consume",
            "continue", "convenience", "default", "defer", "deinit", "didSet", "do", "dynamic", "else", "enum",
            "extension", "fallthrough", "false", "fileprivate", "final", "for", "func", "get", "guard", "if",
            "import", "in", "indirect", "init", "inout", "internal", "is", "lazy", "let", "mutating", "nil",
            "nonisolated", "nonmutating", "open", "operator", "override", "private", "protocol", "public",
            "repeat", "required", "rethrows", "return", "self", "Self", "set", "some", "static", "struct",
            "subscript", "super", "switch", "throw", "throws", "true", "try", "typealias", "var", "weak",
            "where", "while", "willSet", "borrowing", "consuming", "sending", "package", "unowned",
        ]

        static let pythonKeywords: Set<String> = [
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
            "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
            "match", "case", "self",
        ]
    }
}
