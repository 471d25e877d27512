// The site's one stylesheet, written to `style.css`: a reading layout with a chapter sidebar, light and dark
// themes following the system (`prefers-color-scheme`), a print stylesheet for handouts, a single column at phone
// width, system fonts that set Korean and English well, callouts for GitHub alerts, `<details>` for solutions
// and result tables, figures with captions, MathML with a math font, and syntax-highlight token colours.
// No JavaScript anywhere.
import Basics

enum Stylesheet {
    /// The stylesheet; `mathFont` is the site-root-relative path of a math font file to load, if configured.
    static func css(mathFont: String?) -> String {
        var css = ""
        if let mathFont {
            // The font is named twice: "Site Math" always loads our file; a system copy of Latin Modern Math
            // comes first only if the reader already has it installed.
            css += """
            @font-face {
              font-family: "Site Math";
              src: url("\(mathFont)");
              font-display: swap;
            }


            """
        }
        css += base
        css = css.replacingAll("MATH_FONTS", with: mathFont == nil
            ? "\"Latin Modern Math\", \"STIX Two Math\", math"
            : "\"Latin Modern Math\", \"Site Math\", \"STIX Two Math\", math")
        return css
    }

    private static let base = """
    /* build-docs stylesheet. Colours are custom properties so the dark theme and the charts share them.
       Every text colour reads at 4.5:1 or more on every background of its theme (WCAG AA; a test checks all pairs). */
    :root {
      color-scheme: light dark;
      --text: #1d2127;
      --text-muted: #5b6470;
      --background: #fcfcfa;
      --surface: #f2f3f1;
      --border: #d9dcd8;
      --accent: #1f5fbf;
      --accent-soft: #e4edfa;
      --code-background: #f3f4f2;
      --token-keyword: #a626a4;
      --token-string: #36741f;
      --token-number: #a14f00;
      --token-comment: #5f6873;
      --token-type: #0f6e8c;
      --note: #1a62d2;
      --tip: #17742f;
      --important: #7a4ad2;
      --warning: #8a5d00;
      --caution: #c81f2b;
      /* Chart colours (the custom properties the Charts module reads; its `Palette.light`/`Palette.dark`,
         each ≥ 3:1 against the page background). */
      --chart-text: var(--text);
      --chart-muted: var(--text-muted);
      --chart-axis: #5b6470;
      --chart-grid: #e3e5e1;
      --chart-reference: var(--text);
      --chart-1: #0072B2;
      --chart-2: #D55E00;
      --chart-3: #009E73;
      --chart-4: #B8528F;
      --chart-5: #A66F00;
      --chart-6: #7A5CC4;
      --chart-7: #8A7A00;
      --chart-8: #5F6B7A;
      --chart-font: var(--sans);
      --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Apple SD Gothic Neo", "Malgun Gothic",
        "Noto Sans KR", "Noto Sans CJK KR", "Helvetica Neue", Arial, sans-serif;
      --mono: ui-monospace, "SF Mono", SFMono-Regular, Menlo, Consolas, "Noto Sans Mono", "D2Coding",
        "Noto Sans Mono CJK KR", "Liberation Mono", monospace;
      --sidebar: 16.5rem;
      --measure: 46rem;
    }

    @media (prefers-color-scheme: dark) {
      :root {
        --text: #e3e6ea;
        --text-muted: #9aa3ad;
        --background: #15181c;
        --surface: #1d2127;
        --border: #333a43;
        --accent: #7cb0ff;
        --accent-soft: #1c2b42;
        --code-background: #1d2127;
        --token-keyword: #d88ee6;
        --token-string: #9fd38a;
        --token-number: #f0a860;
        --token-comment: #8e97a2;
        --token-type: #6fc6e0;
        --note: #4d99f8;
        --tip: #3fb950;
        --important: #ad80f8;
        --warning: #d29922;
        --caution: #ff6a60;
        /* Lighter series colours read better on a dark page. */
        --chart-axis: #9aa3ad;
        --chart-grid: #2c3239;
        --chart-1: #56B4E9;
        --chart-2: #E69F00;
        --chart-3: #3DD6A3;
        --chart-4: #E6A3CC;
        --chart-5: #F5C542;
        --chart-6: #B9A6F2;
        --chart-7: #F0E442;
        --chart-8: #A0AAB5;
      }
    }

    *, *::before, *::after { box-sizing: border-box; }

    html {
      font-family: var(--sans);
      font-size: 106.25%;
      line-height: 1.65;
      color: var(--text);
      background: var(--background);
      -webkit-text-size-adjust: 100%;
      text-size-adjust: 100%;
    }

    body { margin: 0; }

    /* Korean breaks between words, not inside them. A word longer than the line still breaks (break-word), but,
       unlike `anywhere`, that does not shrink a table column to one syllable: a wide table scrolls instead. */
    :lang(ko) { word-break: keep-all; overflow-wrap: break-word; }

    a { color: var(--accent); text-underline-offset: 0.15em; }
    a:hover { text-decoration-thickness: 2px; }

    .skip-link { position: absolute; left: -999px; top: 0; }
    .skip-link:focus { left: 1rem; z-index: 10; background: var(--background); padding: 0.5rem 1rem; }

    /* Layout: sidebar and article on wide screens; one column, chapters after the article, on phones. The chapter
       list is in the page twice, each where it is seen, so the tab order matches: one is always display: none. */
    .layout {
      display: grid;
      grid-template-columns: var(--sidebar) minmax(0, 1fr);
      grid-template-areas: "chapters main";
      min-height: 100vh;
    }
    main { grid-area: main; padding: 2.5rem clamp(1rem, 4vw, 3.5rem) 3rem; min-width: 0; }
    article, .pager { max-width: var(--measure); margin-inline: auto; }

    .masthead, .chapters-end { display: none; }

    .chapters {
      grid-area: chapters;
      position: sticky;
      top: 0;
      height: 100vh;
      overflow-y: auto;
      padding: 2rem 1.25rem 2rem 1.5rem;
      border-right: 1px solid var(--border);
      background: var(--surface);
      font-size: 0.92rem;
      line-height: 1.4;
    }
    .chapters .site-title {
      display: block;
      font-weight: 700;
      font-size: 1.05rem;
      color: var(--text);
      text-decoration: none;
      margin-bottom: 1.25rem;
    }
    .chapters ol { list-style: none; margin: 0; padding: 0; }
    .chapters li { margin: 0.1rem 0; }
    .chapters li a {
      display: block;
      padding: 0.35rem 0.6rem;
      border-radius: 6px;
      color: var(--text-muted);
      text-decoration: none;
    }
    .chapters li a:hover { color: var(--text); background: var(--background); }
    .chapters a[aria-current="page"] { color: var(--accent); background: var(--accent-soft); font-weight: 600; }
    .print-link { margin-top: 1.5rem; font-size: 0.85rem; }
    .print-page main { max-width: var(--measure); margin-inline: auto; }
    .print-chapter + .print-chapter { border-top: 1px solid var(--border); margin-top: 3rem; padding-top: 1rem; }
    .chapter-number { display: inline-block; min-width: 1.4em; font-variant-numeric: tabular-nums; }
    .editions ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; margin: 0; padding: 0; }
    .editions a { font-size: 0.9rem; }
    .editions a[aria-current="page"] { color: var(--text); font-weight: 600; text-decoration: none; }
    .chapters .editions { margin: -0.5rem 0 1.25rem; }
    /* Parts (site.yml): a small title over their chapters, which stay aligned with the others. */
    .chapters li.part { margin: 0.9rem 0 0.3rem; }
    .chapters .part-title {
      display: block;
      padding: 0 0.6rem 0.2rem;
      font-size: 0.78rem;
      font-weight: 700;
      letter-spacing: 0.04em;
      text-transform: uppercase;
      color: var(--text-muted);
    }

    @media (max-width: 52rem) {
      .layout { display: block; }
      .chapters-sidebar { display: none; }
      .chapters-end { display: block; }
      .masthead {
        display: flex;
        justify-content: space-between;
        align-items: baseline;
        gap: 1rem;
        padding: 0.75rem 1rem;
        border-bottom: 1px solid var(--border);
        background: var(--surface);
      }
      .masthead .site-title { font-weight: 700; color: var(--text); text-decoration: none; }
      .masthead .to-chapters { font-size: 0.9rem; white-space: nowrap; }
      main { padding-top: 1.5rem; }
      .chapters { position: static; height: auto; border-right: 0; border-top: 1px solid var(--border); }
      .experiment { padding: 0.6rem; }
      .chapters .site-title, .chapters .editions { display: none; }
      .masthead .editions { margin-left: auto; }
      html { font-size: 100%; }
      h1 { font-size: 1.75rem; }
    }

    /* Text */
    h1, h2, h3, h4, .heading { line-height: 1.25; margin: 2.2em 0 0.6em; font-weight: 700; letter-spacing: -0.01em; }
    h1 { font-size: 2.1rem; margin-top: 0; letter-spacing: -0.02em; }
    h2, .heading-2 { font-size: 1.5rem; padding-bottom: 0.25em; border-bottom: 1px solid var(--border); }
    h3, .heading-3 { font-size: 1.2rem; }
    h4, .heading-4 { font-size: 1rem; }
    /* A heading and its anchor link side by side: the box carries the heading's size and spacing. */
    .heading { display: flex; align-items: baseline; gap: 0.35em; }
    .heading > * { font-size: inherit; margin: 0; padding: 0; border: 0; min-width: 0; }
    p, ul, ol, dl, table, figure, pre, blockquote, details, .markdown-alert { margin: 0 0 1.1rem; }
    li:has(> input[type="checkbox"]) { list-style: none; margin-left: -1.3em; }
    li + li { margin-top: 0.25rem; }
    li > p { margin-bottom: 0.5rem; }
    hr { border: 0; border-top: 1px solid var(--border); margin: 2.5rem 0; }
    strong { font-weight: 650; }
    img, svg { max-width: 100%; height: auto; }
    .heading-anchor {
      color: var(--text-muted);
      text-decoration: none;
      font-weight: 400;
      opacity: 0;
    }
    .heading:hover .heading-anchor, .heading-anchor:focus { opacity: 1; }
    :target { scroll-margin-top: 1rem; }

    blockquote {
      margin-inline: 0;
      padding: 0.1rem 1rem;
      border-left: 4px solid var(--border);
      color: var(--text-muted);
    }

    /* Table of contents of the page */
    .toc {
      margin: 0 0 2rem;
      padding: 0.9rem 1.2rem;
      background: var(--surface);
      border: 1px solid var(--border);
      border-radius: 8px;
      font-size: 0.92rem;
    }
    .toc .toc-title {
      font-size: 0.78rem;
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: var(--text-muted);
      border: 0;
      margin: 0 0 0.4rem;
      padding: 0;
    }
    .toc ol { margin: 0; padding-left: 1.2rem; }
    .toc ol ol { padding-left: 1rem; list-style: circle; }
    .toc li + li, .toc li > ol { margin-top: 0.15rem; }
    .toc a { text-decoration: none; }
    .toc a:hover { text-decoration: underline; }

    /* Code */
    code, kbd, samp, pre { font-family: var(--mono); font-size: 0.88em; }
    :not(pre) > code {
      background: var(--code-background);
      border: 1px solid var(--border);
      border-radius: 4px;
      padding: 0.05em 0.3em;
    }
    pre {
      background: var(--code-background);
      border: 1px solid var(--border);
      border-radius: 8px;
      padding: 0.9rem 1rem;
      overflow-x: auto;
      line-height: 1.5;
      tab-size: 4;
    }
    pre code { font-size: inherit; }
    .tok-keyword { color: var(--token-keyword); }
    .tok-string { color: var(--token-string); }
    .tok-number { color: var(--token-number); }
    .tok-comment { color: var(--token-comment); font-style: italic; }
    .tok-type { color: var(--token-type); }

    /* Tables */
    .table-wrapper { overflow-x: auto; margin: 0 0 1.1rem; }
    table { border-collapse: collapse; font-size: 0.92rem; font-variant-numeric: tabular-nums; }
    .table-wrapper table { margin: 0; }
    th, td { border: 1px solid var(--border); padding: 0.35rem 0.7rem; vertical-align: top; }
    th { background: var(--surface); font-weight: 600; }

    /* Math (MathML Core) */
    math { font-family: MATH_FONTS; font-size: 1.1em; }
    math[display="block"] { margin: 1rem 0; padding: 0.2rem 0; }
    /* The scrolling box around a display formula takes over its margins (a scroll box's margins don't collapse). */
    .formula { display: block; margin: 1rem 0; overflow-x: auto; overflow-y: hidden; }
    .formula > math[display="block"] { margin: 0; }
    .math-error { color: var(--caution); font-family: var(--mono); }

    /* GitHub alerts as callouts */
    .markdown-alert {
      --alert: var(--note);
      color: inherit;
      border-left: 4px solid var(--alert);
      background: color-mix(in srgb, var(--alert) 7%, transparent);
      border-radius: 0 8px 8px 0;
      padding: 0.7rem 1rem 0.1rem;
    }
    .markdown-alert-note { --alert: var(--note); }
    .markdown-alert-tip { --alert: var(--tip); }
    .markdown-alert-important { --alert: var(--important); }
    .markdown-alert-warning { --alert: var(--warning); }
    .markdown-alert-caution { --alert: var(--caution); }
    .markdown-alert-title { font-weight: 600; color: var(--alert); margin-bottom: 0.4rem; }

    /* Details: solutions of exercises, tables of numbers */
    details {
      border: 1px solid var(--border);
      border-radius: 8px;
      padding: 0.5rem 1rem;
      background: var(--background);
    }
    details > summary { cursor: pointer; font-weight: 600; color: var(--accent); }
    details[open] > summary { margin-bottom: 0.6rem; }
    details > :last-child { margin-bottom: 0.5rem; }

    /* Figures from experiments */
    figure { margin-inline: 0; }
    /* The figure, then its numbers and parameters, in one box. */
    .experiment {
      margin: 0 0 1.1rem;
      padding: 1rem;
      border: 1px solid var(--border);
      border-radius: 10px;
      background: var(--background);
    }
    .experiment figure { margin: 0; }
    /* The author's own pictures as figures (ImageFigures). */
    .image-figure p { margin: 0 0 0.5rem; text-align: center; }
    .image-figure img { max-width: 100%; height: auto; }
    .figure-panels { overflow-x: auto; }
    /* Each chart comes in two layouts: the desktop one, and one drawn for a phone (narrower, small multiples
       in fewer columns, the same type sizes), so every figure is seen whole, without sideways scrolling, with
       text of about 10 px or more. The breakpoint is in rem, so zooming in also switches to the larger text. */
    .figure-panels svg { display: block; margin: 0 auto; max-width: 100%; height: auto; }
    .figure-panels svg.chart-narrow { display: none; }
    @media (max-width: 40rem) {
      .figure-panels svg.chart-wide { display: none; }
      .figure-panels svg.chart-narrow { display: block; }
    }
    @media print { .figure-panels svg.chart-wide { display: block; } .figure-panels svg.chart-narrow { display: none; } }
    figcaption { font-size: 0.92rem; color: var(--text-muted); margin-top: 0.6rem; }
    figcaption .figure-number { font-weight: 600; color: var(--text); }
    details.experiment-numbers, details.experiment-parameters { margin: 0.8rem 0 0; font-size: 0.9rem; }
    .experiment details table { margin: 0 0 0.6rem; }
    .downloads { font-size: 0.88rem; margin: 0.5rem 0 0; }
    .experiment-parameters pre { font-size: 0.92em; margin-bottom: 0.5rem; }
    .monte-carlo { font-size: 0.92rem; color: var(--text-muted); }

    /* Footnotes */
    .footnotes { font-size: 0.9rem; color: var(--text-muted); border-top: 1px solid var(--border); margin-top: 3rem; }

    /* Previous / next */
    .pager {
      display: flex;
      justify-content: space-between;
      gap: 1rem;
      margin-top: 3rem;
      padding-top: 1.5rem;
      border-top: 1px solid var(--border);
    }
    .pager a {
      flex: 1 1 0;
      padding: 0.7rem 1rem;
      border: 1px solid var(--border);
      border-radius: 8px;
      text-decoration: none;
    }
    .pager a:hover { border-color: var(--accent); }
    .pager .next { text-align: right; margin-left: auto; }
    .pager-label { display: block; font-size: 0.8rem; color: var(--text-muted); }

    .site-footer {
      grid-column: 1 / -1;
      padding: 1.5rem clamp(1rem, 4vw, 3.5rem);
      border-top: 1px solid var(--border);
      font-size: 0.85rem;
      color: var(--text-muted);
      text-align: center;
    }
    .site-footer p { margin: 0.2rem 0; }

    /* Handouts: the article alone, black on white, links spelled out, figures kept whole. */
    @media print {
      :root {
        --text: #000; --text-muted: #333; --background: #fff; --surface: #fff; --border: #bbb;
        --accent: #000; --code-background: #f6f6f6;
      }
      html { font-size: 11pt; }
      .chapters, .masthead, .pager, .skip-link, .heading-anchor, .toc { display: none; }
      .layout { display: block; }
      main { padding: 0; }
      article { max-width: none; }
      a { color: inherit; text-decoration: none; }
      article a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
      figure, pre, table, .markdown-alert, math[display="block"] { break-inside: avoid; }
      h1, h2, h3, .heading { break-after: avoid; }
      pre { white-space: pre-wrap; }
      /* A handout shows what a reader would have to click open: solutions, numbers, parameters. */
      details::details-content { content-visibility: visible; display: block; }
      details > summary { list-style: none; font-weight: 600; }
      details > summary::-webkit-details-marker { display: none; }
      .try-it { display: none; }
      .print-chapter + .print-chapter { break-before: page; border-top: 0; margin-top: 0; }
    }
    """
}
