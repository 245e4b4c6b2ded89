import Foundation
import MiaraCatalogue
import MiaraValues
import Yams

/// A parsed YAML file whose values are read with errors that name the file, line and key.
struct YAMLFile {
    let path: String
    let root: Node

    init(path: String) throws {
        self.path = CatalogueFiles.display(path)
        guard let text = CatalogueFiles.read(path) else {
            throw MiaraError.configuration(file: self.path, Phrase(pl: "nie można odczytać pliku", en: "cannot read the file"))
        }
        do {
            guard let node = try Yams.compose(yaml: text) else { throw MiaraError.configuration(file: path, Phrase(pl: "plik jest pusty", en: "the file is empty")) }
            root = node
        } catch let e as YamlError {
            throw MiaraError.configuration(file: path, Phrase(pl: "niepoprawny YAML: \(e)", en: "not valid YAML: \(e)"))
        }
    }

    func error(_ node: Node?, _ key: String, _ message: Phrase) -> MiaraError {
        MiaraError.configuration(file: path, line: node?.mark?.line ?? 0, key: key, message)
    }

    /// An error with its message in Polish and English.
    func error(_ node: Node?, _ key: String, pl: String, en: String) -> MiaraError {
        error(node, key, Phrase(pl: pl, en: en))
    }

    /// The pairs of a mapping node, keys as text, in file order.
    func mapping(_ node: Node, _ what: String) throws -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let m) = node else { throw error(node, what, ConfigText.expectedMapping) }
        return m.map { (key: $0.key.string ?? "", keyNode: $0.key, value: $0.value) }
    }

    func sequence(_ node: Node, _ key: String) throws -> [Node] {
        guard case .sequence(let s) = node else { throw error(node, key, ConfigText.expectedList) }
        return Array(s)
    }

    func string(_ node: Node, _ key: String) throws -> String {
        guard case .scalar(let s) = node else { throw error(node, key, ConfigText.expectedText) }
        return s.string
    }

    func int(_ node: Node, _ key: String) throws -> Int {
        // Any failure to read the value is this key's error, thrown here naming the type expected.
        guard let s = try? string(node, key), let v = Int(s) else { throw error(node, key, ConfigText.expectedWholeNumber) }
        return v
    }

    func double(_ node: Node, _ key: String) throws -> Double {
        // Any failure to read the value is this key's error, thrown here naming the type expected.
        guard let s = try? string(node, key), let v = Double(s), v.isFinite else { throw error(node, key, ConfigText.expectedNumber) }
        return v
    }

    func bool(_ node: Node, _ key: String) throws -> Bool {
        // Any failure to read the value falls to `default`, which throws this key's error naming the type expected.
        switch (try? string(node, key))?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(node, key, ConfigText.expectedBool)
        }
    }

    func isNull(_ node: Node) -> Bool {
        if case .scalar(let s) = node { return s.string == "~" || s.string.lowercased() == "null" || (s.string.isEmpty && s.style == .plain) }
        return false
    }

    /// A path value resolved relative to the file's folder.
    func path(_ node: Node, _ key: String) throws -> String {
        // `inbox: null` (or `~`) is YAML's null, not a folder named `null`; a quoted "null" is a name.
        if case .scalar(let s) = node, s.style == .plain, ["~", "null"].contains(s.string.lowercased()) {
            throw error(node, key, ConfigText.nullPath(s.string))
        }
        let p = try string(node, key)
        if p.trimmingCharacters(in: .whitespaces).isEmpty { throw error(node, key, ConfigText.emptyPath) }
        if p.hasPrefix("/") { return p }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        return base.appendingPathComponent(p).standardizedFileURL.path
    }
}
