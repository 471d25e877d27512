// Minimal clients on raw sockets, so the tests see exactly what the server sends: an HTTP/1.1 client that keeps
// its connection alive, and a reader of the Server-Sent Events stream.
import Foundation
import Glibc

struct ClientError: Error, CustomStringConvertible {
    let description: String
}

/// A connected TCP socket to 127.0.0.1:port with a receive timeout, so a test can never hang.
final class Connection {
    let socket: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeout: Int = 5) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            throw ClientError(description: "cannot connect to port \(port)")
        }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(socket) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw ClientError(description: "connection closed while sending") }
            offset += sent
        }
    }

    /// Bytes up to (and without) `delimiter`.
    func read(until delimiter: [UInt8]) throws -> [UInt8] {
        var searched = 0
        while true {
            if buffer.count >= delimiter.count {
                var index = max(0, searched - delimiter.count)
                while index + delimiter.count <= buffer.count {
                    if Array(buffer[index..<index + delimiter.count]) == delimiter {
                        let found = Array(buffer[..<index])
                        buffer.removeFirst(index + delimiter.count)
                        return found
                    }
                    index += 1
                }
            }
            searched = buffer.count
            try fill()
        }
    }

    func read(count: Int) throws -> [UInt8] {
        while buffer.count < count { try fill() }
        let found = Array(buffer[..<count])
        buffer.removeFirst(count)
        return found
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 16384)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw ClientError(description: "connection closed or timed out") }
        buffer += chunk[..<count]
    }
}

struct Response {
    let status: Int
    let headers: [String: String]
    let body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Requests on one kept-alive connection.
final class HTTPClient {
    let connection: Connection

    init(port: Int) throws { connection = try Connection(port: port) }

    func get(_ target: String) throws -> Response { try request("GET", target) }

    func request(_ method: String, _ target: String) throws -> Response {
        try connection.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let head = String(decoding: try connection.read(until: Array("\r\n\r\n".utf8)), as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw ClientError(description: "bad status line '\(lines[0])'") }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = method == "HEAD" ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        return Response(status: status, headers: headers, body: try connection.read(count: length))
    }
}

/// Reads the preview's event stream: each `build` event's data names a finished build.
final class EventClient {
    let connection: Connection
    /// The build the stream named on connecting (the page's view of "now").
    private var last: String?

    init(port: Int) throws {
        connection = try Connection(port: port, timeout: 60)
        try connection.send("GET /.build-docs/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let head = String(decoding: try connection.read(until: Array("\r\n\r\n".utf8)), as: UTF8.self)
        guard head.hasPrefix("HTTP/1.1 200"), head.contains("text/event-stream") else {
            throw ClientError(description: "not an event stream: \(head)")
        }
    }

    /// The name of the next build that finishes, or of the first build if none has finished before connecting.
    func nextBuild() throws -> String {
        while true {
            let event = String(decoding: try connection.read(until: Array("\n\n".utf8)), as: UTF8.self)
            guard event.hasPrefix("event: build\n"), let data = event.split(separator: "\n").last, data.hasPrefix("data: ") else { continue }
            let name = String(data.dropFirst(6))
            let previous = last
            last = name
            // Generation 0 means "nothing built yet": wait for the first build.
            if previous == nil && name.hasSuffix("-0") { continue }
            return name
        }
    }
}
