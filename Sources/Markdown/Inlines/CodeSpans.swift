// Code spans (CommonMark 0.31.2 §6.1): a backtick string, then anything up to a backtick string of the
// same length. Line endings become spaces; one space is stripped from each side when both sides have
// one and the content is not all spaces. Like cmark's `scan_to_closing_backticks`, a failed scan
// records where each length of run was last seen, so an opener with no closer costs O(1) after the
// first full scan ("backticks" pathological case).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension InlineSubject {
    /// cmark's limit: longer runs never open code spans (their closers are not tracked).
    static let maximumBacktickRun = 1000

    mutating func handleBackticks() {
        let start = pos
        while pos < end, s[pos] == UInt8(ascii: "`") { pos += 1 }
        let length = pos - start
        guard let closer = closingBackticks(length: length, from: pos) else {
            appendText(start, pos)
            return
        }
        let content = normalizedCode(pos..<closer)
        let index = strings.count
        strings.append(content)
        pos = closer + length
        list.append(.code, index, start: start, end: pos)
    }

    /// The position of the next run of exactly `length` backticks at or after `from`, or nil.
    private mutating func closingBackticks(length: Int, from: Int) -> Int? {
        guard length <= InlineSubject.maximumBacktickRun else { return nil }
        if scannedAllBackticks, (length < backtickRuns.count ? backtickRuns[length] : -1) < from { return nil }
        var i = from
        while i < end {
            // The next backtick, by the C library's vectorized search.
            guard let base = s.baseAddress,
                  let found = memchr(base + i, Int32(UInt8(ascii: "`")), end - i) else { break }
            i = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
            let runStart = i
            while i < end, s[i] == UInt8(ascii: "`") { i += 1 }
            let run = i - runStart
            if run <= InlineSubject.maximumBacktickRun {
                if run >= backtickRuns.count { backtickRuns.append(contentsOf: repeatElement(-1, count: run + 1 - backtickRuns.count)) }
                backtickRuns[run] = runStart
            }
            if run == length { return runStart }
        }
        scannedAllBackticks = true
        return nil
    }

    private func normalizedCode(_ range: Range<Int>) -> String {
        let code = UnsafeBufferPointer(rebasing: s[range])
        if let base = code.baseAddress, memchr(base, 0x0A, code.count) == nil, memchr(base, 0x0D, code.count) == nil {
            // One line (most code spans): the source bytes as they are, less one space on each side.
            if code.count >= 2, code.first == 0x20, code.last == 0x20, code.contains(where: { $0 != 0x20 }) {
                return String(utf8Bytes: UnsafeBufferPointer(rebasing: code.dropFirst().dropLast()))
            }
            return String(utf8Bytes: code)
        }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        var allSpaces = true
        while i < range.upperBound {
            let b = s[i]
            if b == 0x0D {
                out.append(0x20)
                if i + 1 < range.upperBound, s[i + 1] == 0x0A { i += 1 }
            } else if b == 0x0A {
                out.append(0x20)
            } else {
                out.append(b)
                if b != 0x20 { allSpaces = false }
            }
            i += 1
        }
        if !allSpaces, out.count >= 2, out.first == 0x20, out.last == 0x20 {
            return String(utf8Bytes: out[1..<out.count - 1])
        }
        return String(utf8Bytes: out)
    }
}
