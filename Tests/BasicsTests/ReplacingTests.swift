import Basics
import Foundation
import XCTest

final class ReplacingTests: XCTestCase {
    func testReplacesEveryOccurrenceLeftToRightWithoutOverlap() {
        XCTAssertEqual("aaa".replacingAll("aa", with: "b"), "ba")
        XCTAssertEqual("<td align=\"left\">x</td>".replacingAll("<td align=\"left\">", with: "<td style=\"text-align: left\">"),
                       "<td style=\"text-align: left\">x</td>")
        XCTAssertEqual("abc".replacingAll("x", with: "y"), "abc")
        XCTAssertEqual("".replacingAll("x", with: "y"), "")
        XCTAssertEqual("ab".replacingAll("abc", with: "y"), "ab")
        XCTAssertEqual("abc".replacingAll("", with: "y"), "abc")
        XCTAssertEqual("abab".replacingAll("ab", with: ""), "")
    }

    func testReplacementTextIsNotSearchedAgain() {
        XCTAssertEqual("ab".replacingAll([("a", "ab"), ("b", "c")]), "abc")
        XCTAssertEqual("url(#a)".replacingAll("url(#", with: "url(#url(#"), "url(#url(#a)")
    }

    func testTheFirstListedTargetWinsAtOnePlace() {
        XCTAssertEqual("<details class=x>".replacingAll([("<details", "A"), ("<details class=", "B")]), "A class=x>")
        XCTAssertEqual("<details class=x>".replacingAll([("<details class=", "B"), ("<details", "A")]), "Bx>")
    }

    func testMultibyteTextIsKept() {
        XCTAssertEqual("가 <p>é</p>\n 😀".replacingAll([("<p>", ""), ("</p>\n", "")]), "가 é 😀")
        XCTAssertEqual("αβγ".replacingAll("β", with: "b"), "αbγ")
    }

    /// Against Foundation on random text over a small alphabet (many partial matches), where the two agree: ASCII.
    func testAgreesWithFoundationOnASCII() {
        // A fixed linear congruential sequence: the same cases on every run.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        let alphabet = Array("ab<>/")
        for _ in 0..<500 {
            let text = String((0..<next(41)).map { _ in alphabet[next(alphabet.count)] })
            let target = String((0..<1 + next(3)).map { _ in alphabet[next(alphabet.count)] })
            XCTAssertEqual(text.replacingAll(target, with: "[x]"), text.replacingOccurrences(of: target, with: "[x]"), "\(text) / \(target)")
        }
    }

    func testLongTextIsLinear() {
        // A target that almost matches everywhere: each position costs at most the target's length.
        let text = String(repeating: "a", count: 1 << 20)
        XCTAssertEqual(text.replacingAll("aaaab", with: "x"), text)
        XCTAssertEqual(text.replacingAll("aa", with: "b"), String(repeating: "b", count: 1 << 19))
    }
}
