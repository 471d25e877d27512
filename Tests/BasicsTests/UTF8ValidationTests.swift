// The UTF-8 check against the standard library's decoder (which keeps valid input unchanged and repairs
// anything else), on random sequences of valid characters, invalid bytes and the edge cases of table 3-7.
import Basics
import Testing

@Suite struct UTF8ValidationTests {
    @Test func utf8CheckAgreesWithTheStandardDecoder() {
        var state: UInt64 = 12345
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        // Lead bytes and the edges of the second byte's allowed ranges (overlong forms, surrogates, > U+10FFFF).
        let pieces: [[UInt8]] = [[0x61], [0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68], [0xC2, 0x80], [0xC1, 0xBF], [0xDF, 0xBF],
                                 [0xE0, 0xA0, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
                                 [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
                                 [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
                                 [0x80], [0xBF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xFF]]
        for trial in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<(trial % 12) { bytes += pieces[next() % pieces.count] }
            let valid = Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
            #expect(bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) } == valid, "\(bytes)")
        }
    }
}
