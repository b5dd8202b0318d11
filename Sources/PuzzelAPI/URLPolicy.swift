import FoundationEssentials

/// Which URLs a secret may travel to: https anywhere, plain http only to this machine (the tests and
/// `puzzel-sandbox` on loopback), where nothing crosses a network.
package enum URLPolicy {
    /// The scheme libcurl may use for `url`; nil when the URL may not be used at all.
    package static func permittedScheme(of url: URL) -> String? {
        switch url.scheme?.lowercased() {
        case "https": "https"
        case "http" where isLoopback(url): "http"
        default: nil
        }
    }

    /// `localhost`, 127.0.0.0/8 or ::1.
    package static func isLoopback(_ url: URL) -> Bool {
        guard var host = url.host?.lowercased() else { return false }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy { octet in octet.count <= 3 && UInt8(octet) != nil && octet.allSatisfy(\.isASCII) }
    }
}
