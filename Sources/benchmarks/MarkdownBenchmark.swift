// Markdown benchmark: parse + render a ~5 MB corpus of real Markdown (the Node.js documentation shipped with
// Debian's nodejs package, or, where that is missing, Markdown committed in this repository), and run
// cmark-gfm on the same bytes in the same run when it is installed, printing both throughputs and the ratio.
import Foundation
import Markdown

enum MarkdownBenchmark {
    static let targetSize = 5_000_000

    static func run() {
        let (corpus, source) = makeCorpus()
        let megabytes = Double(corpus.count) / 1e6
        print("corpus: \(String(format: "%.2f", megabytes)) MB from \(source)")

        // Same bytes for both; our side includes decoding the input into a String, as `build-docs` does.
        // The machine may be shared: runs of ours and of cmark-gfm alternate, each side keeps its fastest, and
        // time is CPU time (this thread's, and the cmark-gfm process's), which other processes disturb less.
        let gfm = { () -> Void in
            let html = HTMLRenderer(options: .gfm).render(Document(parsing: corpus, options: .gfm))
            precondition(!html.isEmpty)
        }
        let site = { () -> Void in
            let html = HTMLRenderer(options: .site).render(Document(parsing: corpus, options: .site))
            precondition(!html.isEmpty)
        }
        let reference = CmarkGFM(corpus: corpus)
        var ours = Double.infinity, ourSite = Double.infinity, cmark = Double.infinity
        for _ in 0..<7 {
            ours = min(ours, cpuTime(gfm))
            ourSite = min(ourSite, cpuTime(site))
            if let reference, let seconds = reference.run() { cmark = min(cmark, seconds) }
        }
        print(String(format: "build-docs Markdown (.gfm):   %6.1f MB/s  (%.3f s)", megabytes / ours, ours))
        print(String(format: "build-docs Markdown (.site):  %6.1f MB/s  (%.3f s)", megabytes / ourSite, ourSite))
        reference?.removeInput()
        guard cmark.isFinite else {
            print("cmark-gfm: not installed, no reference")
            return
        }
        print(String(format: "cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist: %6.1f MB/s  (%.3f s)",
                     megabytes / cmark, cmark))
        print(String(format: "ratio (ours .gfm / cmark-gfm throughput): %.2f", cmark / ours))
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

    /// cmark-gfm converting the corpus from a file, output discarded; nil if it is not installed.
    struct CmarkGFM {
        let executable: String
        let input: URL

        init?(corpus: [UInt8]) {
            guard let executable = ["/usr/bin/cmark-gfm", "/usr/local/bin/cmark-gfm"].first(where: FileManager.default.isExecutableFile) else {
                return nil
            }
            self.executable = executable
            input = FileManager.default.temporaryDirectory.appendingPathComponent("markdown-benchmark-\(getpid()).md")
            guard (try? Data(corpus).write(to: input)) != nil else { return nil }
        }

        func removeInput() { try? FileManager.default.removeItem(at: input) }

        /// CPU seconds (user and system) of one conversion, including starting the process (about a millisecond).
        func run() -> Double? {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter", "-e", "tasklist", input.path]
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
