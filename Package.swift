// swift-tools-version: 6.1
import PackageDescription

// The pipeline reads top to bottom: text becomes facts (KGModel, KGFormats),
// facts answer statements (KGShell), and the executable wires a terminal to it.
// Imports only ever point up this list; see README.md § Architecture.
// The store and the evaluator touch class properties once per row (plan-node counters, the
// budget); in release builds their dynamic exclusivity checks cost about a quarter of a
// group-by's instructions (callgrind, docs/performance.md). Debug builds, which the tests run,
// keep every check.
let hotPath: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "kgsh",
    products: [
        .executable(name: "kgsh", targets: ["kgsh"]),
        .library(name: "KGModel", targets: ["KGModel"]),
        .library(name: "KGFormats", targets: ["KGFormats"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
    ],
    targets: [
        .target(name: "KGModel", swiftSettings: hotPath),
        .target(name: "KGFormats", dependencies: ["KGModel"]),
        .target(name: "KGQuery", dependencies: ["KGModel"], swiftSettings: hotPath),
        // The SPARQL backend of issue #8: the algebra compiled to SPARQL, run on an engine over HTTP.
        // HTTP through libcurl opened on first use (dlopen): linking FoundationNetworking loaded
        // thirty libraries at every start, a third of `kgsh -c 'show 인천시'`.
        .target(name: "CCurl", path: "Sources/CCurl"),
        // A thread started on the other core (kgsh's early load).
        .target(name: "CThreads", path: "Sources/CThreads"),
        .target(name: "KGSparql", dependencies: ["KGModel", "KGQuery", "CCurl"]),
        .target(name: "KGShell", dependencies: ["KGModel", "KGFormats", "KGQuery", "KGSparql"]),
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        .executableTarget(
            name: "kgsh",
            dependencies: [
                "KGShell", "KGModel", "KGFormats", "CReadline", "CThreads",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark of issue #6 (Benchmarks/README.md): release builds only, not a test.
        .executableTarget(name: "kgsh-bench", dependencies: ["KGModel", "KGFormats", "KGQuery"], path: "Benchmarks/KGBench"),
        .testTarget(name: "KGModelTests", dependencies: ["KGModel"]),
        .testTarget(
            name: "KGFormatsTests",
            dependencies: ["KGFormats", "KGModel", .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "KGQueryTests",
            dependencies: ["KGQuery", "KGFormats", "KGModel", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "KGShellTests", dependencies: ["KGShell", "KGQuery", "KGFormats", "KGModel"], exclude: ["Golden"]),
        .testTarget(name: "KGSparqlTests", dependencies: ["KGSparql", "KGShell", "KGQuery", "KGFormats", "KGModel"]),
    ]
)
