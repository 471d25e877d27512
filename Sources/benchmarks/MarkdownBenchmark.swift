// Markdown benchmark: parse + render a ~5 MB corpus of real Markdown (the Node.js documentation shipped with
// Debian's nodejs package, or, where that is missing, Markdown committed in this repository), and run
// cmark-gfm and cmark on the same bytes in the same run when they are installed, printing the throughputs and
// ratios, in-process and as whole processes.
import Foundation
import Markdown

enum MarkdownBenchmark {
    static let targetSize = 5_000_000

    static func run() {
        let (corpus, source) = makeCorpus()
        let megabytes = Double(corpus.count) / 1e6
        print("corpus: \(String(format: "%.2f", megabytes)) MB from \(source)")

        // In-process: parse + render of the same bytes; ours includes decoding the input into a String, as
        // `build-docs` does. The machine may be shared: runs of ours and of the references alternate, each side
        // keeps its fastest, and time is CPU time (this thread's, and the child process's), which other
        // processes disturb less. The references run as processes (about a millisecond to start).
        let gfm = { () -> Void in
            let html = HTMLRenderer(options: .gfm).renderUTF8(Document(parsing: corpus, options: .gfm))
            precondition(!html.isEmpty)
        }
        let commonMark = { () -> Void in
            let html = HTMLRenderer(options: .commonMark).renderUTF8(Document(parsing: corpus, options: .commonMark))
            precondition(!html.isEmpty)
        }
        let site = { () -> Void in
            let html = HTMLRenderer(options: .site).render(Document(parsing: corpus, options: .site))
            precondition(!html.isEmpty)
        }
        guard let input = Reference.writeInput(corpus) else {
            print("cannot write the corpus to a temporary file: no references")
            return
        }
        defer { try? FileManager.default.removeItem(at: input) }
        let cmarkGFM = Reference(["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"],
                                 ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter", "-e", "tasklist"], input)
        let cmark = Reference(["/usr/bin/cmark", "/usr/local/bin/cmark"], [], input)
        // Whole process: `build-docs markdown --strict FILE` (the release binary beside this one, built by
        // `swift build -c release`) against `cmark-gfm -e table -e strikethrough -e autolink FILE`.
        let buildDocsPath = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("build-docs").path
        let wholeOurs = Reference([buildDocsPath], ["markdown", "--strict"], input)
        let wholeTheirs = Reference(["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"], ["-e", "table", "-e", "strikethrough", "-e", "autolink"], input)

        var ours = Double.infinity, ourCommonMark = Double.infinity, ourSite = Double.infinity
        var theirs = Double.infinity, cmarkTime = Double.infinity, wholeOursTime = Double.infinity, wholeTheirsTime = Double.infinity
        for _ in 0..<9 {
            ours = min(ours, cpuTime(gfm))
            theirs = min(theirs, cmarkGFM?.run() ?? .infinity)
            ourCommonMark = min(ourCommonMark, cpuTime(commonMark))
            cmarkTime = min(cmarkTime, cmark?.run() ?? .infinity)
            ourSite = min(ourSite, cpuTime(site))
            wholeOursTime = min(wholeOursTime, wholeOurs?.run() ?? .infinity)
            wholeTheirsTime = min(wholeTheirsTime, wholeTheirs?.run() ?? .infinity)
        }
        func line(_ name: String, _ seconds: Double) {
            let padded = name.count < 58 ? name + String(repeating: " ", count: 58 - name.count) : name
            print(padded + String(format: " %6.1f MB/s  (%.3f s)", megabytes / seconds, seconds))
        }
        func ratio(_ name: String, _ ours: Double, _ reference: Double) {
            print(String(format: "  ratio (%@ throughput): %.2f", name, reference / ours))
        }
        print("in-process, parse + render:")
        line("build-docs Markdown (.gfm)", ours)
        if theirs.isFinite {
            line("cmark-gfm -e table,strikethrough,autolink,tagfilter,tasklist", theirs)
            ratio("ours .gfm / cmark-gfm", ours, theirs)
        } else {
            print("cmark-gfm: not installed, no reference")
        }
        line("build-docs Markdown (.commonMark)", ourCommonMark)
        if cmarkTime.isFinite {
            line("cmark (CommonMark only)", cmarkTime)
            ratio("ours .commonMark / cmark", ourCommonMark, cmarkTime)
        } else {
            print("cmark: not installed, no reference (apt-get install cmark)")
        }
        line("build-docs Markdown (.site)", ourSite)
        print("whole process, one run on the corpus file:")
        if wholeOursTime.isFinite, wholeTheirsTime.isFinite {
            line("build-docs markdown --strict FILE", wholeOursTime)
            line("cmark-gfm -e table -e strikethrough -e autolink FILE", wholeTheirsTime)
            ratio("build-docs / cmark-gfm", wholeOursTime, wholeTheirsTime)
        } else {
            print("needs \(buildDocsPath) (swift build -c release) and cmark-gfm")
        }
    }

    /// The Node.js API and contributing docs, in path order, repeated up to the target size.
    static func makeCorpus() -> ([UInt8], String) {
        var files = markdownFiles(under: "/usr/share/doc/nodejs/api") + markdownFiles(under: "/usr/share/doc/nodejs/contributing")
        var source = "/usr/share/doc/nodejs (api/, contributing/)"
        if files.isEmpty {
            // The repository's own Markdown: README, the course pages, and the spec examples' inputs.
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            files = [root.appendingPathComponent("README.md").path] + markdownFiles(under: root.appendingPathComponent("docs-src").path)
            source = "this repository (README.md, docs-src/, CommonMark spec examples)"
            let spec = root.appendingPathComponent("Tests/MarkdownTests/Fixtures/commonmark/spec-0.31.2.json")
            if let data = try? Data(contentsOf: spec),
               let examples = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] {
                let text = examples.compactMap { $0["markdown"] as? String }.joined(separator: "\n")
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("spec-examples.md")
                try? Data(text.utf8).write(to: path)
                files.append(path.path)
            }
        }
        var pieces: [[UInt8]] = files.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
        pieces = pieces.filter { !$0.isEmpty }
        guard !pieces.isEmpty else { return (Array(String(repeating: "Some *text* and `code`.\n\n", count: 200_000).utf8), "a generated paragraph") }
        var corpus: [UInt8] = []
        corpus.reserveCapacity(targetSize + 100_000)
        while corpus.count < targetSize {
            for piece in pieces where corpus.count < targetSize {
                corpus += piece
                corpus.append(10)
            }
        }
        return (corpus, source)
    }

