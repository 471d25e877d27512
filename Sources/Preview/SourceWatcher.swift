// Notices changes in the source folder by a cheap stat scan, repeated: a file's size, modification time and inode
// say whether it changed (an editor that saves by renaming a new file into place changes the inode). New, deleted
// and renamed files change the set of paths. Hidden entries (`.cache/`, editors' swap files) are skipped, as the
// build skips them. Polling needs no platform API and a course folder of a few dozen files scans in well under
// a millisecond.
import Glibc

struct SourceSnapshot: Equatable, Sendable {
    struct Stamp: Equatable, Sendable {
        let size: Int
        let modified: timespec
        let inode: UInt

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.size == b.size && a.inode == b.inode
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
        }
    }

    /// Root-relative path → its stamp; folders included, so an emptied folder counts too.
    let stamps: [String: Stamp]

    /// Scans `root` (symbolic links are not followed, as the build does not follow them).
    static func scan(_ root: String) -> SourceSnapshot {
        var stamps: [String: Stamp] = [:]
        var pending = [""]
        while let folder = pending.popLast() {
            let path = folder.isEmpty ? root : root + "/" + folder
            guard let directory = opendir(path) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                guard !name.hasPrefix(".") else { continue }
                let relative = folder.isEmpty ? name : folder + "/" + name
                var status = stat()
                guard lstat(root + "/" + relative, &status) == 0 else { continue }
                stamps[relative] = Stamp(size: Int(status.st_size), modified: status.st_mtim, inode: UInt(status.st_ino))
                if status.st_mode & S_IFMT == S_IFDIR { pending.append(relative) }
            }
        }
        return SourceSnapshot(stamps: stamps)
    }
}
