import Foundation
import MiaraCatalogue
import MiaraMeasures
import MiaraReport
import MiaraValues

/// The versions `miara --version` prints: the tool, and the catalogues compiled into it.
public enum CatalogueVersions {
    public static func describe() -> String {
        var lines = ["miara \(MiaraVersion.current)"]
        let measures = (try? MeasureCatalogue.builtIn().definitions.count) ?? 0
        lines.append("built-in catalogues \(CatalogueFiles.builtInFingerprint):")
        lines.append("  measures.yaml: \(measures) measures")
        if let s = try? Standard.load(path: CatalogueFiles.builtIn("standard.yaml")) {
            lines.append("  standard.yaml: version \(s.version ?? "?"), \(s.criteria.count) criteria")
        }
        let surveys = (CatalogueFiles.list(CatalogueFiles.builtIn("surveys")) ?? []).map { ($0 as NSString).deletingPathExtension }
        lines.append("  surveys: \(surveys.joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }
}
