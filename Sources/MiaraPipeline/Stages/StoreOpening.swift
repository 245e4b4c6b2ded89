import Foundation
import MiaraStore
import MiaraValues

extension PrivateFiles {
    /// Opens the store after making the process's new files private; an existing store (or its
    /// WAL) readable by group or others is tightened to 0600 with a warning.
    public static func openStore(_ path: String, warn: (String) -> Void = { Console.err("warning: " + $0) }) throws -> Store {
        restrict()
        for p in [path, path + "-wal", path + "-shm"] {
            if let old = tighten(p) {
                warn("\(p) was readable by others (mode \(String(old, radix: 8))); tightened to 600")
            }
        }
        return try Store(path: path)
    }
}
