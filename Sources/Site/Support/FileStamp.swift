// What a file's metadata says about its contents, as git's index trusts it: size, modification and change times
// (nanoseconds) and inode. The change time is set by the kernel on every write, rename or link, and no tool can set
// it back, so an unchanged stamp means unchanged bytes — once the file is older than one clock tick of the file
// system (`isSettled`): two writes within the same tick could leave the same stamp.
import Glibc

struct FileStamp: Equatable, Sendable {
    let size: Int64
    let modified: Int64
    let changed: Int64
    let inode: UInt64

    /// The stamp of the regular file at `path` (a symbolic link is not followed); nil for anything else.
    init?(path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        self.init(status)
    }

    /// The stamp `lstat` gave; nil unless it describes a regular file.
    init?(_ status: stat) {
        guard status.st_mode & S_IFMT == S_IFREG else { return nil }
        size = Int64(status.st_size)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
        inode = UInt64(status.st_ino)
    }

    init(size: Int64, modified: Int64, changed: Int64, inode: UInt64) {
        (self.size, self.modified, self.changed, self.inode) = (size, modified, changed, inode)
    }

    /// Whether the file last changed at least `seconds` before `now` (seconds since 1970): a rewrite within the same
    /// clock tick as the moment the stamp was taken cannot have gone unseen.
    func isSettled(now: Int64, seconds: Int64 = 2) -> Bool {
        now - max(modified, changed) / 1_000_000_000 >= seconds
    }

    /// `size modified changed inode`, the form memos store.
    var fields: String { "\(size) \(modified) \(changed) \(inode)" }

    /// Parses `fields`; nil unless there are exactly four numbers.
    init?(fields: some StringProtocol) {
        let parts = fields.split(separator: " ")
        guard parts.count == 4, let size = Int64(parts[0]), let modified = Int64(parts[1]), let changed = Int64(parts[2]),
              let inode = UInt64(parts[3]) else { return nil }
        self.init(size: size, modified: modified, changed: changed, inode: inode)
    }
}
