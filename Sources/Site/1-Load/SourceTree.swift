// Stage 1: read the source folder (docs-src/) into memory: the pages (`*.md`), the site configuration
// (`site.yml`) and every other file as a potential asset (images, data, fonts). Hidden entries (such as the
// `.cache/` folder) are skipped. Paths are kept relative and `/`-separated so output is the same on any machine.
import Diagnostics
import Foundation

/// One file of the source folder.
struct SourceFile: Sendable {
    /// Relative to the source folder, `/`-separated: `03-gaussian.md`, `images/neuron.svg`.
    let path: String
    let bytes: [UInt8]
    /// Taken just before the bytes were read (nil for files not read from disk): while the file's stamp is this one,
    /// its bytes are these (what remembered digests and the up-to-date check rely on).
    var stamp: FileStamp? = nil
}

/// The source folder as read from disk.
struct SourceTree: Sendable {
    /// The folder as the author named it (`docs-src`), used to print diagnostics paths (`docs-src/03-gaussian.md`).
    let root: URL
    let displayRoot: String
    /// Every regular file, sorted by path.
    let files: [SourceFile]
    /// Path → position in `files`, so a lookup (one per link and image) costs the same however many files there are.
    private let index: [String: Int]

    init(root: URL, displayRoot: String, files: [SourceFile]) {
        self.root = root
        self.displayRoot = displayRoot
        self.files = files
        index = Dictionary(files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func displayPath(_ relative: String) -> String {
        displayRoot.isEmpty ? relative : displayRoot + "/" + relative
    }

    subscript(path: String) -> SourceFile? {
        index[path].map { files[$0] }
    }

    /// Reads every non-hidden regular file under `root` (symbolic links are not followed, so a build never
    /// reads outside its sources).
    static func load(root: URL, displayRoot: String) throws(Diagnostic) -> SourceTree {
        var files: [SourceFile] = []
        for (path, stamp) in try list(root: root, displayRoot: displayRoot) {
            do {
                files.append(SourceFile(path: path, bytes: try Files.read(root.appendingPathComponent(path).path), stamp: stamp))
            } catch {
                throw Diagnostic.error("cannot read the file: \(error)", path: displayRoot + "/" + path)
            }
        }
        return SourceTree(root: root, displayRoot: displayRoot, files: files)
    }

    /// Every non-hidden regular file under `root`, sorted by path, with its stamp: what `load` reads, without reading
    /// it. Folders are entered; symbolic links, hidden entries (such as the `.cache/` folder) and anything that is not
    /// a regular file are left out.
    static func list(root: URL, displayRoot: String) throws(Diagnostic) -> [(path: String, stamp: FileStamp)] {
        var status = stat()
        guard stat(root.path, &status) == 0 else {
            throw Diagnostic.error("source folder '\(displayRoot)' does not exist", path: displayRoot,
                                   hint: "run build-docs where the sources are, or name them with --source DIR")
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw Diagnostic.error("source '\(displayRoot)' is a file, not a folder", path: displayRoot)
        }
        var files: [(path: String, stamp: FileStamp)] = []
        var pending = [""]
        while let folder = pending.popLast() {
            let url = folder.isEmpty ? root : root.appendingPathComponent(folder)
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: url.path) } catch {
                let reason = access(url.path, R_OK | X_OK) == 0 ? "it cannot be listed" : Files.explain(errno)
                throw Diagnostic.error("cannot read the folder: \(reason)",
                                       path: folder.isEmpty ? displayRoot : displayRoot + "/" + folder)
            }
            for name in names where !name.hasPrefix(".") {
                let relative = folder.isEmpty ? name : folder + "/" + name
                guard lstat(root.appendingPathComponent(relative).path, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR: pending.append(relative)
                case S_IFREG: if let stamp = FileStamp(status) { files.append((relative, stamp)) }
                default: continue
                }
            }
        }
        return files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}

extension SourceFile {
    /// A Markdown file is a page, except `README.md` files: they describe a folder to readers of the repository
    /// (the data's provenance, a font's licence), not to readers of the course.
    var isPage: Bool { path.hasSuffix(".md") && path.split(separator: "/").last != "README.md" }

    /// The text of a page; a file that is not UTF-8 is an error at the first bad byte, because guessing an
    /// encoding would silently print wrong characters. A byte-order mark that some editors write at the start
    /// is not part of the text (else a first-line heading or front matter would not be seen).
    func text(displayPath: String) throws(Diagnostic) -> String {
        let bytes = self.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? self.bytes.dropFirst(3) : self.bytes[...]
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var line = 1, column = 1, offset = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += String(scalar).utf8.count
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        let byte = offset < bytes.count ? bytes[bytes.startIndex + offset] : 0
        let hex = String(byte, radix: 16, uppercase: true)
        throw Diagnostic.error("file is not valid UTF-8 (byte 0x\(hex.count == 1 ? "0" + hex : hex)); save it as UTF-8",
                               path: displayPath, line: line, column: column)
    }
}
