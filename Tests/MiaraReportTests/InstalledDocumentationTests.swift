import Foundation
import MiaraTestSupport
import XCTest

/// What `scripts/install` puts beside the binary is what the binary cites (decisions.md 120), and the
/// manual page, in English and in Polish, covers every command.
final class InstalledDocumentationTests: XCTestCase {
    func testAnInstalledBinaryCitesTheInstalledDocumentationFolder() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("miara-prefix-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: prefix) }
        let bin = prefix.appendingPathComponent("bin"), doc = prefix.appendingPathComponent("share/doc/miara")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: doc, withIntermediateDirectories: true)
        // As scripts/install lays it out: PREFIX/bin/miara and PREFIX/share/doc/miara/*.md.
        try FileManager.default.copyItem(at: try MiaraBinary.url(), to: bin.appendingPathComponent("miara"))
        let help = try Subprocess.run(bin.appendingPathComponent("miara"), ["--help"])
        XCTAssertEqual(help.status, 0, help.err)
        XCTAssertTrue(help.out.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "  ", with: "")
            .contains(doc.standardizedFileURL.path), help.out)
        let runHelp = try Subprocess.run(bin.appendingPathComponent("miara"), ["run", "--help"])
        XCTAssertTrue(runHelp.out.filter { !$0.isWhitespace }.contains((doc.standardizedFileURL.path + "/running-nightly.md").filter { !$0.isWhitespace }),
                      runHelp.out)
        // From a checkout (no share/doc beside .build/debug) the project's docs/ folder is cited.
        let local = try MiaraBinary.run(["run", "--help"])
        XCTAssertTrue(local.out.contains("docs/running-nightly.md"), local.out)
    }

    /// Every page the sources cite exists in docs/, which scripts/install copies whole.
    func testEveryCitedPageIsInTheDocsFolderAndScriptsInstallCopiesIt() throws {
        let root = Repository.root
        var cited = Set<String>()
        let sources = FileManager.default.enumerator(at: root.appendingPathComponent("Sources"), includingPropertiesForKeys: nil)!
        for case let url as URL in sources where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            var rest = text[...]
            while let r = rest.range(of: "DocumentationPath.of(\"") {
                let tail = rest[r.upperBound...]
                guard let end = tail.firstIndex(of: "\"") else { break }
                cited.insert(String(tail[..<end]))
                rest = tail[end...]
            }
        }
        XCTAssertTrue(cited.isSuperset(of: ["input-files.md", "checks.md", "running-nightly.md"]), "\(cited)")
        for name in cited {
            XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("docs/\(name)").path), name)
        }
        let install = try String(contentsOf: root.appendingPathComponent("scripts/install"), encoding: .utf8)
        XCTAssertTrue(install.contains("docs/*.md \"$prefix/share/doc/miara/\""), "scripts/install does not install the pages")
        XCTAssertTrue(install.contains("docs/man/pl/miara.1"), "scripts/install does not install the Polish manual page")
    }

    func testTheManualPageInBothLanguagesCoversEveryCommandAndTheKey() throws {
        let help = try MiaraBinary.run(["--help"]).out
        guard let start = help.range(of: "SUBCOMMANDS:") else { return XCTFail(help) }
        let commands = help[start.upperBound...].split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), !line.hasPrefix("  See ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
        XCTAssertTrue(commands.contains("template") && commands.contains("plan"), "\(commands)")
        for page in ["docs/man/miara.1", "docs/man/pl/miara.1"] {
            let text = try String(contentsOf: Repository.root.appendingPathComponent(page), encoding: .utf8)
            for c in commands {
                XCTAssertTrue(text.contains(".B \(c)\n") || text.contains(".B \(c) ") || text.contains(".B \(c)\\f") || text.contains("\\fB\(c)\n"), "\(page) does not describe `\(c)`")
            }
            XCTAssertTrue(text.contains("openssl rand -hex 32"), page)
            XCTAssertTrue(text.contains("chmod 600"), page)
        }
    }
}
