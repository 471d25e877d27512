import Diagnostics
import Foundation

/// A small argument parser shared by every subcommand: options are declared once, with their help,
/// and usage text is generated from the declaration.
struct CommandLineOptions {
    struct Option {
        let name: String          // "--jobs"
        let valueName: String?    // "N" when the option takes a value
        let help: String
    }

    /// What a command accepts: its options, and how its positional arguments read in the usage line.
    struct Declaration {
        let command: String       // "build-docs markdown"
        let positionals: String   // "[FILE]"
        let summary: String
        let options: [Option]

        var usage: String {
            var text = "usage: \(command)" + (options.isEmpty ? "" : " [options]") + (positionals.isEmpty ? "" : " \(positionals)")
            text += "\n\n" + summary + "\n"
            if !options.isEmpty {
                text += "\noptions:\n"
                let labels = options.map { $0.name + ($0.valueName.map { " " + $0 } ?? "") }
                let width = (labels.map(\.count).max() ?? 0) + 2
                for (label, option) in zip(labels, options) {
                    text += "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + option.help + "\n"
                }
            }
            return text
        }
    }

    /// Why the arguments could not be read; printed with the usage, exit status 64 (EX_USAGE).
    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    var flags: Set<String> = []
    var values: [String: String] = [:]
    var positionals: [String] = []

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    init(_ arguments: [String], declaration: Declaration) throws(UsageError) {
        let known = Dictionary(declaration.options.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("--") {
                positionals.append(argument)
                continue
            }
            if argument == "--" { onlyPositionals = true; continue }
            var name = argument
            var inlineValue: String?
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            guard let option = known[name] else {
                var message = "unknown option '\(name)'"
                let names = declaration.options.map(\.name)
                if let near = Suggestion.closest(to: name, among: names) { message += " (did you mean '\(near)'?)" }
                throw UsageError(description: message)
            }
            if option.valueName != nil {
                if let inlineValue {
                    values[name] = inlineValue
                } else if index < arguments.count {
                    values[name] = arguments[index]
                    index += 1
                } else {
                    throw UsageError(description: "option '\(name)' needs a value (\(name) \(option.valueName!))")
                }
            } else {
                if inlineValue != nil { throw UsageError(description: "option '\(name)' takes no value") }
                flags.insert(name)
            }
        }
    }
}

extension CommandLineOptions.UsageError {
    init(_ description: String) { self.description = description }
}

extension CommandLineOptions.Option {
    /// Options of both the build and `serve`.
    static let source = Self(name: "--source", valueName: "DIR", help: "the Markdown sources (default: docs-src)")
    static let jobs = Self(name: "--jobs", valueName: "N", help: "experiments run in parallel (default: the number of cores)")
}

extension CommandLineOptions {
    /// How many experiments may run in parallel (`--jobs`), nil when not given.
    func jobs() throws(UsageError) -> Int? { try integer("--jobs", in: 1...1024, "a whole number from 1 to 1024") }

    /// Stops with `tooMany` when more than `maximum` positional arguments were given.
    func positionals(atMost maximum: Int, tooMany: String) throws(UsageError) {
        if positionals.count > maximum { throw UsageError(tooMany) }
    }

    /// The whole number given to option `name`, nil when it is not given; a value outside `range` stops with
    /// `NAME needs DESCRIPTION, not 'VALUE'`.
    func integer(_ name: String, in range: ClosedRange<Int>, _ description: String) throws(UsageError) -> Int? {
        guard let text = values[name] else { return nil }
        guard let number = Int(text), range.contains(number) else { throw UsageError("\(name) needs \(description), not '\(text)'") }
        return number
    }
}

/// A command of build-docs: what it accepts, and its work on what was given. `main` is the same for every command:
/// `--help` prints the usage (status 0); a bad invocation, found while reading the arguments or thrown by `run`,
/// prints the problem (`report`) with status 64 (EX_USAGE).
protocol Command {
    static var declaration: CommandLineOptions.Declaration { get }
    static func run(_ options: CommandLineOptions) throws(CommandLineOptions.UsageError) -> Int32
    /// Prints a bad invocation's problem on standard error; by default `COMMAND: message` and the usage.
    static func report(_ error: CommandLineOptions.UsageError)
}

extension Command {
    static func main(_ arguments: [String]) -> Int32 {
        do throws(CommandLineOptions.UsageError) {
            let options = try CommandLineOptions(arguments, declaration: declaration)
            if options.has("--help") {
                print(declaration.usage, terminator: "")
                return 0
            }
            return try run(options)
        } catch {
            report(error)
            return 64
        }
    }

    static func report(_ error: CommandLineOptions.UsageError) {
        FileHandle.standardError.write(Data("\(declaration.command): \(error.description)\n\n\(declaration.usage)".utf8))
    }
}
