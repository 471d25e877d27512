// Rebuild and live-preview benchmarks, on a temporary copy of the course (its sources, data and warm cache, with
// the files' times kept), so the author's folders are never touched.
//
// `rebuild`: a build with nothing changed and one with a changed prose line, in process (per stage) and as a
// whole `build-docs` process. Reference, measured in the same run: reading every source file and writing every
// output file once, the floor of any build that reads its sources and writes its site.
//
// `serve`: a Preview on the copy; a client on its event stream; a prose line edited and saved again and again,
// timing save → reload event; then a changed directive (one experiment reruns). Reference: the in-process
// rebuild of the same change (no watcher, no server), measured in the same run.
import Foundation
import Glibc
import Preview
import Site

enum RebuildBenchmark {
    /// The course copied into a temporary folder as `docs-src/` (its data files are named `docs-src/data/…`).
    struct Copy {
        let root: URL
        var source: URL { root.appendingPathComponent("docs-src") }
        var output: URL { root.appendingPathComponent("site") }

        init?() {
            let original = URL(fileURLWithPath: "docs-src")
            guard FileManager.default.fileExists(atPath: original.appendingPathComponent(".cache").path) else {
                print("no docs-src/.cache: run `swift run -c release build-docs` once first (from the repository's root)")
                return nil
            }
            root = FileManager.default.temporaryDirectory.appendingPathComponent("build-docs-bench-\(getpid())")
            try? FileManager.default.removeItem(at: root)
            do {
                try Self.copy(original, to: source)
            } catch {
                print("cannot copy the course: \(error)")
                return nil
            }
            // The copies' change times are now: their digests are remembered once they are 2 s old (FileDigests),
            // as an author's data files long are.
            Thread.sleep(forTimeInterval: 2.1)
        }

        /// Copies a folder keeping each file's modification time (so remembered data-file digests stay valid).
        static func copy(_ from: URL, to: URL) throws {
            let fileManager = FileManager.default
            try fileManager.createDirectory(at: to, withIntermediateDirectories: true)
            for name in try fileManager.contentsOfDirectory(atPath: from.path) {
                let source = from.appendingPathComponent(name), target = to.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                guard fileManager.fileExists(atPath: source.path, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue { try copy(source, to: target); continue }
                try fileManager.copyItem(at: source, to: target)
                if let date = try fileManager.attributesOfItem(atPath: source.path)[.modificationDate] {
                    try fileManager.setAttributes([.modificationDate: date], ofItemAtPath: target.path)
                }
            }
        }

        func remove() { try? FileManager.default.removeItem(at: root) }

        var options: BuildOptions {
            var options = BuildOptions()
            options.source = source.path
            options.output = output.path
            return options
        }

        /// Appends `word` to the first prose line of `page` (a line starting with a letter, outside front matter).
        func edit(_ page: String, appending word: String) {
            let url = source.appendingPathComponent(page)
            var lines = (try! String(contentsOf: url, encoding: .utf8)).components(separatedBy: "\n")
            let index = lines.indices.first { $0 > 4 && (lines[$0].first?.isLetter ?? false) }!
            lines[index] += " " + word
            try! Data(lines.joined(separator: "\n").utf8).write(to: url)
        }

        func replace(_ old: String, with new: String, in page: String) {
            let url = source.appendingPathComponent(page)
            let text = try! String(contentsOf: url, encoding: .utf8)
            precondition(text.contains(old), "\(page) has no '\(old)'")
            try! Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
        }
    }

