// `build-docs new FOLDER`: a minimal course that builds at once, without warnings: site.yml, a home page, one
// chapter with one experiment (a quick one, no data needed), a README for the data folder, and a `.gitignore`
// for the result cache. Written only into a folder that is new or empty, so nothing of the author's is replaced.
import Diagnostics
import Foundation

public enum Starter {
    /// The files of a new course: path in the folder → text.
    static let files: [(path: String, text: String)] = [
        ("site.yml", """
        # The course's settings: see "Start your own course" and "Site configuration" in build-docs' README.
        title: My course
        description: A course whose figures are computed when the site is built.
        author: Your Name
        language: en
        chapter-numbers: true
        # numbering: chapter       # number figures and equations per chapter: Figure 1.2, Equation 1.1
        # stylesheet: custom.css   # your own CSS, linked after the site's
        # math-macros: |           # TeX macros for every formula
        #   \\newcommand{\\Var}{\\operatorname{Var}}

        """),
        ("index.md", """
        ---
        title: My course
        description: What this course is about, in a sentence.
        ---

        # My course

        Welcome. This home page introduces the course; each chapter is a Markdown file beside it, listed in the
        navigation in the order of its file name (or of `order:` in its front matter).

        - [Depth and the signal](01-depth.md): how the size of a signal changes through many layers.

        """),
        ("01-depth.md", """
        # Depth and the signal

        An experiment directive runs when the site is built; its figure appears in its place, with the parameters
        it was computed from. Change a parameter, build again, and the figure follows.

        ```experiment depth
        name: depth
        caption: The standard deviation of the activations through ten tanh layers of 50 units, for weights drawn from $N(0, \\sigma^2)$ with three values of $\\sigma$.
        init: normal(0.05), normal(0.14), normal(1)
        activation: tanh
        layers: 10
        width: 50
        samples: 200
        seed: 1
        expect: normal(0.05).layer[10].std < 0.01
        expect: normal(1).layer[10].std > 0.5
        ```

        In [](#fig-depth), after ten layers the signal has all but vanished with $\\sigma = 0.05$ (its standard
        deviation is {{depth.normal(0.05).layer[10].std | 2}}), while with $\\sigma = 1$ the units saturate near ±1
        (standard deviation {{depth.normal(1).layer[10].std | 2}}). A number written this way is read from the run,
        and an `expect:` line stops the build if the claim of a sentence stops being true.

        """),
        ("data/README.md", """
        # Data

        Put the data files your experiments and figures read in this folder (for example a CSV of your own
        results). Paths in directives are relative to the course's folder, so a file here is `data/NAME.csv`.
        A README.md is not a page of the site.

        """),
        (".gitignore", """
        # Results of experiments, reused while their parameters and code are unchanged.
        .cache/

        """),
    ]

    /// Writes a new course into `folder` (created if needed; an existing folder must be empty) and returns the
    /// paths written, relative to it. Refuses, changing nothing, when the folder holds anything.
    public static func write(to folder: String) throws(Diagnostic) -> [String] {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: folder, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw .error("'\(folder)' is a file; give the name of a new or empty folder", path: folder)
            }
            let contents = (try? manager.contentsOfDirectory(atPath: folder)) ?? []
            guard contents.isEmpty else {
                throw .error("'\(folder)' is not empty (it holds \(contents.count) item\(contents.count == 1 ? "" : "s")); a new course is written only into a new or empty folder",
                             path: folder, hint: "choose another name, or empty the folder first")
            }
        }
        do {
            for file in files {
                let url = URL(fileURLWithPath: folder).appendingPathComponent(file.path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
            }
        } catch {
            throw .error("could not write the new course: \(error.localizedDescription)", path: folder)
        }
        return files.map(\.path)
    }
}
