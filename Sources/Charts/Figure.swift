// Figure: the frame every chart shares — the root <svg> with viewBox, role, <title> and <desc> joined by
// aria-labelledby (WAI-ARIA graphics practice for inline SVG), styled groups, text placement, and the
// note line that reports data the figure could not draw. Chart files decide where things go; this file
// decides how they are written.

enum TextAnchor: String { case start, middle, end }

struct Figure {
    var svg = SVGWriter()
    let prefix: String
    let width: Double
    let height: Double
    /// What the figure lint found while drawing (text boxes are checked when the figure is finished).
    var warnings: [FigureWarning] = []
    /// Every horizontal text drawn, as an estimated box, for the overlap and view-box checks.
    private(set) var textBoxes: [TextBox] = []
    /// Font size, weight and text anchor of the open groups (innermost last), so each text's box can be estimated.
    private var fonts: [(size: Double, bold: Bool, anchor: TextAnchor)] = [(FontSize.tick, false, .start)]

    /// Opens the figure: `<svg … role="img" aria-labelledby="P-title" aria-describedby="P-desc"><title>…<desc>…`:
    /// the accessible name is the title alone, and the description is read once, as the description.
    init(prefix: String, width: Double, height: Double, title: String, description: String) {
        self.prefix = prefix
        self.width = width.rounded()
        self.height = height.rounded()
        svg.start(.svg, [
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("viewBox", "0 0 \(coordinate(self.width)) \(coordinate(self.height))"),
            ("width", coordinate(self.width)),
            ("height", coordinate(self.height)),
            ("role", "img"),
            ("aria-labelledby", "\(prefix)-title"),
            ("aria-describedby", "\(prefix)-desc"),
            ("style", "max-width:100%;height:auto;font-family:\(Palette.font);font-size:\(coordinate(FontSize.tick))px;\(Palette.rootProperties)"),
        ])
        svg.element(.title, [("id", "\(prefix)-title")], text: title)
        svg.element(.desc, [("id", "\(prefix)-desc")], text: description)
    }

    /// Closes the figure and returns the SVG text with the lint's findings (text overlaps, text outside).
    mutating func finish() -> ChartDrawing {
        svg.end(.svg)
        warnings += textFindings(textBoxes, width: width, height: height)
        return ChartDrawing(svg: svg.finish(), warnings: warnings)
    }

    mutating func warn(_ kind: FigureWarning.Kind, _ message: String) {
        let w = FigureWarning(kind: kind, message: message)
        if !warnings.contains(w) { warnings.append(w) }
    }

    /// Opens a group whose children inherit `style` (fills, strokes, font), which keeps each child short.
    mutating func beginGroup(_ style: String, _ extra: [(AttributeName, String)] = []) {
        svg.start(.g, [("style", style)] + extra)
        var font = fonts[fonts.count - 1]
        for part in style.split(separator: ";") where part.hasPrefix("font-size:") {
            if let size = Double(part.dropFirst("font-size:".count).prefix { $0 == "." || $0.isNumber }) { font.size = size }
        }
        if style.contains("font-weight:600") { font.bold = true }
        if let a = extra.first(where: { $0.0 == "text-anchor" }), let anchor = TextAnchor(rawValue: a.1) { font.anchor = anchor }
        fonts.append(font)
    }

    mutating func endGroup() {
        svg.end(.g)
        fonts.removeLast()
    }

    /// A text element whose baseline is placed so that the text's visual centre sits at `y` (cap height
    /// of a sans-serif is about 0.7 em, so the baseline goes 0.35 em below the centre).
    mutating func text(_ s: String, x: Double, centreY y: Double, size: Double = FontSize.tick,
                       anchor: TextAnchor? = nil, extra: [(AttributeName, String)] = []) {
        text(s, x: x, baseline: y + 0.35 * size, anchor: anchor, extra: extra)
    }

    /// `anchor` nil inherits the group's anchor.
    mutating func text(_ s: String, x: Double, baseline: Double, anchor: TextAnchor? = nil,
                       extra: [(AttributeName, String)] = []) {
        var attributes: [(AttributeName, String)] = [("x", coordinate(x)), ("y", coordinate(baseline))]
        if let anchor, anchor != .start { attributes.append(("text-anchor", anchor.rawValue)) }
        svg.element(.text, attributes + extra, text: s)
        guard !extra.contains(where: { $0.0 == "transform" }), !s.isEmpty else { return }
        let font = fonts[fonts.count - 1]
        let w = textWidth(s, fontSize: font.size, bold: font.bold)
        let left: Double
        switch anchor ?? font.anchor {
        case .start: left = x
        case .middle: left = x - w / 2
        case .end: left = x - w
        }
        textBoxes.append(TextBox(text: s, left: left, right: left + w, top: baseline - 0.72 * font.size,
                                 bottom: baseline + 0.2 * font.size))
    }

