import MiaraPipeline

/// What `miara --version` prints: the tool's version and the built-in catalogues' versions.
enum VersionText {
    static let text: String = CatalogueVersions.describe()
}
