import MiaraCatalogue
import MiaraGenerate
import MiaraValues

extension GeneratorCatalogues {
    /// The standard and the questionnaire maps of `Pipelines/` as compiled into the binary, read
    /// by the pipeline's own loaders: what `miara generate` writes an inbox for, from any folder.
    public static func builtIn() throws -> GeneratorCatalogues {
        try load(standard: CatalogueFiles.builtIn("standard.yaml"), surveys: CatalogueFiles.builtIn("surveys"))
    }

    /// A standard file and every `*.yaml` map of a folder (built-in or on disk); the maps ordered
    /// by group (users, residents, professionals, cooperation), then name.
    public static func load(standard: String, surveys folder: String) throws -> GeneratorCatalogues {
        let names = (CatalogueFiles.list(folder) ?? []).filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
        let maps = try names.map { try Questionnaire.load(path: folder + "/" + $0) }
        let rank = { (q: Questionnaire) in Questionnaire.Group.allCases.firstIndex(of: q.group)! }
        let ordered = maps.sorted { rank($0) != rank($1) ? rank($0) < rank($1) : $0.name.bytewisePrecedes($1.name) }
        return GeneratorCatalogues(standard: try Standard.load(path: standard), questionnaires: ordered)
    }
}
