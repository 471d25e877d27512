// A small HTTP/1.1 server on the system's sockets, enough for a live preview: GET and HEAD, keep-alive, one
// thread per connection (a reader's tabs and a browser's parallel requests are a handful), and responses that
// stay open to stream events. What to answer is the handler's business; this file only speaks the protocol.
import Foundation
import Glibc

/// A request line and its headers (names lowercased). GET and HEAD carry no body.
struct HTTPRequest: Sendable {
    let method: String
    /// As sent: `/03-gaussian.html?x=1`.
    let target: String
    let version: String
    let headers: [String: String]

    /// HTTP/1.1 keeps a connection open unless told not to; HTTP/1.0 closes it unless asked to keep it.
    var keepsAlive: Bool {
        let connection = headers["connection"]?.lowercased() ?? ""
        return version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
    }
}

/// What the server answers: a whole body, or a stream that the handler writes to until it ends or the client leaves.
struct HTTPResponse: Sendable {
    enum Body: Sendable {
        case bytes([UInt8])
        /// Called on the connection's thread once the headers are sent; the connection closes when it returns.
        case stream(@Sendable (HTTPStream) -> Void)
    }

    var status: Int
    var headers: [(String, String)]
    var body: Body

    init(status: Int, headers: [(String, String)] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = .bytes(body)
    }

    init(status: Int, headers: [(String, String)], stream: @escaping @Sendable (HTTPStream) -> Void) {
        self.status = status
        self.headers = headers
        self.body = .stream(stream)
    }

    static func text(_ status: Int, _ message: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array((message + "\n").utf8))
    }

    static let reasons: [Int: String] = [
        200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
        408: "Request Timeout", 413: "Content Too Large", 414: "URI Too Long", 431: "Request Header Fields Too Large",
        500: "Internal Server Error", 503: "Service Unavailable", 505: "HTTP Version Not Supported",
    ]
}

/// The open end of a streamed response.
final class HTTPStream: Sendable {
    let socket: Int32
    init(socket: Int32) { self.socket = socket }

    /// Sends `text`; false once the client has gone (then the stream should end).
    func write(_ text: String) -> Bool { HTTPServer.send(Array(text.utf8), to: socket) }
}

/// Why the server could not start.
struct HTTPServerError: Error, CustomStringConvertible {
    let description: String
}

/// Listens on `host:port` and answers each request with `handler` on the connection's own thread.
final class HTTPServer: @unchecked Sendable {
    typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    /// The port actually bound (the system's choice when asked for 0).
    let port: Int
    private let listener: Int32
    private let handler: Handler
    /// Written to wake the accept loop when stopping.
    private let wake: (read: Int32, write: Int32)
    private let lock = NSLock()
    private var connections: Set<Int32> = []
    private var stopped = false
    private var started = false
    private let finished = DispatchSemaphore(value: 0)

    /// Limits that bound what clients can cost: header bytes, how long an idle connection is kept, and how many
    /// connections (each a thread) are open at once.
    static let maximumHeaderBytes = 16 * 1024
    static let idleSeconds = 15
    static let maximumConnections = 256

