// The browser side of the preview: every served page gets a small script that listens to a Server-Sent Events
// endpoint and reloads when a build newer than the page's own finishes (keeping the scroll position). Only pages
// served by the preview get it; the built site has no JavaScript.
import Foundation

/// The builds so far, and the event streams waiting for the next one.
final class LiveReload: @unchecked Sendable {
    /// Where the events are served; under a hidden name, so no file of the site can shadow it.
    static let eventsPath = "/.build-docs/events"
    /// A heartbeat keeps idle streams from being dropped by the browser and finds clients that left.
    static let heartbeatSeconds = 10.0

    private let condition = NSCondition()
    /// Names the current build; the page carries the one it was built by. Unique per server run, so a page from an
    /// earlier run of the server reloads too.
    private var generation = 0
    private let run = String(UInt64(Date().timeIntervalSince1970 * 1000), radix: 36)
    private var closed = false

    /// The current build's name.
    var current: String {
        condition.lock()
        defer { condition.unlock() }
        return "\(run)-\(generation)"
    }

    /// A build has finished: every open page is told.
    func announce() {
        condition.lock()
        generation += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Ends every stream (the server is stopping).
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The event stream: the current build at once, then each new one, until the client leaves or the server stops.
    var response: HTTPResponse {
        HTTPResponse(status: 200, headers: [("Content-Type", "text/event-stream; charset=utf-8")]) { [self] stream in
            guard stream.write("retry: 300\n\n") else { return }
            var sent = -1
            while true {
                condition.lock()
                while !closed && generation == sent {
                    if !condition.wait(until: Date(timeIntervalSinceNow: Self.heartbeatSeconds)) { break }
                }
                let (now, stop) = (generation, closed)
                condition.unlock()
                if stop { return }
                let message = now == sent ? ": heartbeat\n\n" : "event: build\ndata: \(run)-\(now)\n\n"
                sent = now
                guard stream.write(message) else { return }
            }
        }
    }

    /// The script added to a served page built by `build`: reloads on a newer build, and restores the scroll
    /// position after the reload. The preview's own pages (`sitePage` false: the error page, "building", 404)
    /// neither save nor restore it, so fixing an error returns the reader to where they were in the page.
    static func script(build: String, sitePage: Bool) -> String {
        """
        <script>/* build-docs serve: live reload (only in the preview) */
        (function () {
          var key = "build-docs-scroll:" + location.pathname, sitePage = \(sitePage);
          // The browser would restore the reloaded page's own last position (the error page's top).
          history.scrollRestoration = "manual";
          var y = sessionStorage.getItem(key);
          if (sitePage && y !== null) {
            sessionStorage.removeItem(key);
            var restore = function () { window.scrollTo(0, Number(y)); };
            restore();
            window.addEventListener("load", restore);
          }
          var events = new EventSource("\(eventsPath)");
          events.addEventListener("build", function (event) {
            if (event.data === "\(build)") return;
            events.close();
            if (sitePage) sessionStorage.setItem(key, String(window.scrollY));
            location.reload();
          });
        })();
        </script>

        """
    }

    /// `html` with the script before `</body>` (or at the end when there is none).
    static func inject(into html: [UInt8], build: String, sitePage: Bool = true) -> [UInt8] {
        let script = Array(script(build: build, sitePage: sitePage).utf8)
        let closing = Array("</body>".utf8)
        var index = html.count - closing.count
        while index >= 0 {
            if html[index] == UInt8(ascii: "<"), Array(html[index..<index + closing.count]) == closing {
                return Array(html[..<index]) + script + Array(html[index...])
            }
            index -= 1
        }
        return html + script
    }
}
