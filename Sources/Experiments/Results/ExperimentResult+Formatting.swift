// Inline values for prose: the site reads `{{NAME.PATH | FORMAT}}` and asks the result for the formatted number.

extension ExperimentResult {
    /// The value at `path` printed for prose in `format`, or nil when there is no such path
    /// (then `suggestion(for:)` gives the "did you mean").
    public func formattedValue(at path: String, format: ValueFormat = .significant(3)) -> String? {
        value(at: path).map(format.prose)
    }
}
