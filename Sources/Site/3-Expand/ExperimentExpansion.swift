// Runs the experiment and derivation directives of every page. Directives are parsed, looked up in the cache,
// and the rest run in parallel; a directive whose body quotes another experiment's result (`{{name.path}}`)
// waits for it, so the runs go in waves, and a cycle of such references is an error. Every `expect:` line is
// checked against the result (cached or fresh), and each directive is replaced by its numbered figure.
import Diagnostics
import Experiments
import Foundation
import Markdown

enum ExperimentExpansion {
    /// A directive's outcome: its parsed form and result, or nothing (its errors are reported).
    struct Outcome: Sendable {
        var directive: ExperimentDirective?
        var result: ExperimentResult?
    }

    /// One experiment to run on a worker thread.
    struct Job: Sendable {
        let directive: ExperimentDirective
        let key: String
        let idPrefix: String
        let location: SourceLocation
        let path: String
    }

    /// Runs every directive; returns the results by experiment name (for inline values).
    static func run(_ site: inout SiteBuild) -> [String: ExperimentResult] {
        var occurrences: [DirectiveOccurrence] = []
        for (index, page) in site.pages.enumerated() {
            let found = DirectiveOccurrence.find(in: page, index: index, source: site.sourceTexts[page.displayPath] ?? "")
            occurrences += found.occurrences
            site.diagnostics += found.diagnostics
        }
        guard !occurrences.isEmpty else { return [:] }
        var scheduler = Scheduler(occurrences: occurrences, site: &site)
        scheduler.runAll(&site)
        return place(occurrences, outcomes: scheduler.outcomes, site: &site)
    }

    /// The state of running a site's directives: which have an outcome, which still wait for the ones they quote.
    struct Scheduler {
        let occurrences: [DirectiveOccurrence]
        /// Experiment name → index in `occurrences`. Names are unique across the site.
        var byName: [String: Int] = [:]
        /// nil while a directive has not been run (or failed to parse, or waits).
        var outcomes: [Outcome?]
        var waiting: Set<Int>
        var usedKeys: Set<String> = []
        var step = 0
        var dataFiles: [String: [UInt8]] = [:]
        let repositoryRoot: URL

        init(occurrences: [DirectiveOccurrence], site: inout SiteBuild) {
            self.occurrences = occurrences
            outcomes = Array(repeating: nil, count: occurrences.count)
            waiting = Set(occurrences.indices)
            // Data files are named relative to the folder that holds the sources (`docs-src/data/…`).
            repositoryRoot = site.sourceURL.deletingLastPathComponent()
            for (index, occurrence) in occurrences.enumerated() {
                guard let name = occurrence.name else { continue }
                if let first = byName[name] {
                    let other = occurrences[first]
                    site.report(.error("duplicate experiment name '\(name)' (also used at \(other.path):\(other.bodyStart.line))",
                                       path: occurrence.path, line: occurrence.bodyStart.line, column: occurrence.bodyStart.column))
                } else {
                    byName[name] = index
                }
            }
            for index in occurrences.indices {
                for (reference, location) in occurrences[index].references where byName[reference.experiment] == nil {
                    site.report(.error("unknown experiment '\(reference.experiment)' in inline value", path: occurrences[index].path,
                                       line: location.line, column: location.column,
                                       hint: Suggestion.hint(for: reference.experiment, among: byName.keys.sorted())))
                    fail(index)
                }
            }
        }

        mutating func fail(_ index: Int) {
            waiting.remove(index)
            outcomes[index] = Outcome()
        }

        /// Runs in waves: each wave holds the directives whose quoted experiments all have an outcome.
        mutating func runAll(_ site: inout SiteBuild) {
            while !waiting.isEmpty {
                let ready = waiting.sorted().filter { index in
                    occurrences[index].references.allSatisfy { outcomes[byName[$0.reference.experiment]!] != nil }
                }
                if ready.isEmpty {
                    reportCycles(&site)
                    break
                }
                let jobs = ready.compactMap { prepare($0, site: &site) }
                run(jobs, site: &site)
            }
            if !site.hasErrors { site.cache.prune(keeping: usedKeys) }
        }

