import Foundation

/// Reads catalogue files (the measure catalogue and its SQL, the standard, the questionnaire
/// maps) either from disk or, for paths under `builtInRoot`, from the texts compiled into the
/// binary — so a binary copied alone to another machine works from any folder.
public enum CatalogueFiles {
    /// The virtual folder of the built-in catalogues; a path under it is never read from disk.
    public static let builtInRoot = "/(built-in)"

    /// The built-in path of a file named relative to `Pipelines/` (`standard.yaml`, `surveys`).
    public static func builtIn(_ relative: String) -> String { builtInRoot + "/" + relative }

    /// True when the path names a built-in catalogue file or folder.
    public static func isBuiltIn(_ path: String) -> Bool { path == builtInRoot || path.hasPrefix(builtInRoot + "/") }

    /// The path relative to the built-in root, or nil for a path on disk.
    static func relative(_ path: String) -> String? {
        guard isBuiltIn(path) else { return nil }
        var rel = String(path.dropFirst(builtInRoot.count))
        while rel.hasPrefix("/") { rel.removeFirst() }
        // A path built by URL arithmetic may hold `.` or `..` components.
        var parts: [Substring] = []
        for c in rel.split(separator: "/") {
            if c == "." { continue }
            if c == ".." { _ = parts.popLast(); continue }
            parts.append(c)
        }
        return parts.joined(separator: "/")
    }

    /// The text of a catalogue file: built-in or from disk; nil when it does not exist or is not UTF-8.
    public static func read(_ path: String) -> String? {
        if let rel = relative(path) { return EmbeddedCatalogues.files[rel] }
        // The error is dropped on purpose: every caller turns nil into its own configuration
        // error naming the file ("cannot read the file", `YAMLFile`, `MeasureCatalogue.load`),
        // which says the same in both languages; the reason (missing, unreadable, not UTF-8) is
        // in the catalogue's documentation.
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// The names of the files directly inside a folder (built-in or on disk), sorted; nil when
    /// the folder does not exist.
    public static func list(_ folder: String) -> [String]? {
        if let rel = relative(folder) {
            let prefix = rel.isEmpty ? "" : rel + "/"
            let names = EmbeddedCatalogues.files.keys.filter { $0.hasPrefix(prefix) }
                .map { String($0.dropFirst(prefix.count)) }.filter { !$0.contains("/") }
            return names.isEmpty ? nil : names.sorted()
        }
        // The error is dropped on purpose: nil means "no such folder" to every caller
        // (`Questionnaire.loadAll`), which the pipeline file's check has already named.
        return (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted()
    }

    /// How a path is shown to people: `built-in standard.yaml` for a built-in file.
    public static func display(_ path: String) -> String {
        if let rel = relative(path) { return "built-in " + (rel.isEmpty ? "catalogues" : rel) }
        return path
    }

    /// A short fingerprint of the built-in catalogues (the first 12 hex digits of an FNV-1a hash
    /// over their paths and texts), printed by `miara --version`.
    public static var builtInFingerprint: String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for key in EmbeddedCatalogues.files.keys.sorted() {
            for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            for b in EmbeddedCatalogues.files[key]!.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        return String(String(h, radix: 16).suffix(12))
    }
}
