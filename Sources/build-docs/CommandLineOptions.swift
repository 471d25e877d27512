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

/// What every subcommand does with its arguments before its own work: `--help` prints the usage (status 0),
/// a bad invocation prints the problem and the usage on standard error (status 64, EX_USAGE).
extension CommandLineOptions {
    /// The exit status of a command that stops before doing its work.
    struct Exit: Error {
        let status: Int32
    }

    /// The parsed options, or `Exit` once help or a usage error has been printed.
    /// `maximumPositionals` bounds the positional arguments; `tooMany` says what was expected.
    static func read(_ arguments: [String], for declaration: Declaration,
                     maximumPositionals: Int, tooMany: String) -> Result<CommandLineOptions, Exit> {
        let options: CommandLineOptions
        do {
            options = try CommandLineOptions(arguments, declaration: declaration)
        } catch {
            return .failure(usageError(error.description, for: declaration))
        }
        if options.has("--help") {
            print(declaration.usage, terminator: "")
            return .failure(Exit(status: 0))
        }
        guard options.positionals.count <= maximumPositionals else {
            return .failure(usageError(tooMany, for: declaration))
        }
        return .success(options)
    }

    /// Prints `COMMAND: message` and the usage on standard error; status 64.
    static func usageError(_ message: String, for declaration: Declaration) -> Exit {
        FileHandle.standardError.write(Data("\(declaration.command): \(message)\n\n\(declaration.usage)".utf8))
        return Exit(status: 64)
    }
}
