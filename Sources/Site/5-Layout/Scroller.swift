// Content that scrolls sideways when it is wider than the page (figure panels, wide formulas, tables, code):
// focusable, so a keyboard can scroll it in every browser, and a named region, so a screen reader says what the
// tab stop is. Every stage that writes such a container takes its attributes from here.
enum Scroller {
    /// ` tabindex="0" role="region" aria-label="…"`, for the scrolling element's start tag.
    static func attributes(label: String) -> String {
        " tabindex=\"0\" role=\"region\" aria-label=\"\(HTML.escape(label))\""
    }
}