    /// Text turned a quarter left (reading upwards), centred on (x, y): for vertical axis titles.
    mutating func verticalText(_ s: String, x: Double, y: Double, size: Double) {
        let w = textWidth(s, fontSize: size)
        textBoxes.append(TextBox(text: s, left: x - 0.5 * size, right: x + 0.5 * size, top: y - w / 2, bottom: y + w / 2))
        let bx = x + 0.35 * size
        svg.element(.text, [("x", coordinate(bx)), ("y", coordinate(y)), ("text-anchor", "middle"),
                            ("transform", "rotate(-90 \(coordinate(bx)) \(coordinate(y)))")], text: s)
    }

    /// The chart title, top left, and the height it takes (0 when there is none).
    mutating func title(_ s: String, x: Double, maxWidth: Double) -> Double {
        guard !s.isEmpty else { return 0 }
        let shown = truncated(s, toWidth: maxWidth, fontSize: FontSize.title, bold: true)
        beginGroup("fill:\(Palette.text);font-size:\(coordinate(FontSize.title))px;font-weight:600")
        text(shown, x: x, baseline: 4 + FontSize.title)
        endGroup()
        return FontSize.title + 12
    }

    /// The note line at the bottom left: what was not drawn and why.
    mutating func note(_ s: String, x: Double, maxWidth: Double) {
        guard !s.isEmpty else { return }
        beginGroup("fill:\(Palette.muted);font-size:\(coordinate(FontSize.note))px")
        text(truncated(s, toWidth: maxWidth, fontSize: FontSize.note), x: x, baseline: height - 6)
        endGroup()
    }

    /// `words` ("No data") centred in an empty plot area, so an empty figure says why it is empty.
    mutating func noData(_ words: String, left: Double, right: Double, top: Double, bottom: Double, size: Double = FontSize.label) {
        beginGroup("fill:\(Palette.muted);font-size:\(coordinate(size))px", [("text-anchor", "middle")])
        text(words, x: (left + right) / 2, centreY: (top + bottom) / 2, size: size)
        endGroup()
    }

    /// Space the note line needs at the bottom.
    static func noteHeight(_ s: String) -> Double { s.isEmpty ? 0 : FontSize.note + 8 }
}

/// A 1-px line is sharp when it sits on a pixel centre: n + 0.5.
func crisp(_ v: Double) -> Double { (v - 0.5).rounded() + 0.5 }

/// An SVG path through points, breaking the line wherever a point is missing (nil). Relative commands
/// keep it short; coordinates are rounded to 0.01 first so the relative steps add up exactly.
func polylinePath(_ points: [(Double, Double)?]) -> String {
    var d = ""
    var last: (Int, Int)?
    for point in points {
        guard let (x, y) = point else { last = nil; continue }
        let p = (Int((x * 100).rounded()), Int((y * 100).rounded()))
        if let l = last {
            if p == l { continue }
            d += "l" + hundredths(p.0 - l.0) + signed(p.1 - l.1)
        } else {
            d += "M" + hundredths(p.0) + "," + hundredths(p.1)
        }
        last = p
    }
    return d
}

/// A path of horizontal and vertical steps through points (each differs from the previous in x or in y):
/// `M60,138v-38.4h3.28v…`. Like `polylinePath`, steps are whole hundredths, so they add up exactly.
func rectilinearPath(_ points: [(Double, Double)]) -> String {
    var d = ""
    var last: (Int, Int)?
    for (x, y) in points {
        let p = (Int((x * 100).rounded()), Int((y * 100).rounded()))
        if let l = last {
            if p == l { continue }
            if p.1 == l.1 { d += "h" + hundredths(p.0 - l.0) }
            else if p.0 == l.0 { d += "v" + hundredths(p.1 - l.1) }
            else { d += "l" + hundredths(p.0 - l.0) + signed(p.1 - l.1) }
        } else {
            d += "M" + hundredths(p.0) + "," + hundredths(p.1)
        }
        last = p
    }
    return d
}

/// An integer count of hundredths as a short decimal: 125 → "1.25", -5 → "-.05" (SVG path syntax allows it).
func hundredths(_ n: Int) -> String {
    let s = coordinate(Double(n) / 100)
    if s.hasPrefix("0.") { return String(s.dropFirst()) }
    if s.hasPrefix("-0.") { return "-" + s.dropFirst(2) }
    return s
}

/// A path number that follows another: negative numbers need no separator, positive ones a comma.
private func signed(_ n: Int) -> String {
    let s = hundredths(n)
    return s.hasPrefix("-") ? s : "," + s
}

/// Joins the parts of a "not drawn" note: "Not drawn: 2 NaN, 1 +∞, 40 values outside −1…1".
func notDrawnNote(_ text: ChartText, nan: Int, positiveInfinity: Int, negativeInfinity: Int, other: [String] = []) -> String {
    var parts: [String] = []
    if nan > 0 { parts.append(text.counted(grouped(nan), .nan)) }
    if positiveInfinity > 0 { parts.append(text.counted(grouped(positiveInfinity), .plusInfinity)) }
    if negativeInfinity > 0 { parts.append(text.counted(grouped(negativeInfinity), .minusInfinity)) }
    parts += other
    return parts.isEmpty ? "" : text.notDrawn(parts)
}
