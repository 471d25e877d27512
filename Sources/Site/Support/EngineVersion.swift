// The experiments' engine version (`ExperimentDirective.engineVersion`) fingerprints the engine by running a tiny
// experiment of every kind: ≈ 15 ms of every build-docs process, most of a rebuild with nothing to run. It can only
// change when the executable does, so it is remembered in the cache folder with the executable's build ID (the
// linker's hash of its contents) and computed again only by a different executable.
import Experiments
import Foundation
import Glibc

enum EngineVersion {
    /// The memo's file name in the cache folder (not a cache entry: never pruned).
    static let memoName = "engine-version"

    /// The engine version, from `memo` when the executable that wrote it is this one; otherwise computed (and
    /// remembered there). nil `memo`: computed.
    static func current(memo: URL?) -> String {
        guard let memo, let executable = buildID else { return ExperimentDirective.engineVersion }
        if let text = try? String(contentsOf: memo, encoding: .utf8) {
            // One line: build ID, a space, the version.
            let fields = text.split(separator: " ", maxSplits: 1)
            if fields.count == 2, fields[0] == executable, fields[1].hasSuffix("\n") {
                let version = fields[1].dropLast()
                if !version.isEmpty, !version.contains(where: \.isWhitespace) { return String(version) }
            }
        }
        let version = ExperimentDirective.engineVersion
        try? FileManager.default.createDirectory(at: memo.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Atomic: a reader never sees half a line; a lost write only costs computing it again.
        try? Data("\(executable) \(version)\n".utf8).write(to: memo, options: .atomic)
        return version
    }

    /// The running executable's GNU build ID in hexadecimal, read from its program headers in memory; nil when it has
    /// none (then nothing is remembered).
    static let buildID: String? = {
        // getauxval is not exported by the Glibc module: looked up at run time.
        typealias GetAuxiliaryValue = @convention(c) (UInt) -> UInt
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "getauxval") else { return nil }
        let auxiliary = unsafeBitCast(symbol, to: GetAuxiliaryValue.self)
        guard let headers = UnsafePointer<Elf64_Phdr>(bitPattern: auxiliary(UInt(AT_PHDR))) else { return nil }
        let count = Int(auxiliary(UInt(AT_PHNUM)))
        // Where the executable was loaded: PT_PHDR says where the headers themselves were meant to be.
        guard let own = (0..<count).first(where: { headers[$0].p_type == PT_PHDR }) else { return nil }
        let bias = UInt(bitPattern: headers) &- UInt(headers[own].p_vaddr)
        for index in 0..<count where headers[index].p_type == PT_NOTE {
            guard var note = UnsafeRawPointer(bitPattern: bias &+ UInt(headers[index].p_vaddr)) else { continue }
            let end = note + Int(headers[index].p_memsz)
            // Each note: name size, description size, type (32 bits each), then name and description, 4-byte aligned.
            while note + 12 <= end {
                let nameSize = Int(note.loadUnaligned(as: UInt32.self)), size = Int(note.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
                let type = note.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
                let name = note + 12, description = name + (nameSize + 3) & ~3
                guard description + size <= end else { break }
                if type == NT_GNU_BUILD_ID, nameSize == 4, Array(UnsafeRawBufferPointer(start: name, count: 4)) == Array("GNU\0".utf8), size > 0 {
                    return UnsafeRawBufferPointer(start: description, count: size).map { String(Int($0) + 0x100, radix: 16).dropFirst() }.joined()
                }
                note = description + (size + 3) & ~3
            }
        }
        return nil
    }()
}
