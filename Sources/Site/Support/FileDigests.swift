// SHA-256 digests of the data files experiments read, remembered across builds: hashing the course's 11 MB of
// MNIST on every build (once per experiment that reads it) was most of a no-change rebuild. A digest is reused
// while the file's size, modification and change times and inode are those it was computed for, as git's index
// trusts a file's stat. Like git, an entry is only remembered once the file's last change (its ctime, which no
// tool can set back) is older than a rewrite within the same clock tick could hide, so a quick edit is never missed.
import Basics
import Diagnostics
import Foundation

final class FileDigests: @unchecked Sendable {
    /// Where digests are remembered (in the cache folder); nil: computed every time.
    private let memo: URL?
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    /// A file last changed this long before its digest was computed cannot have changed in the same clock tick unseen.
    private let settledSeconds: Int64

    struct Entry: Equatable {
        let stamp: FileStamp
        let digest: String
    }

    init(memo: URL?, settledSeconds: Int64 = 2) {
        self.memo = memo
        self.settledSeconds = settledSeconds
        guard let memo, let text = try? String(contentsOf: memo, encoding: .utf8) else { return }
        // One line per file: digest size modified changed inode path (the path last: it may hold spaces).
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 5)
            guard fields.count == 6, fields[0].utf8.count == 64,
                  let stamp = FileStamp(fields: fields[1...4].joined(separator: " ")) else { continue }
            entries[String(fields[5])] = Entry(stamp: stamp, digest: String(fields[0]))
        }
    }

    /// The hex SHA-256 of the file at `path`, read now; nil when it cannot be read.
    func digest(of path: String) -> String? {
        // The stamp is taken before the bytes are read: if the file changes in between, the stamp no longer matches
        // next time and the file is hashed again.
        guard let stamp = FileStamp(path: path), let bytes = try? Files.read(path) else { return nil }
        return digest(of: path, bytes: bytes, stamp: stamp)
    }

    /// The hex SHA-256 of `bytes`, the contents of the file at `path` read just after its stamp was `stamp` (a file
    /// of the source tree: nothing is read again); remembered when the stamp is known and settled.
    func digest(of path: String, bytes: [UInt8], stamp: FileStamp?) -> String {
        lock.lock()
        let known = entries[path]
        lock.unlock()
        if let stamp, let known, known.stamp == stamp { return known.digest }
        var hasher = SHA256()
        hasher.update(bytes)
        let digest = hasher.hexDigest()
        guard let stamp, stamp.isSettled(now: Int64(Date().timeIntervalSince1970), seconds: settledSeconds), !path.contains("\n") else {
            return digest
        }
        lock.lock()
        entries[path] = Entry(stamp: stamp, digest: digest)
        let text = entries.keys.sorted().map { path in
            let entry = entries[path]!
            return "\(entry.digest) \(entry.stamp.fields) \(path)\n"
        }.joined()
        lock.unlock()
        if let memo {
            try? FileManager.default.createDirectory(at: memo.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Atomic: a reader never sees half a memo; a lost write only costs hashing again.
            try? Data(text.utf8).write(to: memo, options: .atomic)
        }
        return digest
    }
}