    static func runRebuild() {
        guard let copy = Copy() else { return }
        defer { copy.remove() }
        let warm = Site.build(copy.options)
        guard warm.succeeded else { print("the course does not build: \(warm.diagnostics.first.map(String.init(describing:)) ?? "")"); return }
        if warm.experimentsRun > 0 { print("(\(warm.experimentsRun) experiments ran to warm the cache)") }

        let runs = 15
        var unchanged: [BuildReport] = [], unchangedCPU: [Double] = []
        for _ in 0..<runs {
            let cpu = cpuSeconds(.self)
            unchanged.append(Site.build(copy.options))
            unchangedCPU.append(cpuSeconds(.self) - cpu)
        }
        var edited: [BuildReport] = [], editedCPU: [Double] = []
        for run in 0..<runs {
            copy.edit("04-variance.md", appending: "word\(run)")
            let cpu = cpuSeconds(.self)
            edited.append(Site.build(copy.options))
            editedCPU.append(cpuSeconds(.self) - cpu)
        }
        let floor = measureFloor(copy)

        print("wall-clock p50 and p95, CPU time (user + system) p50; stages: p50 wall-clock")
        print(String(format: "no change, in process:      p50 %6.1f ms  p95 %6.1f ms  CPU %6.1f ms   %@", percentile(unchanged.map(\.seconds), 0.5) * 1000,
                     percentile(unchanged.map(\.seconds), 0.95) * 1000, percentile(unchangedCPU, 0.5) * 1000, stages(unchanged)))
        print(String(format: "one prose line, in process: p50 %6.1f ms  p95 %6.1f ms  CPU %6.1f ms   %@", percentile(edited.map(\.seconds), 0.5) * 1000,
                     percentile(edited.map(\.seconds), 0.95) * 1000, percentile(editedCPU, 0.5) * 1000, stages(edited)))
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("build-docs")
        if FileManager.default.isExecutableFile(atPath: binary.path) {
            // posix_spawn and waitpid: Foundation's Process.waitUntilExit polls its run loop every 50 ms.
            func build() {
                let words = [binary.path, "--source", copy.source.path, "--output", copy.output.path, "--quiet"]
                var arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) }
                arguments.append(nil)
                defer { arguments.forEach { free($0) } }
                var pid: pid_t = 0, status: Int32 = 0
                guard posix_spawn(&pid, binary.path, nil, nil, arguments, environ) == 0 else { return }
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            }
            for edit in [false, true] {
                if !edit {
                    // As an author's sources, which stay put for longer than a clock tick between saves and builds
                    // (until then, a build cannot tell an unchanged file from one written again in the same tick);
                    // and built once by this executable (what it remembers by its build ID differs from this one's).
                    Thread.sleep(forTimeInterval: 2.1)
                    build()
                }
                var seconds: [Double] = [], cpu: [Double] = []
                for run in 0..<runs {
                    if edit { copy.edit("04-variance.md", appending: "process\(run)") }
                    let start = DispatchTime.now().uptimeNanoseconds, children = cpuSeconds(.children)
                    build()
                    seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                    cpu.append(cpuSeconds(.children) - children)
                }
                print(String(format: "%@ p50 %6.1f ms  p95 %6.1f ms  CPU %6.1f ms   (build-docs --quiet)",
                             edit ? "one prose line, process:   " : "no change, whole process:  ",
                             percentile(seconds, 0.5) * 1000, percentile(seconds, 0.95) * 1000, percentile(cpu, 0.5) * 1000))
            }
        }
        print(String(format: "reference: reading the sources and writing the site once: %.1f ms", floor * 1000))
    }

    static func runServe() {
        guard let copy = Copy() else { return }
        defer { copy.remove() }
        // The reference first, while nothing else runs: the same edit rebuilt in process, without watcher or server.
        _ = Site.build(copy.options)
        var builds: [Double] = []
        for run in 0..<10 {
            copy.edit("04-variance.md", appending: "again\(run)")
            builds.append(Site.build(copy.options).seconds)
        }

        var options = PreviewOptions()
        options.source = copy.source.path
        options.port = 0
        let preview: Preview
        do { preview = try Preview(options) { _ in } } catch {
            print("cannot start the preview: \(error)")
            return
        }
        preview.start()
        defer { preview.stop() }
        guard let events = EventStream(port: preview.port), events.nextBuild() != nil else { print("no event stream"); return }

        // Save → reload event for a prose edit, with a pause between saves as an author's.
        var latencies: [Double] = []
        for run in 0..<30 {
            Thread.sleep(forTimeInterval: 0.1)
            let saved = DispatchTime.now().uptimeNanoseconds
            copy.edit("04-variance.md", appending: "word\(run)")
            guard events.nextBuild() != nil else { print("the event stream ended"); return }
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - saved) / 1e9)
        }

        // A changed directive: one experiment reruns.
        Thread.sleep(forTimeInterval: 0.1)
        let saved = DispatchTime.now().uptimeNanoseconds
        copy.replace("bins: 50\nseed: 1\n", with: "bins: 50\nseed: 2\n", in: "04-variance.md")
        _ = events.nextBuild()
        let directive = Double(DispatchTime.now().uptimeNanoseconds - saved) / 1e9

        print(String(format: "save → reload event, prose line: p50 %6.1f ms  p95 %6.1f ms  (%d saves)",
                     percentile(latencies, 0.5) * 1000, percentile(latencies, 0.95) * 1000, latencies.count))
        print(String(format: "reference: the same rebuild in process: p50 %6.1f ms  p95 %6.1f ms",
                     percentile(builds, 0.5) * 1000, percentile(builds, 0.95) * 1000))
        print(String(format: "save → reload event, changed directive (one weights experiment reruns): %.1f ms", directive * 1000))
    }

    enum Who { case `self`, children }

    /// User + system CPU time of this process (all its threads) or of its finished children, in seconds.
    static func cpuSeconds(_ who: Who) -> Double {
        var usage = rusage()
        getrusage(who == .self ? RUSAGE_SELF.rawValue : RUSAGE_CHILDREN.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded(.up)))]
    }

    /// Median time of each stage: `load 3.1 · parse 9.0 · …` (ms).
    static func stages(_ reports: [BuildReport]) -> String {
        var names: [String] = []
        for report in reports { for stage in report.stageSeconds where !names.contains(stage.name) { names.append(stage.name) } }
        guard !names.isEmpty else { return "" }
        return names.map { name in
            let seconds = reports.map { $0.stageSeconds.first { $0.name == name }?.seconds ?? 0 }
            return String(format: "%@ %.1f", name, percentile(seconds, 0.5) * 1000)
        }.joined(separator: " · ") + " ms"
    }

    /// Reading every source file and writing every output file once (the site as the last build wrote it).
    static func measureFloor(_ copy: Copy) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        var total = 0
        for folder in [copy.source, copy.output] {
            let files = FileManager.default.enumerator(atPath: folder.path)!.compactMap { $0 as? String }
            for path in files where !path.hasPrefix(".") {
                if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) {
                    total += data.count
                    if folder == copy.output {
                        try? data.write(to: copy.root.appendingPathComponent("floor-" + path.replacingOccurrences(of: "/", with: "-")))
                    }
                }
            }
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 + (total < 0 ? 1 : 0)
    }
}

/// Reads the preview's Server-Sent Events stream over a socket: each `build` event names a finished build.
final class EventStream {
    private let socket: Int32
    private var buffer: [UInt8] = []
    private var first = true

    init?(port: Int) {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        let request = Array("GET /.build-docs/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard connected == 0, request.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, 0) }) == request.count else { return nil }
    }

    deinit { close(socket) }

    /// The next build's name (the first call: the current build, once there is one); nil when the stream ends.
    func nextBuild() -> String? {
        while true {
            while let end = (0..<max(0, buffer.count - 1)).first(where: { buffer[$0] == 10 && buffer[$0 + 1] == 10 }) {
                let event = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 2)
                guard let line = event.split(separator: "\n").first(where: { $0.hasPrefix("data: ") }), event.contains("event: build") else { continue }
                let wasFirst = first
                first = false
                if wasFirst && line.hasSuffix("-0") { continue }  // nothing built yet
                return String(line.dropFirst(6))
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }
}
