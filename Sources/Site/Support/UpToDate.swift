// A build whose inputs have not changed since the last one would make the same site, so it need not run (as make
// and ninja decide). A successful build that reported nothing leaves a record in the cache folder: the executable's
// build ID (which changes with any change to the generator), the options that shape the site, the stamp of every
// source file — taken before the file was read, and only when every source had settled (FileStamp) — and of every
// file it left in the output folder. The next build that finds the same executable, options and stamps returns the
// recorded report without reading a byte. Anything else builds in full, and so does `--check` or `--no-cache`.
import Foundation

enum UpToDate {
    /// The record's file name in the cache folder (not a cache entry: never pruned).
    static let recordName = "last-build"

    /// The report of the recorded build when nothing has changed since; nil when the site has to be built.
    static func report(_ site: SiteBuild) -> BuildReport? {
        guard let record = recordURL(site), let text = try? String(contentsOf: record, encoding: .utf8),
              let header = header(site) else { return nil }
        let expected = Array((header + "\n").utf8)
        guard text.utf8.starts(with: expected) else { return nil }
        var lines = String(decoding: text.utf8.dropFirst(expected.count), as: UTF8.self).split(separator: "\n")[...]
        // `pages experiments shared`, then one line per file.
        guard let summaryLine = lines.popFirst() else { return nil }
        let counts = summaryLine.split(separator: " ").compactMap { Int($0) }
        guard counts.count == 3 else { return nil }
        var sources: [String: FileStamp] = [:], outputs: [String: FileStamp] = [:]
        for line in lines {
            // `source|output size modified changed inode path`
            let fields = line.split(separator: " ", maxSplits: 5)
            guard fields.count == 6, let stamp = FileStamp(fields: fields[1...4].joined(separator: " ")) else { return nil }
            switch fields[0] {
            case "source": sources[String(fields[5])] = stamp
            case "output": outputs[String(fields[5])] = stamp
            default: return nil
            }
        }
        guard let listed = try? SourceTree.list(root: site.sourceURL, displayRoot: site.sourceDisplay),
              listed.count == sources.count, listed.allSatisfy({ sources[$0.path] == $0.stamp }),
              outputStamps(site) == outputs else { return nil }
        var report = BuildReport(diagnostics: [], differences: [], pageCount: counts[0], experimentsRun: 0,
                                 experimentsReused: counts[1], seconds: 0, sources: [:])
        report.experimentsShared = counts[2]
        return report
    }

    /// After a build: records it when it wrote the output and reported nothing, and its sources had settled when
    /// they were read (`started`: seconds since 1970 when the build began); otherwise removes any record, which
    /// no longer describes the output.
    static func record(_ site: SiteBuild, started: Int64) {
        guard let record = recordURL(site) else { return }
        try? FileManager.default.removeItem(at: record)
        guard !site.stopped, site.diagnostics.isEmpty, let header = header(site),
              site.sources.files.allSatisfy({ $0.stamp?.isSettled(now: started) == true && !$0.path.contains("\n") }),
              let outputs = outputStamps(site), outputs.keys.allSatisfy({ !$0.contains("\n") }) else { return }
        var text = header + "\n\(site.pages.count) \(site.experimentsRun + site.experimentsReused) \(site.experimentsShared)\n"
        for file in site.sources.files { text += "source \(file.stamp!.fields) \(file.path)\n" }
        for path in outputs.keys.sorted() { text += "output \(outputs[path]!.fields) \(path)\n" }
        try? FileManager.default.createDirectory(at: record.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Atomic: a reader never sees half a record; a lost write only costs a full build.
        try? Data(text.utf8).write(to: record, options: .atomic)
    }

    private static func recordURL(_ site: SiteBuild) -> URL? {
        guard site.options.useCache, !site.options.checkOnly else { return nil }
        return site.cache.folder?.appendingPathComponent(recordName)
    }

    /// The executable and the options that shape the site; nil when the executable has no build ID.
    private static func header(_ site: SiteBuild) -> String? {
        guard let executable = EngineVersion.buildID else { return nil }
        let options = [site.sourceURL.path, site.output.url.path, site.options.cacheFolder ?? "", "\(site.options.strictFigures)"]
        guard !options.contains(where: { $0.contains("\n") }) else { return nil }
        return "build-docs \(Site.version) \(executable)\n" + options.joined(separator: "\n")
    }

    /// Every file in the output folder with its stamp; nil when it holds anything else, or a build left its
    /// temporary folders beside it.
    private static func outputStamps(_ site: SiteBuild) -> [String: FileStamp]? {
        let output = site.output
        guard !FileManager.default.fileExists(atPath: output.staging.path), !FileManager.default.fileExists(atPath: output.retired.path),
              OutputFolder.isOurs(output.url) else { return nil }
        var stamps: [String: FileStamp] = [:]
        for (path, kind) in OutputFolder.listEntries(in: output.url) {
            guard kind == .file, let stamp = FileStamp(path: output.url.appendingPathComponent(path).path) else { return nil }
            stamps[path] = stamp
        }
        return stamps
    }
}
