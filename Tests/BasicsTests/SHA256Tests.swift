// SHA-256 against the FIPS 180-2 / NIST test vectors (Appendix B of FIPS 180-2), including inputs that cross
// block boundaries and are fed in uneven pieces.
import Basics
import Testing


@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
        ("The quick brown fox jumps over the lazy dog",
         "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"),
    ])
    func knownDigests(input: String, digest: String) {
        #expect(SHA256.hex(input) == digest)
    }

    @Test func millionAsInUnevenPieces() {
        var hasher = SHA256()
        var remaining = 1_000_000
        var piece = 1
        while remaining > 0 {
            let count = min(piece, remaining)
            hasher.update([UInt8](repeating: UInt8(ascii: "a"), count: count))
            remaining -= count
            piece = piece * 3 % 1001 + 1
        }
        #expect(hasher.hexDigest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func everyLengthAroundTheBlockSizeDiffers() {
        // Lengths 0…130 cover the padding cases (55, 56, 63, 64 bytes); all digests must be distinct.
        let digests = (0...130).map { SHA256.hex(String(repeating: "x", count: $0)) }
        #expect(Set(digests).count == digests.count)
        // Feeding byte by byte gives the same digest as feeding at once.
        var hasher = SHA256()
        for byte in Array(String(repeating: "x", count: 119).utf8) { hasher.update([byte]) }
        #expect(hasher.hexDigest() == digests[119])
    }
}
