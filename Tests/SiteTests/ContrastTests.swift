// Text contrast of the stylesheet, from its own colour values: every colour a `color:` declaration can take,
// against every background a `background:` declaration can paint, in the light and in the dark theme, reaches
// WCAG AA's 4.5:1. Over-approximating (every text on every background) keeps the test free of a hand-written
// list of which text sits where. Chart colours belong to the charts' own checks.
import Foundation
import Testing
@testable import Site

@Suite struct ContrastTests {
    struct Colour: Equatable, CustomStringConvertible {
        var red, green, blue: Double  // 0…255

        init(red: Double, green: Double, blue: Double) { (self.red, self.green, self.blue) = (red, green, blue) }

        init?(hex: some StringProtocol) {
            var digits = Array(hex.dropFirst())
            guard hex.first == "#", digits.count == 3 || digits.count == 6 else { return nil }
            if digits.count == 3 { digits = digits.flatMap { [$0, $0] } }
            guard let value = Int(String(digits), radix: 16) else { return nil }
            self.init(red: Double(value >> 16 & 255), green: Double(value >> 8 & 255), blue: Double(value & 255))
        }

        /// WCAG 2.1 relative luminance.
        var luminance: Double {
            func linear(_ channel: Double) -> Double {
                let c = channel / 255
                return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
        }

        func contrast(with other: Colour) -> Double {
            let (a, b) = (luminance, other.luminance)
            return (max(a, b) + 0.05) / (min(a, b) + 0.05)
        }

        /// This colour at `alpha` painted over `background` (what `color-mix(in srgb, c p%, transparent)` shows).
        func over(_ background: Colour, alpha: Double) -> Colour {
            Colour(red: red * alpha + background.red * (1 - alpha), green: green * alpha + background.green * (1 - alpha),
                   blue: blue * alpha + background.blue * (1 - alpha))
        }

        var description: String {
            "#" + [red, green, blue].map { channel in
                let digits = String(Int(channel.rounded()), radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
        }
    }

    /// The stylesheet's custom properties in one theme, and the values its declarations take.
    struct Theme {
        let name: String
        let properties: [String: String]
        let css: String

        /// The colours a value can be: `var(--x)` resolved through the theme, `var(--alert)` each colour assigned
        /// to `--alert` anywhere, a hex colour as it is; keywords (`inherit`, `transparent`) are no colour.
        func colours(_ value: some StringProtocol) throws -> [Colour] {
            let value = value.trimmingCharacters(in: .whitespaces)
            if let colour = Colour(hex: value) { return [colour] }
            guard let match = value.wholeMatch(of: try Regex("var\\(--([a-z0-9-]+)\\)")),
                  let name = match.output[1].substring else { return [] }
            let assigned = try css.matches(of: Regex("--\(name): ([^;]+);")).compactMap { $0.output[1].substring }
            let values = properties[String(name)].map { [$0] } ?? assigned.map(String.init)
            return try values.flatMap { try colours($0) }
        }

        /// Every value of the `property:` declarations outside the print stylesheet.
        func declared(_ property: String) throws -> [String] {
            let screen = css.components(separatedBy: "@media print")[0]
            return try screen.matches(of: Regex("[\\s{;]\(property): ([^;]+);")).compactMap { $0.output[1].substring.map(String.init) }
        }
    }

    static func themes() throws -> [Theme] {
        let css = Stylesheet.css(mathFont: nil)
        func properties(of block: Substring) throws -> [String: String] {
            var properties: [String: String] = [:]
            for match in block.matches(of: try Regex("--([a-z0-9-]+): ([^;]+);")) {
                if let name = match.output[1].substring, let value = match.output[2].substring {
                    properties[String(name)] = String(value)
                }
            }
            return properties
        }
        let root = try #require(css.range(of: ":root {"))
        let light = try properties(of: css[root.upperBound...].prefix { $0 != "}" })
        let darkMedia = try #require(css.range(of: "@media (prefers-color-scheme: dark) {\n  :root {"))
        let dark = light.merging(try properties(of: css[darkMedia.upperBound...].prefix { $0 != "}" })) { $1 }
        return [Theme(name: "light", properties: light, css: css), Theme(name: "dark", properties: dark, css: css)]
    }

    /// The contrast arithmetic agrees with axe-core, which measured the old light "Note" title (#1f6feb) on its
    /// callout (7 % of it over the page's #fcfcfa, which axe read as #edf2f9) at 4.11:1.
    @Test func contrastMatchesAxeMeasurement() throws {
        let note = try #require(Colour(hex: "#1f6feb")), page = try #require(Colour(hex: "#fcfcfa"))
        let callout = note.over(page, alpha: 0.07)
        #expect(callout.description == "#edf2f9")
        #expect((note.contrast(with: callout) * 100).rounded(.down) / 100 == 4.11, "axe truncates to two decimals")
        #expect(Colour(hex: "#000")!.contrast(with: Colour(hex: "#fff")!) == 21)
    }

    @Test func everyTextColourOnEveryBackground() throws {
        for theme in try Self.themes() {
            let page = try #require(try theme.colours("var(--background)").first)
            let texts = try theme.declared("color").flatMap { try theme.colours($0) }
            var backgrounds: [Colour] = []
            for value in try theme.declared("background") {
                if let mix = value.wholeMatch(of: try Regex("color-mix\\(in srgb, (.+) ([0-9.]+)%, transparent\\)")),
                   let colour = mix.output[1].substring, let percent = mix.output[2].substring.flatMap({ Double($0) }) {
                    backgrounds += try theme.colours(colour).map { $0.over(page, alpha: percent / 100) }
                } else {
                    backgrounds += try theme.colours(value)
                }
            }
            // The scan finds what the page paints: body text, links, the five callout titles, the code tokens;
            // the page, surfaces, code and the five callout tints.
            #expect(Set(texts.map(\.description)).count >= 13, "\(theme.name): \(texts)")
            #expect(Set(backgrounds.map(\.description)).count >= 8, "\(theme.name): \(backgrounds)")
            for text in texts {
                for background in backgrounds {
                    let ratio = text.contrast(with: background)
                    #expect(ratio >= 4.5, "\(theme.name): \(text) on \(background) is \(ratio):1")
                }
            }
        }
    }
}