    static func markdownFiles(under directory: String) -> [String] {
        guard let names = try? FileManager.default.subpathsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasSuffix(".md") }.sorted().map { directory + "/" + $0 }
    }

    /// A converter run as a process on the corpus file, output discarded; nil if it is not installed.
    struct Reference {
        let executable: String
        let arguments: [String]

        init?(_ candidates: [String], _ options: [String], _ input: URL) {
            guard let executable = candidates.first(where: FileManager.default.isExecutableFile) else { return nil }
            self.executable = executable
            arguments = options + [input.path]
        }

        static func writeInput(_ corpus: [UInt8]) -> URL? {
            let input = FileManager.default.temporaryDirectory.appendingPathComponent("markdown-benchmark-\(getpid()).md")
            return (try? Data(corpus).write(to: input)) != nil ? input : nil
        }

        /// CPU seconds (user and system) of one conversion, including starting the process.
        func run() -> Double? {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            let before = childrenCPUTime()
            do {
                try process.run()
                process.waitUntilExit()
            } catch {
                return nil
            }
            return process.terminationStatus == 0 ? childrenCPUTime() - before : nil
        }

        private func childrenCPUTime() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_CHILDREN.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
    }

    /// CPU seconds this thread spends in `body`.
    static func cpuTime(_ body: () -> Void) -> Double {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = now()
        body()
        return now() - start
    }
}
