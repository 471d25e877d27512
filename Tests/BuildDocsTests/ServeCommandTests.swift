// `build-docs serve` as a process: it prints where it serves, serves the built site, and on SIGTERM or SIGINT stops
// with status 0, leaving no preview folder behind and no output folder created.
import Foundation
import Glibc
import Testing

@Suite struct ServeCommandTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func servesThenStopsCleanlyOnASignal(signal: Int32) throws {
        let root = try workspace([
            "site.yml": "title: Served\n",
            "index.md": "# Home\n\nServed by the preview.\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let temporary = root.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)

        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = root
        process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary.path]) { _, new in new }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var printed = Data()
        while !printed.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed += chunk
        }
        let line = String(decoding: printed, as: UTF8.self)
        let match = try #require(line.firstMatch(of: /^Serving http:\/\/127\.0\.0\.1:(\d+)\/ \(Ctrl-C to stop\)\n/))
        let port = try #require(Int(match.1))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).contains { $0.hasPrefix("build-docs-preview-") })

        // Pages say "building" (503) until the first build is in.
        var page = try get("/", port: port)
        for _ in 0..<200 where page.hasPrefix("HTTP/1.1 503") {
            Thread.sleep(forTimeInterval: 0.05)
            page = try get("/", port: port)
        }
        #expect(page.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(page.contains("Served by the preview."))
        #expect(page.contains("new EventSource"))

        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty, "the preview folder is removed")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path), "the output folder is never written")
    }

    @Test func aBadPortIsAUsageError() throws {
        let result = try run(["serve", "--port", "70000"], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("build-docs serve: --port needs a number from 0 to 65535, not '70000'\n"))
    }

    /// The whole response to a one-off GET.
    func get(_ target: String, port: Int) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            response += chunk[..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }
}
