// Lint: the figure check. Every chart reports, while it is laid out, what would keep a reader from seeing
// its result: a histogram panel whose values fall into one or two bins, values a log axis cannot place,
// series drawn on top of each other, an axis with fewer than three labelled ticks, text that overlaps
// other text or leaves the view box, series colours below 3:1 contrast. The build prints these as
// warnings at the directive; `Chart.lint()` returns them for both layouts (desktop and phone).

/// One finding of the figure check.
public struct FigureWarning: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A histogram panel whose values fall into one or two bins.
        case crowdedBins = "crowded-bins"
        /// Values ≤ 0 on a log axis (drawn in a "= 0" band, but the author should know).
        case logAxisDrops = "log-axis"
        /// Series that lie on top of each other.
        case coincidingSeries = "coinciding-series"
        /// An axis with fewer than three labelled ticks (two on a tiny panel).
        case fewTicks = "few-ticks"
        case textOverlap = "text-overlap"
        case textOutside = "text-outside"
        case lowContrast = "low-contrast"
    }

    public var kind: Kind
    /// What was found, in a sentence that names the panel or series.
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(message) [\(kind.rawValue)]" }
}

/// A chart laid out once: its SVG and what the figure check found.
public struct ChartDrawing: Sendable {
    public var svg: String
    public var warnings: [FigureWarning]
}

/// The estimated box of a horizontal text, in figure pixels.
struct TextBox {
    var text: String
    var left, right, top, bottom: Double
}

/// Text that overlaps other text (by more than a pixel each way) or leaves the view box.
func textFindings(_ boxes: [TextBox], width: Double, height: Double) -> [FigureWarning] {
    var out: [FigureWarning] = []
    for b in boxes where b.left < -1 || b.right > width + 1 || b.top < -1 || b.bottom > height + 1 {
        out.append(FigureWarning(kind: .textOutside, message: "text “\(b.text)” runs outside the figure"))
    }
    // Sorted by left edge, each box meets only those that start before it ends.
    let sorted = boxes.sorted { $0.left < $1.left }
    for i in sorted.indices {
        var j = i + 1
        while j < sorted.count && sorted[j].left < sorted[i].right - 1 {
            let a = sorted[i], b = sorted[j]
            if min(a.bottom, b.bottom) - max(a.top, b.top) > 1 && min(a.right, b.right) - b.left > 1 {
                let w = FigureWarning(kind: .textOverlap, message: "text “\(a.text)” overlaps “\(b.text)”")
                if !out.contains(w) { out.append(w) }
            }
            j += 1
        }
    }
    return out
}

extension Palette {
    /// Series colours below 3:1 against either page background (none with the shipped palettes).
    static func contrastFindings(light: [String] = Palette.light, dark: [String] = Palette.dark) -> [FigureWarning] {
        var out: [FigureWarning] = []
        for (name, colours, background) in [("light", light, backgrounds.light), ("dark", dark, backgrounds.dark)] {
            for (i, c) in colours.enumerated() where contrast(c, background) < 3 {
                let ratio = decimalString(Int((contrast(c, background) * 100).rounded()), exponent: -2, decimals: 2)
                out.append(FigureWarning(kind: .lowContrast, message: "series colour \(i + 1) (\(c)) has contrast \(ratio):1 on the \(name) background; at least 3:1 is needed"))
            }
        }
        return out
    }
}

extension Figure {
    /// Checks that a drawn axis has enough labelled ticks to compare widths: three, or two on a tiny panel
    /// (under 100 px, where three labels with their magnitude do not fit at 11 px).
    mutating func checkTicks(_ model: AxisModel, name: String) {
        let labelled = model.labelled.count
        let pixels = abs(model.scale.range.1 - model.scale.range.0)
        if labelled < (pixels < 100 ? 2 : 3) {
            warn(.fewTicks, "the \(name) axis has \(labelled == 1 ? "one labelled tick" : "\(labelled) labelled ticks"); widths cannot be compared")
        }
    }
}