        /// Parses a directive (its quoted values filled in) and takes its result from the cache if there; otherwise
        /// returns the job that runs it.
        mutating func prepare(_ index: Int, site: inout SiteBuild) -> (index: Int, job: Job)? {
            waiting.remove(index)
            let occurrence = occurrences[index]
            guard let body = substitutedBody(occurrence, site: &site),
                  let (parsed, diagnostics) = ExperimentDirective.parse(
                    infoString: occurrence.infoString, body: body, path: occurrence.path,
                    bodyStart: occurrence.bodyStart, infoLocation: occurrence.infoLocation) else {
                fail(index)
                return nil
            }
            site.diagnostics += diagnostics
            guard let directive = parsed, diagnostics.isEmpty else {
                fail(index)
                return nil
            }
            var files: [(path: String, bytes: [UInt8])] = []
            for file in directive.dataFiles {
                if dataFiles[file] == nil {
                    // A missing file hashes as empty; the run itself reports it.
                    dataFiles[file] = FileManager.default.contents(atPath: repositoryRoot.appendingPathComponent(file).path).map { [UInt8]($0) } ?? []
                }
                files.append((file, dataFiles[file]!))
            }
            let key = ResultCache.key(kind: directive.kind, normalizedText: directive.cacheKey,
                                      engineVersion: ExperimentDirective.engineVersion + " site " + Site.version, dataFiles: files)
            usedKeys.insert(key)
            if let cached = site.cache.load(key, as: ExperimentResult.self) {
                outcomes[index] = Outcome(directive: directive, result: cached)
                site.experimentsReused += 1
                step += 1
                site.progress(BuildProgress(step: step, total: occurrences.count, kind: directive.kind, name: directive.name ?? "",
                                            location: "\(occurrence.path):\(occurrence.infoLocation.line)", seconds: 0, reused: true))
                return nil
            }
            return (index, Job(directive: directive, key: key, idPrefix: figureIDPrefix(occurrence, index: index),
                               location: occurrence.infoLocation, path: occurrence.path))
        }

        /// Runs `jobs` in parallel and stores each result in the cache; results come back in input order.
        mutating func run(_ jobs: [(index: Int, job: Job)], site: inout SiteBuild) {
            let counter = StepCounter(start: step)
            let (cache, progress, root, total) = (site.cache, site.progress, repositoryRoot, occurrences.count)
            let work = jobs.map(\.job)
            // Training runs take far longer than probes: start them first so they overlap with the rest.
            let slow: Set<String> = ["train", "search"]
            let startOrder = work.indices.filter { slow.contains(work[$0].directive.kind) }
                + work.indices.filter { !slow.contains(work[$0].directive.kind) }
            let results = ParallelWork.map(count: work.count, jobs: site.options.jobs, startOrder: startOrder) { position -> Result<ExperimentResult, Diagnostic> in
                let job = work[position]
                var start = BuildProgress(step: counter.value, total: total, kind: job.directive.kind, name: job.directive.name ?? "",
                                          location: "\(job.path):\(job.location.line)", seconds: 0, reused: false)
                start.finished = false
                progress(start)
                let started = Date()
                let result: Result<ExperimentResult, Diagnostic>
                do {
                    let value = try ExperimentRunner.run(job.directive, idPrefix: job.idPrefix, repositoryRoot: root)
                    cache.store(value, key: job.key)
                    result = .success(value)
                } catch let diagnostic as Diagnostic {
                    result = .failure(diagnostic)
                } catch {
                    result = .failure(.error("experiment failed: \(error)", path: job.path, line: job.location.line, column: job.location.column))
                }
                progress(BuildProgress(step: counter.next(), total: total, kind: job.directive.kind, name: job.directive.name ?? "",
                                       location: "\(job.path):\(job.location.line)",
                                       seconds: Date().timeIntervalSince(started), reused: false))
                return result
            }
            step += jobs.count
            for ((index, job), result) in zip(jobs, results) {
                switch result {
                case .success(let value):
                    outcomes[index] = Outcome(directive: job.directive, result: value)
                    site.experimentsRun += 1
                case .failure(let diagnostic):
                    site.report(diagnostic)
                    outcomes[index] = Outcome()
                }
            }
        }

