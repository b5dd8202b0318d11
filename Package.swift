// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "puzzel-call",
    products: [
        .executable(name: "puzzel-call", targets: ["puzzel-call"]),
        .executable(name: "puzzel-sandbox", targets: ["puzzel-sandbox"]),
    ],
    targets: [
        // Reading tel:/callto: links and normalising numbers with libphonenumber's metadata. Pure, no I/O.
        .target(name: "PhoneNumbers"),
        // The agent's language, what puzzel-call tells them in it (a click's outcome, Puzzel's refusals), and the
        // locale's way of writing dates, without ICU.
        .target(name: "Localization", dependencies: ["PhoneNumbers"], exclude: ["GLOSSARY.md"]),
        // The system below the desktop: private files, locks, subprocesses, XDG paths, and what
        // FoundationEssentials leaves out (path and text helpers, whole-file reads, a thread for blocking work).
        .target(name: "SystemSupport"),
        // libcurl's easy API, loaded with dlopen: the HTTP client's only way out.
        .systemLibrary(name: "CCurl"),
        // The HTTP client for Puzzel's authentication and ContactCentre5 APIs, and their models.
        .target(name: "PuzzelAPI", dependencies: ["CCurl", "Localization", "SystemSupport"]),
        // The desktop: notifications, the Secret Service, the scheme-handler registration, browsers' policies.
        .target(name: "Desktop", dependencies: ["SystemSupport"]),
        // The browser's part of the sign-in with Puzzel ID (RFC 8252): PKCE, the authorization request, and the
        // one-shot listener on loopback that takes the browser's answer.
        .target(name: "BrowserSignIn", dependencies: ["Localization", "SystemSupport"]),
        // Configuration, the session cache, history and the flow of one click.
        .target(
            name: "CallFlow",
            dependencies: ["PhoneNumbers", "PuzzelAPI", "Desktop", "Localization", "SystemSupport", "BrowserSignIn"]),
        // Argument parsing, output and exit codes of every command.
        .target(
            name: "PuzzelCallCLI",
            dependencies: ["CallFlow", "PhoneNumbers", "PuzzelAPI", "Desktop", "Localization", "SystemSupport"]),
        .executableTarget(name: "puzzel-call", dependencies: ["PuzzelCallCLI"]),
        // A fake Puzzel server on loopback, for the tests and for integrators (puzzel-sandbox).
        .target(name: "FakePuzzel"),
        .executableTarget(name: "puzzel-sandbox", dependencies: ["FakePuzzel"]),

        .target(name: "TestSupport", dependencies: ["Desktop"], path: "Tests/TestSupport"),
        .testTarget(name: "PhoneNumbersTests", dependencies: ["PhoneNumbers"], exclude: ["Fixtures"]),
        .testTarget(name: "PuzzelAPITests", dependencies: ["PuzzelAPI", "FakePuzzel"]),
        .testTarget(name: "SystemSupportTests", dependencies: ["SystemSupport", "TestSupport"]),
        .testTarget(name: "DesktopTests", dependencies: ["Desktop", "Localization", "TestSupport"]),
        .testTarget(name: "LocalizationTests", dependencies: ["Localization", "PhoneNumbers"]),
        .testTarget(name: "CallFlowTests", dependencies: ["CallFlow", "FakePuzzel", "SystemSupport", "TestSupport"]),
        .testTarget(name: "BrowserSignInTests", dependencies: ["BrowserSignIn", "Localization", "SystemSupport"]),
        .testTarget(
            name: "PuzzelCallCLITests", dependencies: ["PuzzelCallCLI", "FakePuzzel", "Desktop", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
