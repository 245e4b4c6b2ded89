import ArgumentParser
import MiaraPipeline

// Values ArgumentParser parses and lists in `--help` itself (`pl`, `en`; `facility`, …): no
// command parses them by hand.
extension Language: ExpressibleByArgument {}
extension Grain: ExpressibleByArgument {}
