// What every fuzz target shares: the input as text, and the invariants checked on the outputs.
// A broken invariant is a trap, which libFuzzer reports as a crash and saves the input for.
import Diagnostics

/// The fuzzer's bytes as text, invalid UTF-8 read as U+FFFD (as the product reads files).
func text(_ data: UnsafePointer<UInt8>, _ count: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
}

/// Traps with a message that libFuzzer prints beside the saved input.
func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("invariant broken: \(message())") }
}

/// Output must stay in proportion to the input: the budgets promise linear size.
func checkSize(_ output: String, input: String, factor: Int, what: String) {
    let limit = factor * input.utf8.count + 64 * 1024
    invariant(output.utf8.count <= limit, "\(what): \(output.utf8.count) bytes of output for \(input.utf8.count) bytes of input")
}

/// A diagnostic position must point inside the text it is about (1-based; one past the end is allowed).
func checkPosition(line: Int, column: Int, in text: String, what: String) {
    let lines = text.sourceLines
    invariant(line >= 1 && line <= lines.count + 1, "\(what): line \(line) of \(lines.count)")
    let length = line <= lines.count ? lines[line - 1].unicodeScalars.count : 0
    invariant(column >= 1 && column <= length + 1, "\(what): column \(column) of a \(length)-scalar line \(line)")
}

/// Well-formed XML (what a `<math>` element must be): balanced tags, quoted attributes, no stray `<` or `&`.
/// Returns nil when well-formed, or what is wrong.
func xmlProblem(_ xml: String) -> String? {
    let bytes = Array(xml.utf8)
    var stack: [ArraySlice<UInt8>] = []
    var i = 0
    func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x3A || b == 0x5F
    }
    func entity(at start: Int) -> Int? {   // index after a valid reference starting at `&`
        var j = start + 1
        while j < bytes.count, j - start < 12, bytes[j] != 0x3B { j += 1 }
        guard j < bytes.count, bytes[j] == 0x3B else { return nil }
        let name = String(decoding: bytes[(start + 1)..<j], as: UTF8.self)
        if ["amp", "lt", "gt", "quot", "apos"].contains(name) { return j + 1 }
        if name.hasPrefix("#x"), UInt32(name.dropFirst(2), radix: 16) != nil { return j + 1 }
        if name.hasPrefix("#"), UInt32(name.dropFirst()) != nil { return j + 1 }
        return nil
    }
    while i < bytes.count {
        let b = bytes[i]
        if b == 0x26 {   // &
            guard let after = entity(at: i) else { return "a bare & at byte \(i)" }
            i = after
        } else if b == 0x3E {
            return "a bare > at byte \(i)"
        } else if b == 0x3C {   // <
            let closing = i + 1 < bytes.count && bytes[i + 1] == 0x2F
            var j = i + (closing ? 2 : 1)
            let nameStart = j
            while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
            guard j > nameStart else { return "a < without a tag name at byte \(i)" }
            let name = bytes[nameStart..<j]
            if closing {
                guard j < bytes.count, bytes[j] == 0x3E else { return "a malformed end tag at byte \(i)" }
                guard let open = stack.popLast(), open == name else { return "an end tag that closes nothing at byte \(i)" }
                i = j + 1
                continue
            }
            // Attributes: name="value", values without < or bare &.
            while true {
                while j < bytes.count, bytes[j] == 0x20 { j += 1 }
                guard j < bytes.count else { return "an unclosed start tag at byte \(i)" }
                if bytes[j] == 0x3E { stack.append(name); j += 1; break }
                if bytes[j] == 0x2F, j + 1 < bytes.count, bytes[j + 1] == 0x3E { j += 2; break }
                let attributeStart = j
                while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
                guard j > attributeStart, j + 1 < bytes.count, bytes[j] == 0x3D, bytes[j + 1] == 0x22 else {
                    return "a malformed attribute at byte \(j)"
                }
                j += 2
                while j < bytes.count, bytes[j] != 0x22 {
                    if bytes[j] == 0x3C { return "a < inside an attribute value at byte \(j)" }
                    if bytes[j] == 0x26 {
                        guard let after = entity(at: j) else { return "a bare & inside an attribute value at byte \(j)" }
                        j = after
                    } else {
                        j += 1
                    }
                }
                guard j < bytes.count else { return "an unterminated attribute value" }
                j += 1
            }
            i = j
        } else {
            i += 1
        }
    }
    return stack.isEmpty ? nil : "\(stack.count) unclosed elements"
}
