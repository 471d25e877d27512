// build-docs: arguments → the library → diagnostics → exit status.
// Exit 0 on success or help, 1 when the sources have errors (or `--check` finds differences), 64 for a bad invocation.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
if let subcommand = BuildCommand.subcommands.first(where: { $0.name == arguments.first }) {
    exit(subcommand.command.main(Array(arguments.dropFirst())))
}
exit(BuildCommand.main(arguments))
