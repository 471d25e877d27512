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

        // Names are unique across the site: inline values refer to experiments by name alone.
        var byName: [String: Int] = [:]
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

        var outcomes = [Outcome?](repeating: nil, count: occurrences.count)
        let repositoryRoot = site.sourceURL.deletingLastPathComponent()
        var dataFileCache: [String: [UInt8]] = [:]
        var usedKeys: Set<String> = []
        var step = 0
        let total = occurrences.count
        let progress = site.progress

        // Dependencies: the experiments a directive's body quotes.
        var waiting = Set(occurrences.indices)
        for index in occurrences.indices {
            for (reference, location) in occurrences[index].references where byName[reference.experiment] == nil {
                site.report(.error("unknown experiment '\(reference.experiment)' in inline value", path: occurrences[index].path,
                                   line: location.line, column: location.column,
                                   hint: Suggestion.hint(for: reference.experiment, among: byName.keys.sorted())))
                waiting.remove(index)
                outcomes[index] = Outcome()
            }
        }

        while !waiting.isEmpty {
            let ready = waiting.sorted().filter { index in
                occurrences[index].references.allSatisfy { outcomes[byName[$0.reference.experiment]!] != nil }
            }
            if ready.isEmpty {
                reportCycles(among: waiting, occurrences: occurrences, byName: byName, site: &site)
                break
            }
            // Parse each ready directive (with quoted values filled in) and look it up in the cache.
            var toRun: [(index: Int, directive: ExperimentDirective, key: String)] = []
            for index in ready {
                waiting.remove(index)
                let occurrence = occurrences[index]
                guard let body = substitutedBody(occurrence, outcomes: outcomes, byName: byName, site: &site) else {
                    outcomes[index] = Outcome()
                    continue
                }
                guard let parsed = ExperimentDirective.parse(infoString: occurrence.infoString, body: body, path: occurrence.path,
                                                             bodyStart: occurrence.bodyStart, infoLocation: occurrence.infoLocation) else {
                    outcomes[index] = Outcome()
                    continue
                }
                site.diagnostics += parsed.1
                guard let directive = parsed.0, parsed.1.isEmpty else {
                    outcomes[index] = Outcome()
                    continue
                }
                var dataFiles: [(path: String, bytes: [UInt8])] = []
                for file in directive.dataFiles {
                    if dataFileCache[file] == nil {
                        dataFileCache[file] = FileManager.default.contents(atPath: repositoryRoot.appendingPathComponent(file).path).map { [UInt8]($0) } ?? []
                    }
                    dataFiles.append((file, dataFileCache[file]!))
                }
                let key = ResultCache.key(kind: directive.kind, normalizedText: directive.cacheKey,
                                          engineVersion: ExperimentDirective.engineVersion + " site " + Site.version, dataFiles: dataFiles)
                usedKeys.insert(key)
                if let cached = site.cache.load(key, as: ExperimentResult.self) {
                    outcomes[index] = Outcome(directive: directive, result: cached)
                    site.experimentsReused += 1
                    step += 1
                    progress(BuildProgress(step: step, total: total, kind: directive.kind, name: directive.name ?? "",
                                           location: "\(occurrence.path):\(occurrence.infoLocation.line)", seconds: 0, reused: true))
                } else {
                    toRun.append((index, directive, key))
                }
            }
            // Run the rest in parallel; results come back in input order.
            let counter = StepCounter(start: step)
            let cache = site.cache
            let jobs = toRun.map { job in
                Job(directive: job.directive, key: job.key, idPrefix: figureIDPrefix(occurrences[job.index], index: job.index),
                    location: occurrences[job.index].infoLocation, path: occurrences[job.index].path)
            }
            // Training runs take far longer than probes: start them first so they overlap with the rest.
            let slow: Set<String> = ["train", "search"]
            let startOrder = jobs.indices.filter { slow.contains(jobs[$0].directive.kind) } + jobs.indices.filter { !slow.contains(jobs[$0].directive.kind) }
            let runs = ParallelWork.map(count: jobs.count, jobs: site.options.jobs, startOrder: startOrder) { position -> Result<ExperimentResult, Diagnostic> in
                let job = jobs[position]
                let started = Date()
                let result: Result<ExperimentResult, Diagnostic>
                do {
                    let value = try ExperimentRunner.run(job.directive, idPrefix: job.idPrefix, repositoryRoot: repositoryRoot)
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
            step += toRun.count
            for (position, run) in runs.enumerated() {
                let (index, directive, _) = toRun[position]
                switch run {
                case .success(let result):
                    outcomes[index] = Outcome(directive: directive, result: result)
                    site.experimentsRun += 1
                case .failure(let diagnostic):
                    site.report(diagnostic)
                    outcomes[index] = Outcome()
                }
            }
        }
        if !site.hasErrors { site.cache.prune(keeping: usedKeys) }

        // Check the claims, number the figures per page, and put each figure in place of its directive.
        var results: [String: ExperimentResult] = [:]
        var figureCount: [Int: Int] = [:]
        var replacements: [ObjectIdentifier: [Node]] = [:]
        for (index, occurrence) in occurrences.enumerated() {
            guard let outcome = outcomes[index], let directive = outcome.directive, let result = outcome.result else { continue }
            site.diagnostics += check(directive.expectations, against: result, path: occurrence.path)
            if let name = directive.name { results[name] = result }
            var page = site.pages[occurrence.page]
            if result.figures.isEmpty {
                let id = directive.name.map { "derivation-" + $0 }
                if let id { page.anchors[id] = "the derivation" }
                replacements[ObjectIdentifier(occurrence.node)] = Figures.derivation(result, id: id, occurrence: occurrence, page: &page)
            } else {
                figureCount[occurrence.page, default: 0] += 1
                let number = figureCount[occurrence.page]!
                let id = directive.name.map { "fig-" + $0 } ?? "figure-\(number)"
                page.anchors[id] = "Figure \(number)"
                let csvPath = csvPath(for: page, name: directive.name ?? "figure-\(number)")
                site.files[csvPath] = Array(result.csv.utf8)
                replacements[ObjectIdentifier(occurrence.node)] = Figures.figure(
                    result, number: number, id: id, csvHref: RelativeURL.path(to: csvPath, from: page.outputPath),
                    occurrence: occurrence, page: &page)
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

    /// The body with each `{{name.path | format}}` replaced by the quoted experiment's value; nil after errors.
    static func substitutedBody(_ occurrence: DirectiveOccurrence, outcomes: [Outcome?], byName: [String: Int],
                                site: inout SiteBuild) -> String? {
        guard !occurrence.references.isEmpty else { return occurrence.body }
        var failed = false
        var values: [String] = []
        for (reference, location) in occurrence.references {
            guard let result = outcomes[byName[reference.experiment]!]?.result else { failed = true; continue }
            switch InlineValues.value(reference, in: result) {
            case .success(let value):
                values.append(value.plain)
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
    static func reportCycles(among waiting: Set<Int>, occurrences: [DirectiveOccurrence], byName: [String: Int], site: inout SiteBuild) {
        for index in waiting.sorted() {
            // Follow the first waiting dependency until a directive repeats.
            var path = [index]
            var current = index
            while let next = occurrences[current].references.lazy.compactMap({ byName[$0.reference.experiment] }).first(where: { waiting.contains($0) }),
                  !path.contains(next) {
                path.append(next)
                current = next
            }
            guard let next = occurrences[current].references.lazy.compactMap({ byName[$0.reference.experiment] }).first(where: { waiting.contains($0) }),
                  next == index else { continue }  // depends on a cycle without being in it: reported there
            let names = (path + [index]).map { occurrences[$0].name ?? "?" }
            let location = occurrences[index].references.first { byName[$0.reference.experiment] == path.dropFirst().first ?? index }?.location
                ?? occurrences[index].bodyStart
            site.report(.error("cycle in inline values: \(names.joined(separator: " → "))", path: occurrences[index].path,
                               line: location.line, column: location.column))
        }
    }
}

/// Numbers progress steps across threads.
final class StepCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int

    init(start: Int) { value = start }

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