    /// Binds and listens; call `start()` to accept connections.
    init(host: String, port: Int, handler: @escaping Handler) throws(HTTPServerError) {
        self.handler = handler
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw HTTPServerError(description: "'\(host)' is not an IPv4 address (such as 127.0.0.1 or 0.0.0.0)")
        }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw HTTPServerError(description: "cannot open a socket: \(Self.lastError())") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let message = Self.lastError()
            close(fd)
            throw HTTPServerError(description: "cannot listen on \(host):\(port): \(message)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(fd)
            throw HTTPServerError(description: "cannot create a pipe: \(Self.lastError())")
        }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        listener = fd
        wake = (pipeEnds[0], pipeEnds[1])
        self.port = Int(UInt16(bigEndian: actual.sin_port))
    }

    /// Accepts connections on a background thread until `stop()`.
    func start() {
        lock.lock()
        started = true
        lock.unlock()
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "preview accept"
        thread.start()
    }

    /// Stops accepting, closes every open connection (streams end), and returns once the accept loop has ended.
    func stop() {
        lock.lock()
        if stopped { lock.unlock(); return }
        stopped = true
        for connection in connections { shutdown(connection, Int32(SHUT_RDWR)) }
        lock.unlock()
        var byte: UInt8 = 1
        _ = Glibc.write(wake.write, &byte, 1)
        if started { finished.wait() }
        close(listener)
        close(wake.read)
        close(wake.write)
    }

    private func acceptLoop() {
        defer { finished.signal() }
        var descriptors = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 { if errno == EINTR { continue } else { return } }
            if descriptors[1].revents != 0 { return }
            guard descriptors[0].revents & Int16(POLLIN) != 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            // Not inherited by processes the build may start.
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            lock.lock()
            if stopped { lock.unlock(); close(client); return }
            if connections.count >= Self.maximumConnections {
                lock.unlock()
                _ = Self.send(Array("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8), to: client)
                close(client)
                continue
            }
            connections.insert(client)
            lock.unlock()
            let thread = Thread { [self] in
                serve(client)
                lock.lock()
                connections.remove(client)
                lock.unlock()
                close(client)
            }
            thread.name = "preview connection"
            thread.start()
        }
    }

    /// Answers requests on one connection until the client closes it, asks to, idles, or misbehaves.
    private func serve(_ client: Int32) {
        var timeout = timeval(tv_sec: Self.idleSeconds, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var yes: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        var buffer: [UInt8] = []
        while true {
            let request: HTTPRequest
            switch Self.readRequest(from: client, buffer: &buffer) {
            case .closed: return
            case .failed(let status, let message):
                respond(.text(status, message), to: client, method: "GET", keepAlive: false)
                return
            case .request(let read): request = read
            }
            let response: HTTPResponse
            if request.method != "GET" && request.method != "HEAD" {
                var refused = HTTPResponse.text(405, "only GET and HEAD are served")
                refused.headers.append(("Allow", "GET, HEAD"))
                response = refused
            } else {
                response = handler(request)
            }
            guard respond(response, to: client, method: request.method, keepAlive: request.keepsAlive), request.keepsAlive else { return }
        }
    }

    enum ReadOutcome {
        case request(HTTPRequest)
        case closed
        case failed(Int, String)
    }

    /// Reads one request head from `client` (bytes after it stay in `buffer` for the next request).
    static func readRequest(from client: Int32, buffer: inout [UInt8]) -> ReadOutcome {
        var chunk = [UInt8](repeating: 0, count: 4096)
        var scanned = 0
        while true {
            if let end = headEnd(in: buffer, from: max(0, scanned - 3)) {
                let head = Array(buffer[..<end])
                buffer.removeFirst(end + 4)
                guard let request = parse(head) else { return .failed(400, "malformed request") }
                // GET and HEAD have no body; one announced anyway is refused rather than misread as the next request.
                if let length = request.headers["content-length"], length != "0" { return .failed(413, "a request body is not accepted") }
                if request.headers["transfer-encoding"] != nil { return .failed(413, "a request body is not accepted") }
                return .request(request)
            }
            scanned = buffer.count
            if buffer.count > maximumHeaderBytes { return .failed(431, "request head too large") }
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return .closed }
            buffer += chunk[..<count]
        }
    }

    /// Where `\r\n\r\n` starts in `bytes`, searching from `start`.
    static func headEnd(in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var index = start
        while index + 3 < bytes.count {
            if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13, bytes[index + 3] == 10 { return index }
            index += 1
        }
        return nil
    }

    /// The request line and headers; nil when they are not HTTP.
    static func parse(_ head: [UInt8]) -> HTTPRequest? {
        guard let text = String(validating: head, as: UTF8.self) else { return nil }
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        // A client may send empty lines before a request (RFC 9112 §2.2).
        while lines.first?.isEmpty == true { lines.removeFirst() }
        guard let requestLine = lines.first else { return nil }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty, parts[2].hasPrefix("HTTP/1.") else { return nil }
        // A target is printable ASCII (RFC 9112 §3.2): no control bytes to smuggle into a header such as Location.
        guard parts[1].utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else { return nil }
            let name = line[..<colon].lowercased()
            guard !name.contains(" "), !name.contains("\t") else { return nil }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        return HTTPRequest(method: String(parts[0]), target: String(parts[1]), version: String(parts[2]), headers: headers)
    }

    /// Sends the response (headers only for HEAD); false when the client has gone.
    @discardableResult
    private func respond(_ response: HTTPResponse, to client: Int32, method: String, keepAlive: Bool) -> Bool {
        var head = "HTTP/1.1 \(response.status) \(HTTPResponse.reasons[response.status] ?? "Status")\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "Cache-Control: no-store\r\n"
        switch response.body {
        case .bytes(let body):
            head += "Content-Length: \(body.count)\r\n"
            head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
            var bytes = Array(head.utf8)
            if method != "HEAD" { bytes += body }
            return Self.send(bytes, to: client)
        case .stream(let write):
            head += "Connection: close\r\n\r\n"
            guard Self.send(Array(head.utf8), to: client) else { return false }
            if method != "HEAD" { write(HTTPStream(socket: client)) }
            return false
        }
    }

    /// Writes all of `bytes`; false when the connection is gone. MSG_NOSIGNAL: a closed peer is an error, not SIGPIPE.
    static func send(_ bytes: [UInt8], to socket: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    static func lastError() -> String { String(cString: strerror(errno)) }
}
