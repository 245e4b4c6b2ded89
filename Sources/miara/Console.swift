import Foundation
import MiaraPipeline

/// Every line the commands print goes through the personal-data rule: this module-level `print`
/// shadows the standard library's in the executable, so no command can print a PESEL.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Console.write(FileHandle.standardOutput, items.map { "\($0)" }.joined(separator: separator), terminator: terminator)
}

/// A line on standard error, masked.
func printError(_ text: String) { Console.err(text) }
