// build-docs: arguments → the library → diagnostics → exit status.
// Exit 0 on success or help, 1 when the sources have errors (or `--check` finds differences), 64 for a bad invocation.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let status: Int32
switch arguments.first {
case "markdown": status = MarkdownCommand.run(Array(arguments.dropFirst()))
case "math": status = MathCommand.run(Array(arguments.dropFirst()))
case "experiment": status = ExperimentCommand.run(Array(arguments.dropFirst()))
case "serve": status = ServeCommand.run(Array(arguments.dropFirst()))
case "new": status = NewCommand.run(Array(arguments.dropFirst()))
default: status = BuildCommand.run(arguments)
}
exit(status)
