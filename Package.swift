// swift-tools-version:6.0
import PackageDescription
import Foundation

let package = Package(
    name: "miara",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "miara", targets: ["miara"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // C libraries from Debian (libsqlite3-dev, libxlsxwriter-dev).
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        // zlib (zlib1g-dev): the store's archive of ingested files (`FileArchive`).
        .systemLibrary(name: "CDeflate", providers: [.apt(["zlib1g-dev"])]),

        // Layers, each depending only downwards:
        // Values/Checks → XLSX → Store → Ingest → Measures → Report → Pipeline → miara.
        // Each module imports only what it declares here (.ci/check-imports); the executable
        // declares MiaraPipeline alone (and ArgumentParser).
        .target(name: "MiaraValues", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // The built-in catalogues (generated from Pipelines/ by scripts/embed-catalogues).
        .target(name: "MiaraCatalogue"),
        .target(name: "MiaraXLSX", dependencies: ["MiaraValues", "CXLSXWriter", "ZIPFoundation"]),
        .target(name: "MiaraStore", dependencies: ["CSQLite", "MiaraValues", "CDeflate"]),
        .target(name: "MiaraIngest", dependencies: ["MiaraValues", "MiaraStore", "MiaraXLSX"]),
        .target(name: "MiaraMeasures", dependencies: ["MiaraValues", "MiaraCatalogue", "MiaraStore", .product(name: "Yams", package: "Yams")]),
        .target(name: "MiaraReport", dependencies: ["MiaraValues", "MiaraStore", "MiaraXLSX", "MiaraMeasures"]),
        .target(name: "MiaraGenerate", dependencies: ["MiaraValues", "MiaraXLSX"]),
        .target(name: "MiaraPipeline", dependencies: [
            "MiaraValues", "MiaraCatalogue", "MiaraStore", "MiaraXLSX", "MiaraIngest", "MiaraMeasures", "MiaraReport", "MiaraGenerate",
            .product(name: "Yams", package: "Yams"), .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "miara", dependencies: [
            "MiaraPipeline", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .target(name: "MiaraTestSupport", dependencies: ["MiaraValues", "MiaraStore"], path: "Tests/MiaraTestSupport"),
        .testTarget(name: "MiaraValuesTests", dependencies: ["MiaraValues", "MiaraTestSupport"]),
        .testTarget(name: "MiaraCatalogueTests", dependencies: ["MiaraCatalogue"]),
        .testTarget(name: "MiaraXLSXTests", dependencies: ["MiaraXLSX", "MiaraValues"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MiaraGenerateTests", dependencies: ["MiaraGenerate", "MiaraPipeline", "MiaraValues", "MiaraTestSupport"]),
        .testTarget(name: "MiaraMeasuresTests", dependencies: ["MiaraMeasures", "MiaraStore", "MiaraValues", "MiaraTestSupport"]),
        .testTarget(name: "MiaraReportTests", dependencies: ["MiaraReport", "MiaraPipeline", "MiaraIngest", "MiaraMeasures", "MiaraStore",
                                                         "MiaraValues", "MiaraXLSX", "MiaraTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "MiaraIngestTests", dependencies: ["MiaraIngest", "MiaraPipeline", "MiaraMeasures", "MiaraStore", "MiaraValues",
                                                         "MiaraXLSX", "MiaraTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "MiaraStoreTests", dependencies: ["MiaraStore", "MiaraValues", "MiaraTestSupport"]),
        .testTarget(name: "MiaraPipelineTests", dependencies: ["MiaraPipeline", "MiaraMeasures", "MiaraStore", "MiaraValues", "MiaraTestSupport"]),
    ],
    // Swift 6 language mode: complete data-race checking in every target.
    swiftLanguageModes: [.v6]
)

// Development aid: MIARA_ONLY_TESTS=MiaraIngestTests,… builds only those test targets.
if let only = ProcessInfo.processInfo.environment["MIARA_ONLY_TESTS"] {
    let keep = Set(only.split(separator: ",").map(String.init))
    package.targets.removeAll { $0.type == .test && !keep.contains($0.name) }
}
