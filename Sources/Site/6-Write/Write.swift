// Stage 6, write: when the build found no errors, swap the new site into the output folder (or, with --check,
// build into memory and list the files that differ from the output folder).
enum Write {
    static func run(_ site: inout SiteBuild) {
        guard !site.stopped, !site.hasErrors else { return }
        if site.options.checkOnly {
            site.differences = site.output.differences(from: site.files)
            return
        }
        do {
            if let warning = try site.output.replace(with: site.files) { site.report(warning) }
        } catch {
            site.report(error)
        }
    }
}