        /// The body with each `{{name.path | format}}` replaced by the quoted experiment's value; nil after errors.
        func substitutedBody(_ occurrence: DirectiveOccurrence, site: inout SiteBuild) -> String? {
            guard !occurrence.references.isEmpty else { return occurrence.body }
            var failed = false
            var values: [String] = []
            for (reference, location) in occurrence.references {
                guard let result = outcomes[byName[reference.experiment]!]?.result else { failed = true; continue }
                switch InlineValues.value(reference, in: result) {
                case .success(_, let plain):
                    values.append(plain)
                case .failure(let message, let hint):
                    site.report(.error(message, path: occurrence.path, line: location.line, column: location.column, hint: hint))
                    failed = true
                }
            }
            guard !failed else { return nil }
            var iterator = values.makeIterator()
            return InlineReference.substitute(in: occurrence.body, occurrence.references.map(\.reference)) { _ in iterator.next()! }
        }

        /// Reports each directive caught in a cycle of quoted values, naming the cycle: `a → b → a`.
        func reportCycles(_ site: inout SiteBuild) {
            func next(_ index: Int) -> Int? {
                occurrences[index].references.lazy.compactMap { byName[$0.reference.experiment] }.first { waiting.contains($0) }
            }
            for index in waiting.sorted() {
                // Follow the first waiting dependency until a directive repeats.
                var path = [index]
                var current = index
                while let following = next(current), !path.contains(following) {
                    path.append(following)
                    current = following
                }
                // A directive that only depends on a cycle is not in it: the cycle's own members report it.
                guard next(current) == index else { continue }
                let names = (path + [index]).map { occurrences[$0].name ?? "?" }
                let target = path.count > 1 ? path[1] : index
                let location = occurrences[index].references.first { byName[$0.reference.experiment] == target }?.location
                    ?? occurrences[index].bodyStart
                site.report(.error("cycle in inline values: \(names.joined(separator: " → "))", path: occurrences[index].path,
                                   line: location.line, column: location.column))
            }
        }
    }

    /// Checks the claims, numbers the figures per page, and puts each figure in place of its directive.
    static func place(_ occurrences: [DirectiveOccurrence], outcomes: [Outcome?], site: inout SiteBuild) -> [String: ExperimentResult] {
        var results: [String: ExperimentResult] = [:]
        var figureCount: [Int: Int] = [:]
        var replacements: [ObjectIdentifier: [Node]] = [:]
        for (index, occurrence) in occurrences.enumerated() {
            guard let outcome = outcomes[index], let directive = outcome.directive, let result = outcome.result else { continue }
            site.diagnostics += check(directive.expectations, against: result, path: occurrence.path)
            if let name = directive.name { results[name] = result }
            var page = site.pages[occurrence.page]
            let text = site.text(of: page)
            if result.figures.isEmpty {
                let id = directive.name.map { "derivation-" + $0 }
                if let id { page.anchors[id] = text.derivation }
                replacements[ObjectIdentifier(occurrence.node)] = Figures.derivation(result, id: id, occurrence: occurrence, text: text)
            } else {
                figureCount[occurrence.page, default: 0] += 1
                let number = figureCount[occurrence.page]!
                let id = directive.name.map { "fig-" + $0 } ?? "figure-\(number)"
                page.anchors[id] = text.figure(number)
                let csvPath = csvPath(for: page, name: directive.name ?? "figure-\(number)")
                site.files[csvPath] = Array(result.csv.utf8)
                replacements[ObjectIdentifier(occurrence.node)] = Figures.figure(
                    result, number: number, id: id, csvHref: RelativeURL.path(to: csvPath, from: page.outputPath),
                    occurrence: occurrence, text: text)
            }
            site.pages[occurrence.page] = page
        }
        if !replacements.isEmpty {
            for page in site.pages {
                page.document.root.rewrite { node in replacements[ObjectIdentifier(node)] }
            }
        }
        return results
    }

    /// `03-gaussian.md` with `tanh-small` → `03-gaussian.tanh-small.csv`, next to the page.
    static func csvPath(for page: Page, name: String) -> String {
        String(page.outputPath.dropLast(".html".count)) + "." + name + ".csv"
    }

    /// Unique per page: the figure's name, or its position among all directives.
    static func figureIDPrefix(_ occurrence: DirectiveOccurrence, index: Int) -> String {
        "fig-" + (occurrence.name ?? "\(index + 1)") + "-"
    }
}

/// Numbers progress steps across threads.
final class StepCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int

    init(start: Int) { count = start }

    /// The steps so far.
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        return count
    }
}
