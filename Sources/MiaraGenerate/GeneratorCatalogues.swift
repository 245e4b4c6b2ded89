import MiaraValues

/// The catalogues a synthetic inbox is written for: the standard (audits name its criteria; the
/// facilities' floor areas follow its norms) and the questionnaire maps (one survey export per map,
/// in the order of `Questionnaire.Group`). They are data authored in `Pipelines/standard.yaml` and
/// `Pipelines/surveys/*.yaml`, read by the loaders the pipeline uses (`Standard.load`,
/// `Questionnaire.load`); the generator holds no copy of them.
public struct GeneratorCatalogues: Sendable {
    public var standard: Standard
    /// One map per group, ordered users, residents, professionals, cooperation.
    public var questionnaires: [Questionnaire]

    public init(standard: Standard, questionnaires: [Questionnaire]) {
        self.standard = standard
        self.questionnaires = questionnaires
    }

    /// m² per place of a facility type: the standard's norm, 4 for a type it gives none.
    func floorAreaPerPlace(_ type: String) -> Double { standard.floorAreaPerPlace[type] ?? 4 }
}
