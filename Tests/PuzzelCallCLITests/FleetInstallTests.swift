import Foundation
import Glibc
import SystemSupport
import TestSupport
import Testing

@testable import Desktop

/// The fleet's path: `install --system` beside the Debian package writes only what the package does not,
/// `--policy-only` writes the browser policy alone, `uninstall` takes back only what install wrote and
/// still holds it, and a packager's `--root` stages the final paths without touching a home.
///
/// The system's folders are throwaway overlays of a private mount namespace; `dpkg` is a stand-in that
/// says which of those files the package owns, so the answer does not depend on what this machine has.
@Suite(.timeLimit(.minutes(5))) struct FleetInstallTests {
    static let canMountPrivately: Bool = {
        guard getuid() == 0, installed("unshare", "mount") else { return false }
        return (try? Subprocess.run("unshare", ["--mount", "true"], environment: ["PATH": "/usr/bin:/bin"]))?
            .succeeded == true
    }()

    static let packageFiles = [
        "/usr/bin/puzzel-call", "/usr/share/applications/puzzel-call.desktop",
        "/usr/share/icons/hicolor/scalable/apps/puzzel-call.svg",
    ]

    /// Runs `script` as root in a namespace whose /etc, /usr/local and /usr/share are private overlays,
    /// with puzzel-call as `$0`, a stand-in dpkg that says the package owns `owned`, and none of
    /// puzzel-call's system files from this machine in sight. Returns standard output.
    func inPrivateSystem(owned: [String], _ script: String) throws -> String {
        let folder = TemporaryDirectory()
        let answers = owned.map { "    \($0)) echo \"puzzel-call: $path\" ;;" }.joined(separator: "\n")
        folder.write(
            """
            #!/bin/sh
            # dpkg -S as the package puzzel-call would answer it.
            [ "$1" = --search ] || exit 2
            shift 2
            status=0
            for path in "$@"; do
                case $path in
            \(answers)
                *) echo "dpkg-query: no path found matching pattern $path" >&2; status=1 ;;
                esac
            done
            exit $status
            """, to: "tools/dpkg", mode: 0o755)
        folder.provide("unshare", "mount")
        var environment = folder.environment
        environment["PATH"] = folder.file("tools") + ":" + environment["PATH"]!
        // The system's own list of defaults, in the private overlay of /etc.
        environment.removeValue(forKey: "XDG_CONFIG_DIRS")
        let preamble = """
            set -e
            layers=\(folder.file("layers"))
            mkdir -p "$layers"
            mount -t tmpfs tmpfs "$layers"
            for tree in /etc /usr/local /usr/share; do
                mkdir -p "$layers$tree/upper" "$layers$tree/work"
                mount -t overlay overlay -o "lowerdir=$tree,upperdir=$layers$tree/upper,workdir=$layers$tree/work" "$tree"
            done
            rm -rf /usr/local/bin/puzzel-call /usr/share/applications/puzzel-call.desktop /etc/xdg/mimeapps.list \
                /usr/share/icons/hicolor/scalable/apps/puzzel-call.svg \
                /etc/chromium/policies/managed/puzzel-call.json /etc/opt/chrome/policies/managed/puzzel-call.json
            policies="/etc/chromium/policies/managed/puzzel-call.json /etc/opt/chrome/policies/managed/puzzel-call.json"

            """
        let output = try Subprocess.run(
            "unshare",
            ["--mount", "--propagation", "private", "sh", "-c", preamble + script, productBinary("puzzel-call")],
            environment: environment, timeout: .seconds(60))
        #expect(output.succeeded, "\(output.standardErrorText)")
        return output.standardOutputText
    }

    @Test(.enabled(if: canMountPrivately, "needs root and unshare to give /etc and /usr private overlays"))
    func besideThePackageInstallSystemWritesOnlyTheDefaultAndThePolicyAndUninstallTakesOnlyThoseBack() throws {
        let output = try inPrivateSystem(
            owned: Self.packageFiles,
            """
            mkdir -p /usr/share/applications /usr/share/icons/hicolor/scalable/apps
            echo 'the package entry' > /usr/share/applications/puzzel-call.desktop
            echo 'the package icon' > /usr/share/icons/hicolor/scalable/apps/puzzel-call.svg
            "$0" install --system --trusted-origin https://crm.example.com
            echo "== installed"
            [ ! -e /usr/local/bin/puzzel-call ] && echo no second program
            cat /usr/share/applications/puzzel-call.desktop /usr/share/icons/hicolor/scalable/apps/puzzel-call.svg
            cat /etc/xdg/mimeapps.list
            ls $policies
            "$0" install --system --json | grep -o '"binary":"[^"]*"'
            "$0" uninstall --system
            echo "== uninstalled"
            cat /usr/share/applications/puzzel-call.desktop /usr/share/icons/hicolor/scalable/apps/puzzel-call.svg
            ls $policies /etc/xdg/mimeapps.list 2>&1 | sed 's/.*cannot access/gone:/'
            """)
        #expect(
            output == """
                The package puzzel-call provides /usr/bin/puzzel-call, its desktop entry and icon: left as the package installed them
                Made Puzzel Call the default for tel: and callto: links in /etc/xdg/mimeapps.list
                Wrote the browser policy /etc/chromium/policies/managed/puzzel-call.json: only https://crm.example.com may open tel: and callto: links unasked
                Wrote the browser policy /etc/opt/chrome/policies/managed/puzzel-call.json: only https://crm.example.com may open tel: and callto: links unasked
                == installed
                no second program
                the package entry
                the package icon
                [Default Applications]
                x-scheme-handler/tel=puzzel-call.desktop
                x-scheme-handler/callto=puzzel-call.desktop
                /etc/chromium/policies/managed/puzzel-call.json
                /etc/opt/chrome/policies/managed/puzzel-call.json
                "binary":"/usr/bin/puzzel-call"
                Removed /etc/xdg/mimeapps.list
                Removed /etc/opt/chrome/policies/managed/puzzel-call.json
                Removed /etc/chromium/policies/managed/puzzel-call.json
                == uninstalled
                the package entry
                the package icon
                gone: '/etc/chromium/policies/managed/puzzel-call.json': No such file or directory
                gone: '/etc/opt/chrome/policies/managed/puzzel-call.json': No such file or directory
                gone: '/etc/xdg/mimeapps.list': No such file or directory

                """)
    }

    @Test(.enabled(if: canMountPrivately, "needs root and unshare to give /etc and /usr private overlays"))
    func policyOnlyWritesTheBrowserPolicyAndNothingElse() throws {
        let output = try inPrivateSystem(
            owned: [],
            """
            "$0" install --system --policy-only --trusted-origin https://crm.example.com
            for file in /usr/local/bin/puzzel-call /usr/share/applications/puzzel-call.desktop /etc/xdg/mimeapps.list; do
                [ ! -e $file ] || echo "wrote $file"
            done
            "$0" uninstall --system
            ls $policies 2>/dev/null || echo policies removed
            """)
        #expect(
            output == """
                Wrote the browser policy /etc/chromium/policies/managed/puzzel-call.json: only https://crm.example.com may open tel: and callto: links unasked
                Wrote the browser policy /etc/opt/chrome/policies/managed/puzzel-call.json: only https://crm.example.com may open tel: and callto: links unasked
                Removed /etc/opt/chrome/policies/managed/puzzel-call.json
                Removed /etc/chromium/policies/managed/puzzel-call.json
                policies removed

                """)
    }

    @Test(.enabled(if: canMountPrivately, "needs root and unshare to give /etc and /usr private overlays"))
    func uninstallSystemLeavesAFileAnAdministratorChangedAndSaysSo() throws {
        let output = try inPrivateSystem(
            owned: [],
            """
            "$0" install --system > /dev/null
            echo "[Desktop Entry] the administrator's own" > /usr/share/applications/puzzel-call.desktop
            "$0" uninstall --system | grep -v 'desktop database\\|icon cache'
            echo "== after"
            cat /usr/share/applications/puzzel-call.desktop
            [ ! -e /usr/local/bin/puzzel-call ] && echo program removed
            """)
        #expect(output.contains("Removed /usr/local/bin/puzzel-call\n"), "\(output)")
        #expect(
            output.contains("Left /usr/share/applications/puzzel-call.desktop: it was changed after install\n"),
            "\(output)")
        #expect(output.hasSuffix("== after\n[Desktop Entry] the administrator's own\nprogram removed\n"), "\(output)")
    }

    @Test func aUserInstallsChangedEntryStaysAtUninstall() throws {
        let folder = TemporaryDirectory()
        var environment = folder.environment
        environment["PATH"] = "/nonexistent"
        let registration = HandlerRegistration(scope: .user, environment: environment)
        _ = try registration.install(binary: "/usr/bin/true")
        try "[Desktop Entry]\nName=Mine\n".write(
            toFile: registration.desktopFilePath, atomically: true, encoding: .utf8)
        let report = try registration.uninstall()
        #expect(report.contains("Left \(registration.desktopFilePath): it was changed after install"), "\(report)")
        #expect(report.contains("Removed \(registration.binaryPath)"), "\(report)")
        #expect(FileManager.default.fileExists(atPath: registration.desktopFilePath))
    }

    @Test func aStagedPrefixNamesTheFinalPathsAndTouchesNoHome() throws {
        let folder = TemporaryDirectory()
        let install = try Subprocess.run(
            productBinary("puzzel-call"), ["install", "--prefix", "/usr", "--root", folder.file("stage")],
            environment: folder.environment, timeout: .seconds(30))
        #expect(install.succeeded, "\(install.standardErrorText)")
        let entry = try String(
            contentsOfFile: folder.file("stage/usr/share/applications/puzzel-call.desktop"), encoding: .utf8)
        #expect(entry.contains("\nExec=/usr/bin/puzzel-call --from-desktop %u\nTryExec=/usr/bin/puzzel-call\n"))
        #expect(FileManager.default.isExecutableFile(atPath: folder.file("stage/usr/bin/puzzel-call")))
        #expect(
            FileManager.default.fileExists(
                atPath: folder.file("stage/usr/share/icons/hicolor/scalable/apps/puzzel-call.svg")))
        // No record, no home, no XDG folder: only the staged tree (beside the tools and runtime folder the
        // test's environment holds).
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
        #expect(written.contains("stage"))
        #expect(written.isDisjoint(with: ["home", "config", "state", "cache", "data"]), "\(written)")
    }

    @Test(arguments: [
        (
            ["install", "--root", "/tmp/stage"],
            "install: --root stages a --prefix tree: give an absolute --prefix, such as /usr"
        ),
        (
            ["install", "--prefix", "usr", "--root", "/tmp/stage"],
            "install: --root stages a --prefix tree: give an absolute --prefix, such as /usr"
        ),
        (
            ["install", "--system", "--policy-only"],
            "install: --policy-only writes the policy of --trusted-origin: give one or more"
        ),
    ])
    func stagingAndPolicyOnlyNeedWhatTheyWorkOn(arguments: [String], message: String) throws {
        let folder = TemporaryDirectory()
        let output = try Subprocess.run(
            productBinary("puzzel-call"), arguments, environment: folder.environment, timeout: .seconds(30))
        #expect(output.termination == .exited(64))
        #expect(output.standardErrorText == "puzzel-call: \(message)\n")
    }

    @Test func dpkgsAnswerIsReadForThePathsAskedOnly() {
        let text = """
            diversion by dash from: /bin/sh
            puzzel-call: /usr/bin/puzzel-call
            puzzel-call, other: /usr/share/applications/puzzel-call.desktop
            libc-bin: /etc/ld.so.conf

            """
        #expect(
            PackageOwnership.read(
                text, asked: ["/usr/bin/puzzel-call", "/usr/share/applications/puzzel-call.desktop", "/bin/sh"])
                == [
                    "/usr/bin/puzzel-call": "puzzel-call",
                    "/usr/share/applications/puzzel-call.desktop": "puzzel-call, other",
                ])
    }
}
