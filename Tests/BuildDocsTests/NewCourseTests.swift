// "Done when" of issue 18: a course on another topic, started with `build-docs new`, grown by its author (a chapter
// with an image figure, site-wide macros, numbering by chapter, navigation parts, a stylesheet), in a folder not named
// docs-src and built from another working directory, builds with zero warnings.
// The chapter also plots a function the author writes (the sigmoid and its slope) and a CSV of the author's own runs.
import Foundation
import Testing

@Suite struct NewCourseTests {
    /// The chapter the author adds: an image figure, a formula with site-wide macros, a built-in experiment, a function
    /// plot and a plot of the author's CSV.
    static let chapter = """
        # Activation functions

        An activation function bends the sum a unit computes. The rectified linear unit is
        $$\\begin{equation}\\relu(x) = \\max(0, x), \\qquad \\relu'(x) = \\indicator{x > 0}. \\label{eq:relu}\\end{equation}$$

        ![The graph of ReLU: zero for negative inputs, the identity for positive ones](images/relu.svg "The rectified linear unit, $\\relu(x)$")

        [](#fig-relu) shows [](#eq:relu); [](01-depth.md#fig-depth) showed what tanh does to a signal over ten layers.

        ```experiment activations
        name: shapes
        caption: Activations of three layers of 20 units for each activation, with Xavier-normal weights.
        init: xavier-normal
        activation: relu
        layers: 3
        width: 20
        samples: 100
        bins: 10
        seed: 1
        ```

        [](#fig-shapes) shows the half of every layer that ReLU sets to zero.

        ```experiment plot
        name: slope
        caption: The logistic sigmoid and its slope, which is at most 1/4.
        function: σ(x) = 1/(1+exp(-x))
        derivative: σ
        x: -6..6
        at: 0
        expect: σ'(0) ≈ 0.25 ± 1e-6
        ```

        The sigmoid's slope is {{slope.σ'(0) | 2}} at zero ([](#fig-slope)).

        ```experiment plot
        name: runs
        caption: Training loss of the author's own runs, by learning-rate schedule.
        data: data/runs.csv
        x: epoch
        y: loss
        group: schedule
        log: y
        expect: group[cosine].column[loss].last < group[step].column[loss].last
        ```

        With the cosine schedule the loss ends at {{runs.group[cosine].column[loss].last | 2}} ([](#fig-runs)).

        """

    static let siteYML = """
        title: Activation functions, by experiment
        description: What the function after each layer does to the signal.
        author: A. Newcomer
        language: en
        chapter-numbers: true
        numbering: chapter
        stylesheet: custom.css
        math-macros: macros.tex
        parts:
          Signals: 01-depth
          Functions: 02-activations

        """

    static let relu = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 60" width="300" height="180">
        <path d="M 10 50 L 50 50 L 90 10" fill="none" stroke="currentColor" stroke-width="2"/>
        </svg>

        """

    @Test func aCourseStartedWithNewBuildsWithoutWarningsFromElsewhere() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("build-docs-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let elsewhere = root.appendingPathComponent("work/elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)

        let new = try run(["new", "activation-course/"], in: root)
        #expect(new.status == 0, "\(new.stderr)")
        #expect(new.stdout == """
            build-docs: wrote a new course in activation-course/: site.yml, index.md, 01-depth.md, data/README.md, .gitignore
            Build it with:  swift run build-docs --source activation-course --output activation-course-site

            """)
        // Refused the second time: the folder is no longer empty.
        let again = try run(["new", "activation-course"], in: root)
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("activation-course: error: 'activation-course' is not empty (it holds 5 items)"))

        let course = root.appendingPathComponent("activation-course")
        func write(_ path: String, _ text: String) throws {
            let url = course.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("site.yml", Self.siteYML)
        try write("02-activations.md", Self.chapter)
        try write("images/relu.svg", Self.relu)
        try write("data/runs.csv", "epoch,schedule,loss\n1,step,2.3\n2,step,1.1\n3,step,0.6\n1,cosine,2.3\n2,cosine,0.9\n3,cosine,0.4\n")
        try write("custom.css", ".chapters .part-title { color: var(--accent); }\n")
        try write("macros.tex", "% The course's notation\n\\newcommand{\\relu}{\\operatorname{ReLU}}\n\\newcommand{\\indicator}[1]{\\mathbb{1}[#1]}\n")

        // From another working directory, by relative paths.
        let build = try run(["--source", "../../activation-course", "--output", "../../public"], in: elsewhere)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(!build.stderr.contains("warning") && !build.stderr.contains("error"), "\(build.stderr)")
        #expect(build.stderr.contains("build-docs: built 3 pages in "))

        func page(_ path: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent("public").appendingPathComponent(path), encoding: .utf8)
        }
        let activations = try page("02-activations.html")
        #expect(activations.contains("<span class=\"figure-number\">Figure 2.1.</span> The rectified linear unit, <math"))
        #expect(activations.contains("<span class=\"figure-number\">Figure 2.2.</span> Activations of three layers"))
        #expect(activations.contains("<a href=\"#fig-relu\">Figure 2.1</a> shows <a href=\"#eq:relu\">Equation 2.1</a>; <a href=\"01-depth.html#fig-depth\">Figure 1.1</a> showed"))
        #expect(activations.contains("<mi>ReLU</mi>"))
        #expect(activations.contains("<span class=\"figure-number\">Figure 2.3.</span> The logistic sigmoid and its slope"))
        #expect(activations.contains("The sigmoid's slope is 0.25 at zero"))
        #expect(activations.contains("the loss ends at 0.4 ("))
        #expect(activations.contains("<link rel=\"stylesheet\" href=\"custom.css\">"))
        #expect(activations.contains("<span class=\"part-title\" id=\"chapters-sidebar-part-2\">Functions</span>"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("public/images/relu.svg").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("public/custom.css").path))
        // The cache went into the course's own folder, which its .gitignore names.
        #expect(FileManager.default.fileExists(atPath: course.appendingPathComponent(".cache").path))
    }

    @Test func newNeedsAFolderThatIsNotAFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("build-docs-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let none = try run(["new"], in: root)
        #expect(none.status == 64)
        #expect(none.stderr.hasPrefix("build-docs new: give the folder to write the course into, as in: build-docs new my-course\n"))
        try Data("x".utf8).write(to: root.appendingPathComponent("notes.txt"))
        let file = try run(["new", "notes.txt"], in: root)
        #expect(file.status == 1)
        #expect(file.stderr == "notes.txt: error: 'notes.txt' is a file; give the name of a new or empty folder\n")
        // An empty folder is fine.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        #expect(try run(["new", "empty"], in: root).status == 0)
    }
}
