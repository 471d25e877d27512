// Runs the experiment and derivation directives of every page. Directives are parsed, looked up in the cache,
// and the rest run in parallel; a directive whose body quotes another experiment's result (`{{name.path}}`)
// waits for it, so the runs go in waves, and a cycle of such references is an error. Every `expect:` line is
// checked against the result (cached or fresh), and each directive is replaced by its numbered figure.
import Basics
import Diagnostics
import Experiments
import Foundation
import Markdown

enum ExperimentExpansion {
    /// A directive's outcome: its parsed form and result, or nothing (its errors are reported).
    struct Outcome: Sendable {
        var directive: ExperimentDirective?
        var result: ExperimentResult?
        /// The run's cache key: it names the result's numbers (and so, with its place and language, its drawing).
        var key: String?
    }

    /// One experiment to run on a worker thread.
    struct Job: Sendable {
        let directive: ExperimentDirective
        let key: String
        let location: SourceLocation
        let path: String
    }

    /// The directive's run parameters, without what does not change the run (its name and caption): the same
    /// parameters give the same key, on a page and on its translation.
    static func runText(_ cacheKey: String) -> String {
        cacheKey.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("name: ") && !$0.hasPrefix("caption: ") }
            .joined(separator: "\n")
    }

    /// A run's result as this directive presents it: its own name and, if it has one, its own caption.
    static func named(_ result: ExperimentResult, by directive: ExperimentDirective) -> ExperimentResult {
        var result = result
        result.name = directive.name
        if let caption = directive.caption { result.caption = caption }
        return result
    }

    /// Runs every directive; returns the results by scoped experiment name (for inline values).
    static func run(_ site: inout SiteBuild) -> [String: ExperimentResult] {
        var occurrences: [DirectiveOccurrence] = []
        for (index, page) in site.pages.enumerated() {
            let found = DirectiveOccurrence.find(in: page, index: index, source: site.sourceTexts[page.displayPath] ?? "")
            occurrences += found.occurrences
            site.diagnostics += found.diagnostics
            for (name, lines) in page.misplacedDirectives {
                markUnavailable(name, page: index, lines: lines, site: &site)
            }
        }
        guard !occurrences.isEmpty else { return place([], outcomes: [], site: &site) }
        if let problem = site.cache.problem {
            let folder = site.options.cacheFolder ?? site.sourceDisplay + "/.cache"
            site.report(.error(problem, path: folder, line: 1, column: 1, hint: "or build with --no-cache"))
            return [:]
        }
        var scheduler = Scheduler(occurrences: occurrences, site: &site)
        scheduler.runAll(&site)
        // Each experiment that did not run (its errors are reported): its uses are counted, not reported again.
        for (index, occurrence) in occurrences.enumerated() where scheduler.outcomes[index]?.result == nil {
            guard let name = occurrence.name, scheduler.byName[scheduler.scoped(name, in: index)] == index else { continue }
            let cause = scheduler.causes[index].flatMap { cause in occurrences[cause].name.map { scheduler.scoped($0, in: cause) } }
                ?? scheduler.unavailableCauses[index]
            markUnavailable(name, page: occurrence.page, lines: occurrence.bodyStart.line - 1...occurrence.node.range.end.line,
                            causedBy: cause, site: &site)
        }
        // A directive that quotes a failed experiment is one of its unchecked uses.
        for (_, quoted) in scheduler.causes {
            if let name = occurrences[quoted].name { site.unavailableExperiments[scheduler.scoped(name, in: quoted)]?.uses += 1 }
        }
        return place(occurrences, outcomes: scheduler.outcomes, site: &site)
    }

    /// Records that the experiment `name` of a page did not run, with the anchors its figure would have had.
    static func markUnavailable(_ name: String, page: Int, lines: ClosedRange<Int>, causedBy: String? = nil, site: inout SiteBuild) {
        let scoped = InlineValues.scoped(name, edition: site.pages[page].edition)
        guard site.unavailableExperiments[scoped] == nil else { return }
        site.unavailableExperiments[scoped] = UnavailableExperiment(path: site.pages[page].displayPath, lines: lines, causedBy: causedBy)
        site.pages[page].unavailableAnchors["fig-" + name] = scoped
        site.pages[page].unavailableAnchors["derivation-" + name] = scoped
    }

    /// The state of running a site's directives: which have an outcome, which still wait for the ones they quote.
    struct Scheduler {
        let occurrences: [DirectiveOccurrence]
        /// Scoped experiment name (`scoped(_:in:)`) → index in `occurrences`. Names are unique within an edition.
        var byName: [String: Int] = [:]
        /// Each occurrence's edition: an edition's names and inline values refer to its own experiments.
        let editions: [Int]
        /// Results already obtained in this build by run key: a translated page's directive, which repeats its
        /// counterpart's parameters, shares the counterpart's run.
        var resultsByKey: [String: ExperimentResult] = [:]
        /// nil while a directive has not been run (or failed to parse, or waits).
        var outcomes: [Outcome?]
        var waiting: Set<Int>
        var usedKeys: Set<String> = []
        /// A directive not run because an experiment it quotes did not run → that experiment's index.
        var causes: [Int: Int] = [:]
        /// The same, when the quoted experiment is not a directive here (indented into a code block) → its scoped name.
        var unavailableCauses: [Int: String] = [:]
        var step = 0
        let sourceRoot: URL
        /// Part of every cache key: a result is reused only by the engine that computed it.
        let engineVersion: String

        init(occurrences: [DirectiveOccurrence], site: inout SiteBuild) {
            self.occurrences = occurrences
            editions = occurrences.map { site.pages[$0.page].edition }
            outcomes = Array(repeating: nil, count: occurrences.count)
            waiting = Set(occurrences.indices)
            // Data files are named relative to the source folder (`data/mnist/…`), whatever it is called.
            sourceRoot = site.sourceURL
            engineVersion = EngineVersion.current(memo: site.cache.folder?.appendingPathComponent(EngineVersion.memoName))
                + " site " + Site.version
            for (index, occurrence) in occurrences.enumerated() {
                guard let name = occurrence.name else { continue }
                if let first = byName[scoped(name, in: index)] {
                    let other = occurrences[first]
                    site.report(Diagnostic(.error, path: occurrence.path, location: nameLocation(occurrence, name),
                                           message: "duplicate experiment name '\(name)'").underlining(name.unicodeScalars.count)
                        .noting("'\(name)' is first defined here", path: other.path, location: nameLocation(other, name)))
                    // Not run: its figure would have the same id and CSV file as the first.
                    fail(index)
                } else {
                    byName[scoped(name, in: index)] = index
                }
            }
            for index in occurrences.indices {
                for (reference, location) in occurrences[index].references where target(reference, from: index) == nil {
                    let quoted = scoped(reference.experiment, in: index)
                    if site.unavailableExperiments[quoted] != nil {
                        // A directive indented into a code block: reported there.
                        site.unavailableExperiments[quoted]!.uses += 1
                        unavailableCauses[index] = quoted
                        fail(index)
                        continue
                    }
                    site.report(Diagnostic.error("unknown experiment '\(reference.experiment)' in inline value", path: occurrences[index].path,
                                                 line: location.line, column: location.column)
                        .underlining(reference.range.count)
                        .suggesting(Suggestion.closest(to: reference.experiment, among: names(in: editions[index])), for: reference.nameRange(at: location)))
                    fail(index)
                }
            }
        }

        /// A name as the scheduler keys it: with its edition, since each edition names its own experiments.
        func scoped(_ name: String, in index: Int) -> String { InlineValues.scoped(name, edition: editions[index]) }

        /// The occurrence an inline value of occurrence `index` quotes.
        func target(_ reference: InlineReference, from index: Int) -> Int? { byName[scoped(reference.experiment, in: index)] }

        /// The experiment names of an edition, for "did you mean".
        func names(in edition: Int) -> [String] {
            let prefix = "\(edition)/"
            return byName.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
        }

        /// Where `name`'s value is written in the directive's `name:` line (the body's start if not found).
        func nameLocation(_ occurrence: DirectiveOccurrence, _ name: String) -> SourceLocation {
            for (offset, line) in occurrence.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let indent = line.prefix { $0 == " " }.count
                guard line.dropFirst(indent).hasPrefix("name:"), let value = line.range(of: name) else { continue }
                return SourceLocation(line: occurrence.bodyStart.line + offset,
                                      column: occurrence.bodyStart.column + line.unicodeScalars.distance(from: line.startIndex, to: value.lowerBound))
            }
            return occurrence.bodyStart
        }

        mutating func fail(_ index: Int) {
            waiting.remove(index)
            outcomes[index] = Outcome()
        }

        /// Runs in waves: each wave holds the directives whose quoted experiments all have an outcome.
        mutating func runAll(_ site: inout SiteBuild) {
            while !waiting.isEmpty {
                let ready = waiting.sorted().filter { index in
                    occurrences[index].references.allSatisfy { outcomes[target($0.reference, from: index)!] != nil }
                }
                if ready.isEmpty {
                    reportCycles(&site)
                    break
                }
                let prepared = ready.compactMap { prepare($0, site: &site) }
                // Cached results are read and decoded on every core (decoding is most of a rebuild's expand stage).
                var unique: [String] = []
                for (_, job) in prepared where resultsByKey[job.key] == nil && !unique.contains(job.key) { unique.append(job.key) }
                let keys = unique, cache = site.cache
                let loaded = ParallelWork.map(count: keys.count, jobs: site.options.jobs) { cache.load(keys[$0], as: ExperimentResult.self) }
                let cached = Dictionary(uniqueKeysWithValues: zip(keys, loaded))
                let jobs = prepared.compactMap { take($0.index, $0.job, cached: cached[$0.job.key] ?? nil, site: &site) }
                run(jobs, site: &site)
            }
            if !site.hasErrors { site.cache.prune(keeping: usedKeys) }
        }

        /// Parses a directive (its quoted values filled in) and keys it: the job that would run it.
        mutating func prepare(_ index: Int, site: inout SiteBuild) -> (index: Int, job: Job)? {
            waiting.remove(index)
            let occurrence = occurrences[index]
            guard let body = substitutedBody(index, site: &site),
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
            // The load stage read every regular file of the sources: a data file is keyed by the digest of those
            // bytes (remembered while its stamp holds), never read again. One it skipped (missing, a FIFO, a
            // device, behind a symbolic link) is named and explained.
            var files: [(path: String, bytes: [UInt8])] = []
            for file in directive.dataFiles {
                guard let source = site.sources[file] else {
                    var reason = Files.Failure(description: "it is reached through a symbolic link, which a build does not follow")
                    do throws(Files.Failure) { try Files.checkReadable(sourceRoot.appendingPathComponent(file).path) } catch { reason = error }
                    site.report(Diagnostic.error("cannot read the data file '\(site.displayPath(file))': \(reason)", path: occurrence.path,
                                                 line: occurrence.infoLocation.line, column: occurrence.infoLocation.column)
                        .underlining(directive.kind.unicodeScalars.count))
                    fail(index)
                    return nil
                }
                let digest = site.dataDigests.digest(of: sourceRoot.appendingPathComponent(file).path, bytes: source.bytes, stamp: source.stamp)
                files.append((path: file, bytes: Array(digest.utf8)))
            }
            let key = ResultCache.key(kind: directive.kind, normalizedText: ExperimentExpansion.runText(directive.cacheKey),
                                      engineVersion: engineVersion, dataFiles: files)
            usedKeys.insert(key)
            return (index, Job(directive: directive, key: key, location: occurrence.infoLocation, path: occurrence.path))
        }

        /// Gives a prepared directive the result of another one with the same key in this build, or `cached` (its
        /// cache entry); otherwise returns its job, to run.
        mutating func take(_ index: Int, _ job: Job, cached: ExperimentResult?, site: inout SiteBuild) -> (index: Int, job: Job)? {
            let (directive, key, occurrence) = (job.directive, job.key, occurrences[index])
            if let shared = resultsByKey[key] {
                // Another page (the same page in another edition) ran these parameters already in this build.
                outcomes[index] = Outcome(directive: directive, result: ExperimentExpansion.named(shared, by: directive), key: key)
                site.experimentsShared += 1
                step += 1
                site.progress(BuildProgress(step: step, total: occurrences.count, kind: directive.kind, name: directive.name ?? "",
                                            location: "\(occurrence.path):\(occurrence.infoLocation.line)", seconds: 0, reused: true))
                return nil
            }
            if let cached {
                resultsByKey[key] = cached
                outcomes[index] = Outcome(directive: directive, result: ExperimentExpansion.named(cached, by: directive), key: key)
                site.experimentsReused += 1
                step += 1
                site.progress(BuildProgress(step: step, total: occurrences.count, kind: directive.kind, name: directive.name ?? "",
                                            location: "\(occurrence.path):\(occurrence.infoLocation.line)", seconds: 0, reused: true))
                return nil
            }
            return (index, job)
        }

        /// Runs `jobs` in parallel and stores each result in the cache; results come back in input order. Jobs with
        /// the same key (a page and its translation) run once.
        mutating func run(_ allJobs: [(index: Int, job: Job)], site: inout SiteBuild) {
            var firstWithKey: [String: Int] = [:]
            var jobs: [(index: Int, job: Job)] = []
            var sharing: [(index: Int, job: Job)] = []
            for job in allJobs {
                if firstWithKey[job.job.key] == nil {
                    firstWithKey[job.job.key] = job.index
                    jobs.append(job)
                } else {
                    sharing.append(job)
                }
            }
            defer {
                for (index, job) in sharing {
                    if let result = resultsByKey[job.key] {
                        outcomes[index] = Outcome(directive: job.directive, result: ExperimentExpansion.named(result, by: job.directive), key: job.key)
                        site.experimentsShared += 1
                    } else {
                        outcomes[index] = Outcome()  // its twin failed, and reported why
                    }
                }
            }
            let counter = StepCounter(start: step)
            let (cache, progress, root, total) = (site.cache, site.progress, sourceRoot, occurrences.count)
            let displayRoot = site.sources.displayRoot
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
                    let value = try ExperimentRunner.run(job.directive, sourceRoot: root, displayRoot: displayRoot)
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
                    resultsByKey[job.key] = value
                    outcomes[index] = Outcome(directive: job.directive, result: value, key: job.key)
                    site.experimentsRun += 1
                case .failure(let diagnostic):
                    // An error inside a data file (a `plot`'s CSV) prints that file's line.
                    let prefix = site.sources.displayRoot.isEmpty ? "" : site.sources.displayRoot + "/"
                    if site.sourceTexts[diagnostic.path] == nil, diagnostic.path.hasPrefix(prefix),
                       let file = site.sources[String(diagnostic.path.dropFirst(prefix.count))] {
                        site.sourceTexts[diagnostic.path] = String(decoding: file.bytes, as: UTF8.self)
                    }
                    site.report(diagnostic)
                    outcomes[index] = Outcome()
                }
            }
        }

        /// The body with each `{{name.path | format}}` replaced by the quoted experiment's value; nil after errors.
        mutating func substitutedBody(_ index: Int, site: inout SiteBuild) -> String? {
            let occurrence = occurrences[index]
            guard !occurrence.references.isEmpty else { return occurrence.body }
            var failed = false
            var values: [String] = []
            for (reference, location) in occurrence.references {
                let quoted = target(reference, from: index)!
                guard let result = outcomes[quoted]?.result else {
                    // Its failure is reported at its directive.
                    causes[index] = causes[index] ?? quoted
                    failed = true
                    continue
                }
                switch InlineValues.value(reference, in: result) {
                case .success(_, let plain):
                    values.append(plain)
                case .failure(let message, let hint, let closest):
                    site.report(Diagnostic.error(message, path: occurrence.path, line: location.line, column: location.column, hint: hint)
                        .underlining(reference.range.count)
                        .suggesting(closest, for: reference.pathRange(at: location)))
                    failed = true
                }
            }
            guard !failed else { return nil }
            var iterator = values.makeIterator()
            return InlineReference.substitute(in: occurrence.body, occurrence.references.map(\.reference)) { _ in iterator.next()! }
        }

        /// Reports each cycle of quoted values once, at its first directive, naming it (`a → b → a`) with a note at
        /// every step. Each waiting directive is visited once, so the work is linear in the references.
        func reportCycles(_ site: inout SiteBuild) {
            func next(_ index: Int) -> Int? {
                occurrences[index].references.lazy.compactMap { target($0.reference, from: index) }.first { waiting.contains($0) }
            }
            var visited: Set<Int> = []
            for start in waiting.sorted() where !visited.contains(start) {
                // Follow the first waiting dependency until a directive repeats or one already followed is reached.
                var path: [Int] = []
                var position: [Int: Int] = [:]
                var current: Int? = start
                while let index = current, !visited.contains(index), position[index] == nil {
                    position[index] = path.count
                    path.append(index)
                    current = next(index)
                }
                visited.formUnion(path)
                // A path that ends in a directive already followed only depends on a cycle reported from there.
                guard let repeated = current, let first = position[repeated] else { continue }
                let cycle = Array(path[first...])
                // Where each step quotes the next one.
                let steps = cycle.indices.map { step in
                    let (from, to) = (cycle[step], cycle[(step + 1) % cycle.count])
                    let quote = occurrences[from].references.first { target($0.reference, from: from) == to }
                    return (from: from, to: to, location: quote?.location ?? occurrences[from].bodyStart, length: quote?.reference.range.count ?? 1)
                }
                let names = (cycle + [cycle[0]]).map { occurrences[$0].name ?? "?" }
                var diagnostic = Diagnostic.error("cycle in inline values: \(names.joined(separator: " → "))", path: occurrences[cycle[0]].path,
                                                  line: steps[0].location.line, column: steps[0].location.column)
                    .underlining(steps[0].length)
                for step in steps.dropFirst() {
                    diagnostic = diagnostic.noting("'\(occurrences[step.from].name ?? "?")' quotes '\(occurrences[step.to].name ?? "?")' here",
                                                   path: occurrences[step.from].path, location: step.location)
                }
                site.report(diagnostic)
            }
        }
    }

    /// Checks the claims, numbers the figures per page, and puts each figure in place of its directive.
    static func place(_ occurrences: [DirectiveOccurrence], outcomes: [Outcome?], site: inout SiteBuild) -> [String: ExperimentResult] {
        var results: [String: ExperimentResult] = [:]
        // One palette slot per run label on each page, in order of first appearance, so a run keeps its colour
        // across the page's figures.
        var slots: [Int: [String: Int]] = [:]
        let strict = site.options.strictFigures || site.configuration.strictFigures
        var replacements: [ObjectIdentifier: [Node]] = [:]
        // Figures are numbered in page order, the experiments' and the author's images (ImageFigures) alike.
        let images = site.pages.map { ImageFigures.candidates(in: $0.document) }
        var figurePlaces: [Int: [SourceLocation]] = [:]
        for (page, candidates) in images.enumerated() {
            figurePlaces[page] = candidates.map(\.paragraph.range.start)
        }
        for (index, occurrence) in occurrences.enumerated() where outcomes[index]?.result?.figures.isEmpty == false {
            figurePlaces[occurrence.page, default: []].append(occurrence.node.range.start)
        }
        let figureNumbers = figurePlaces.mapValues { places in
            Dictionary(places.sorted().enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { a, _ in a })
        }
        // Each result as its page shows it: drawn from its numbers, in the edition's words, with ids from the figure's
        // place in the site, and checked (what keeps a reader from seeing the result is reported at the directive).
        // Made, or read from the cache, on every core.
        var requests: [PresentationRequest] = []
        for (index, occurrence) in occurrences.enumerated() {
            guard let outcome = outcomes[index], outcome.directive != nil, let result = outcome.result else { continue }
            let page = site.pages[occurrence.page]
            let text = site.text(of: page)
            var pageSlots: [String: Int] = [:]
            if !result.figures.isEmpty {
                for label in result.runLabels where !label.isEmpty && slots[occurrence.page, default: [:]][label] == nil {
                    slots[occurrence.page, default: [:]][label] = slots[occurrence.page, default: [:]].count
                }
                pageSlots = slots[occurrence.page] ?? [:]
                // A translated run label keeps its run's colour.
                for (label, slot) in pageSlots { if let translated = text.chartWords.translation(label), pageSlots[translated] == nil { pageSlots[translated] = slot } }
            }
            requests.append(PresentationRequest(occurrence: index, result: result, run: outcome.key, idPrefix: figureIDPrefix(occurrence, index: index),
                                                slots: pageSlots, language: site.editions.indices.contains(page.edition) ? site.editions[page.edition].language : "?",
                                                text: text))
        }
        let cache = site.presentations, jobs = site.options.jobs, requested = requests
        let made = ParallelWork.map(count: requested.count, jobs: jobs) { present(requested[$0], cache: cache) }
        let presented = Dictionary(uniqueKeysWithValues: zip(requests.map(\.occurrence), zip(requests, made.map(\.presentation))))
        for (index, occurrence) in occurrences.enumerated() {
            guard let outcome = outcomes[index], let directive = outcome.directive, let result = outcome.result,
                  let (request, presentation) = presented[index] else { continue }
            site.diagnostics += check(directive.expectations, against: result, path: occurrence.path)
            if let name = directive.name { results[InlineValues.scoped(name, edition: site.pages[occurrence.page].edition)] = result }
            var page = site.pages[occurrence.page]
            let (text, language) = (request.text, request.language)
            // The same numbers in the edition's words; an untranslated chart or table word is an error, not English.
            var shown = result
            shown.tables = presentation.tables
            for word in presentation.missing {
                site.report(Diagnostic.error("no '\(language)' text for the chart word '\(word)'", path: occurrence.path,
                                             line: occurrence.infoLocation.line, column: occurrence.infoLocation.column,
                                             hint: "add it to the '\(language)' table in Sources/Site/5-Layout/InterfaceText.swift"))
            }
            if result.figures.isEmpty {
                let id = directive.name.map { "derivation-" + $0 }
                if let id {
                    page.anchors[id] = text.derivation
                    page.numberedAnchors.insert(id)
                }
                replacements[ObjectIdentifier(occurrence.node)] = Figures.derivation(shown, id: id, occurrence: occurrence, text: text)
            } else {
                let number = figureNumbers[occurrence.page]?[occurrence.node.range.start] ?? 1
                let id = directive.name.map { "fig-" + $0 } ?? "figure-\(number)"
                let name = text.figure(site.numberPrefix(of: page) + String(number))
                page.anchors[id] = name
                page.numberedAnchors.insert(id)
                let csvPath = csvPath(for: page, name: directive.name ?? "figure-\(number)")
                site.emit(csvPath, Array(result.csv.utf8), from: "the CSV of figure \(number) of \(occurrence.path)", at: occurrence.path)
                let (svgs, warnings) = (presentation.svgs, presentation.warnings)
                for warning in warnings {
                    site.report(Diagnostic(strict ? .error : .warning, path: occurrence.path, location: occurrence.infoLocation,
                                           message: "figure check: " + warning))
                }
                replacements[ObjectIdentifier(occurrence.node)] = Figures.figure(
                    shown, svgs: svgs, name: name, id: id, csvHref: RelativeURL.path(to: csvPath, from: page.outputPath),
                    occurrence: occurrence, text: text)
            }
            site.pages[occurrence.page] = page
        }
        for (index, candidates) in images.enumerated() {
            var page = site.pages[index]
            for candidate in candidates {
                let id = ImageFigures.id(for: candidate.link.destination)
                let at = candidate.image.range.start
                if page.anchors[id] != nil {
                    site.report(Diagnostic.error("figure id '\(id)' is already used on this page", path: page.displayPath,
                                                 line: at.line, column: at.column,
                                                 hint: "an image figure's id is 'fig-' and its file name: give the image a file name of its own"))
                    continue
                }
                if candidate.image.plainText.trimmingSpaces.isEmpty {
                    site.report(.warning("image figure without alt text: readers who cannot see the image hear nothing",
                                         path: page.displayPath, line: at.line, column: at.column,
                                         hint: "describe the image between the brackets: ![what it shows](…)"))
                }
                let number = figureNumbers[index]?[candidate.paragraph.range.start] ?? 1
                let name = site.text(of: page).figure(site.numberPrefix(of: page) + String(number))
                page.anchors[id] = name
                page.numberedAnchors.insert(id)
                replacements[ObjectIdentifier(candidate.paragraph)] = ImageFigures.figure(candidate, name: name, id: id, path: page.displayPath)
            }
            site.pages[index] = page
        }
        if !replacements.isEmpty {
            for page in site.pages {
                page.document.root.rewrite { node in replacements[ObjectIdentifier(node)] }
            }
        }
        if !site.hasErrors { site.presentations.prune(keeping: Set(made.compactMap(\.key))) }
        return results
    }

    /// A result as a page shows it: its charts drawn (desktop and phone layouts) with the figure check's findings, its
    /// tables in the edition's words, and the chart and table words the edition has no translation for.
    struct Presentation: Codable {
        var svgs: [String]
        var warnings: [String]
        var tables: [ExperimentResult.Table]
        var missing: [String]
    }

    /// What a presentation is made from.
    struct PresentationRequest: Sendable {
        /// The directive's index among the build's occurrences.
        let occurrence: Int
        let result: ExperimentResult
        /// The run's cache key (nil: not cached).
        let run: String?
        let idPrefix: String
        let slots: [String: Int]
        let language: String
        let text: InterfaceText
    }

    /// Draws and translates a result, or takes it from `cache`: that depends only on the numbers (named by `run`,
    /// the run's cache key), the executable (its build ID), the language, the ids' prefix and the palette slots, so
    /// under a key of those it is the same every time. Without a run key or a build ID it is made, not cached.
    /// Returns the key it is cached under.
    static func present(_ request: PresentationRequest, cache: ResultCache) -> (presentation: Presentation, key: String?) {
        let (result, idPrefix, slots, text) = (request.result, request.idPrefix, request.slots, request.text)
        var key: String?
        if let run = request.run, let executable = EngineVersion.buildID {
            var hasher = SHA256()
            // Length-prefixed fields, so no two different inputs concatenate to the same bytes.
            let fields = ["build-docs presentation 1", executable, run, request.language, idPrefix]
                + slots.keys.sorted().flatMap { [$0, String(slots[$0]!)] }
            for field in fields { hasher.update("\(field.utf8.count):" + field) }
            key = hasher.hexDigest()
            if let cached = cache.load(key!, as: Presentation.self) { return (cached, key) }
        }
        var shown = result, missing: [String]
        (shown.figures, missing) = localizedFigures(result.figures, text.chartWords)
        (shown.tables, missing) = localizedTables(result, text.chartWords, missing: missing)
        let (svgs, warnings) = shown.drawFigures(idPrefix: idPrefix, slots: slots, text: text.chart)
        let presentation = Presentation(svgs: svgs, warnings: warnings, tables: shown.tables, missing: missing)
        if let key { cache.store(presentation, key: key) }
        return (presentation, key)
    }

    /// `result` in an edition's words: its charts' words, its tables' titles and column names (run labels, and cells,
    /// which are numbers and run labels, are translated only where the table knows them), and the words the table
    /// lacks. The CSV stays as computed.
    static func localized(_ result: ExperimentResult, _ words: ChartWords) -> (result: ExperimentResult, missing: [String]) {
        var shown = result, missing: [String]
        (shown.figures, missing) = localizedFigures(result.figures, words)
        (shown.tables, missing) = localizedTables(result, words, missing: missing)
        return (shown, missing)
    }

    /// Charts in an edition's words (see `localized`), and the words they lack.
    static func localizedFigures(_ figures: [FigureData], _ words: ChartWords) -> (figures: [FigureData], missing: [String]) {
        guard case .translated = words else { return (figures, []) }
        var missing: [String] = []
        let localized = figures.map { figure in
            let (localized, lacking) = figure.localized(words.translation)
            missing += lacking.filter { !missing.contains($0) }
            return localized
        }
        return (localized, missing)
    }

    /// `result`'s tables in an edition's words (see `localized`), and `missing` with the words they lack added.
    static func localizedTables(_ result: ExperimentResult, _ words: ChartWords, missing: [String]) -> (tables: [ExperimentResult.Table], missing: [String]) {
        guard case .translated = words else { return (result.tables, missing) }
        var missing = missing
        func need(_ word: String) -> String {
            if word.isEmpty { return word }
            if let translated = words.translation(word) { return translated }
            if !missing.contains(word) { missing.append(word) }
            return word
        }
        let tables = result.tables.map { table in
            ExperimentResult.Table(title: need(table.title),
                                   columns: table.columns.map { result.runLabels.contains($0) ? words.translation($0) ?? $0 : need($0) },
                                   rows: table.rows.map { $0.map { words.translation($0) ?? $0 } })
        }
        return (tables, missing)
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
