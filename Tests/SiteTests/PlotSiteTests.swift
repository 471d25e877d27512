// `plot` directives through the whole site build: a CSV file in the sources and formulas become figures whose values
// prose quotes; the CSV's bytes are part of the cache key (an edit reruns the plot, an untouched file is reused).
import Foundation
import Testing
@testable import Site

@Suite struct PlotSiteTests {
    static let page = """
        # Schedules

        ```experiment plot
        name: runs
        caption: Loss per epoch.
        data: data/runs.csv
        x: epoch
        y: loss
        group: schedule
        log: y
        expect: group[cosine].column[loss].min < group[step].column[loss].min
        ```

        The cosine schedule ends at {{runs.group[cosine].column[loss].last | 2}} ([](#fig-runs)).

        ```experiment plot
        name: slopes
        caption: The sigmoid and its slope.
        function: σ(x) = 1/(1+exp(-x))
        derivative: σ
        x: -6..6
        at: 0
        expect: σ'(0) ≈ 0.25 ± 1e-9
        ```

        Its slope at zero is {{slopes.σ'(0) | 3}}, its largest is {{slopes.σ'.max | 2}}.

        """
    static let runs = "epoch,schedule,loss\n1,step,2.0\n2,step,1.2\n3,step,0.9\n1,cosine,1.9\n2,cosine,0.8\n3,cosine,0.4\n"

    @Test func buildsFiguresAndQuotesTheirValues() throws {
        let site = try TestSite(["index.md": Self.page, "data/runs.csv": Self.runs])
        defer { site.remove() }
        let report = site.build()
        #expect(report.succeeded, "\(site.printed(report))")
        #expect(report.diagnostics.isEmpty, "\(site.printed(report))")
        let html = try String(contentsOf: site.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("The cosine schedule ends at 0.4 ("))
        #expect(html.contains("Its slope at zero is 0.25, its largest is 0.25."))
        #expect(html.contains("id=\"fig-runs\"") && html.contains("id=\"fig-slopes\""))
        #expect(html.contains(">σ'(x)<") && html.contains(">cosine<"))

        // Unchanged: both reused. The CSV edited: the data plot runs again, the formula plot is reused.
        let again = site.build()
        #expect(again.experimentsRun == 0 && again.experimentsReused == 2)
        try site.write("data/runs.csv", Data(Self.runs.replacingOccurrences(of: "0.4", with: "0.3").utf8))
        let edited = site.build()
        #expect(edited.succeeded && edited.experimentsRun == 1 && edited.experimentsReused == 1)
        let changed = try String(contentsOf: site.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(changed.contains("The cosine schedule ends at 0.3 ("))
    }
}
