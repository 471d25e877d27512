// The experiment cache: a result is stored under a SHA-256 key of everything it depends on — the directive's
// normalized text (parameters and seed), the simulation engine's version, and the SHA-256 of every data file the
// experiment reads (remembered across builds by FileDigests) — so an unchanged experiment is never rerun and a changed one (or one whose data changed)
// always is. Keying on the directive's text alone would serve stale figures when a data file changes.
// Entries are JSON files in a git-ignored folder; a build deletes the entries it did not use.
import Foundation

struct ResultCache: Sendable {
    /// nil when caching is off (`--no-cache`): nothing is read or written.
    let folder: URL?

    /// The file in the cache folder where data files' digests are remembered (not an entry: never pruned).
    static let digestsName = "data-files.sha256"

    /// The key of an experiment: `kind`, its normalized parameter text, the engine's version, and the data files
    /// (their digests).
    static func key(kind: String, normalizedText: String, engineVersion: String, dataFiles: [(path: String, bytes: [UInt8])]) -> String {
        var hasher = SHA256()
        // Length-prefixed fields, so no two different inputs concatenate to the same bytes.
        func field(_ bytes: [UInt8]) {
            hasher.update(Array("\(bytes.count):".utf8))
            bytes.withUnsafeBufferPointer { hasher.update($0) }
        }
        field(Array("build-docs cache 1".utf8))
        field(Array(engineVersion.utf8))
        field(Array(kind.utf8))
        field(Array(normalizedText.utf8))
        for file in dataFiles.sorted(by: { $0.path < $1.path }) {
            field(Array(file.path.utf8))
            field(file.bytes)
        }
        return hasher.hexDigest()
    }

    func load<Value: Decodable>(_ key: String, as type: Value.Type) -> Value? {
        guard let folder, let data = FileManager.default.contents(atPath: folder.appendingPathComponent(key + ".json").path) else {
            return nil
        }
        return try? JSONDecoder().decode(Value.self, from: data)
    }

    func store<Value: Encodable>(_ value: Value, key: String) {
        guard let folder else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A failed write only costs a rerun next time; `.atomic` keeps a half-written entry from ever being read.
        try? data.write(to: folder.appendingPathComponent(key + ".json"), options: .atomic)
    }

    /// Deletes the entries whose keys are not in `used` (results of directives that changed or were removed).
    func prune(keeping used: Set<String>) {
        guard let folder else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasSuffix(".json") && name.count == 64 + 5 && !used.contains(String(name.dropLast(5))) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }
}
