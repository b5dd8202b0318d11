import Foundation

/// Runs a program that trusts one certificate authority and no other, as if the system's store held only
/// it: in a private mount namespace (`unshare`), the authority's PEM file is mounted over the system's CA
/// bundle. libcurl takes its trusted certificates from that bundle (Debian builds its path in), and no
/// environment variable changes that: OpenSSL's `SSL_CERT_FILE` counts only where no bundle is built in,
/// `CURL_CA_BUNDLE` is read by the curl program rather than by libcurl, and an `OPENSSL_CONF` may not name
/// certificates for every program.
package enum TrustingOnly {
    static let bundle = "/etc/ssl/certs/ca-certificates.crt"

    /// Whether this machine lets a test make such a namespace: as root, or where user namespaces are open
    /// to every user.
    package static let isPossible: Bool =
        FileManager.default.fileExists(atPath: bundle)
        && MeasuredProcess.run("/usr/bin/unshare", ["--map-root-user", "--mount", "/bin/true"], environment: [:])
            .status == 0

    /// The command line that runs `program` with `arguments` trusting only `authority`. Inside, the user is
    /// root of its own namespace, and the files of the user who runs the test are root's.
    package static func command(_ authority: String, running program: String, _ arguments: [String]) -> (
        path: String, arguments: [String]
    ) {
        let script = "/bin/mount --bind \"$0\" \(bundle) && exec \"$@\""
        return (
            "/usr/bin/unshare", ["--map-root-user", "--mount", "/bin/sh", "-c", script, authority, program] + arguments
        )
    }
}
