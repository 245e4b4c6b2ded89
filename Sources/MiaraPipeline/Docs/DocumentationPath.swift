import Foundation

/// Where the documentation pages a message or `--help` cites are (decisions.md 120):
/// `scripts/install PREFIX` puts them in `PREFIX/share/doc/miara/`, beside the binary's
/// `PREFIX/bin/`; a binary run from a checkout cites the checkout's `docs/` folder.
public enum DocumentationPath {
    /// The installed documentation folder: `<folder of the binary>/../share/doc/miara`, when it exists.
    public static let installed: String? = {
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        let folder = URL(fileURLWithPath: exe).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/doc/miara").standardizedFileURL.path
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) && isDir.boolValue ? folder : nil
    }()

    /// The path to cite for the page `name` (e.g. `input-files.md`).
    public static func of(_ name: String) -> String { (installed ?? "docs") + "/" + name }
}
