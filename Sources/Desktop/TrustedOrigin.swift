/// A web origin, `scheme://host[:port]` with http or https, whose pages a fleet lets open `tel:` and
/// `callto:` links without the browser asking first: the CRM's.
///
/// Read strictly: a page that may open the links without a prompt may also call without a click, so a
/// wildcard, a path, a user name or anything but a plain host is refused with what to write instead.
package struct TrustedOrigin: Sendable, Equatable, CustomStringConvertible {
    package let scheme: String
    /// Lowercase: a DNS name, a dotted IPv4 address or a bracketed IPv6 address.
    package let host: String
    /// Nil for the scheme's default port.
    package let port: Int?

    package struct Invalid: Error, Equatable, CustomStringConvertible {
        package let description: String
    }

    package var description: String { scheme + "://" + host + (port.map { ":\($0)" } ?? "") }

    /// The origin as Chromium's URL patterns write it: a leading `.` on a name keeps its subdomains out.
    var chromiumPattern: String {
        let isName = !host.hasPrefix("[") && !host.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
        return scheme + "://" + (isName ? "." : "") + host + (port.map { ":\($0)" } ?? "")
    }

    package init(parsing text: String) throws(Invalid) {
        // Shown in messages as it was typed, but unable to drive the terminal.
        let shown = text.escapedForDisplay
        let example = "write your CRM's origin, such as https://crm.example.com"
        guard !text.contains("*") else {
            throw Invalid(description: "\(shown) trusts every site, so any page could call without a click: \(example)")
        }
        let separator = text.firstRange(of: "://")
        let scheme = separator.map { text[..<$0.lowerBound].lowercased() }
        guard let separator, let scheme, scheme == "http" || scheme == "https" else {
            throw Invalid(description: "\(shown) is not an http or https origin: \(example)")
        }
        let rest = text[separator.upperBound...]
        if let extra = rest.firstIndex(where: { "/?#@\\".contains($0) }) {
            guard rest[extra] != "@" else {
                throw Invalid(description: "\(shown) holds a user name; an origin has none: \(example)")
            }
            let origin = (try? TrustedOrigin(parsing: String(text[..<extra])))?.description
            throw Invalid(
                description: "\(shown) has a path or query; an origin has none: "
                    + (origin.map { "write \($0)" } ?? example))
        }
        let (host, portText) = try Self.split(hostAndPort: rest, in: shown)
        var port: Int?
        if let portText { port = try Self.port(portText, in: shown) }
        guard Self.isValidHost(host) else {
            throw Invalid(
                description: "\(shown) has no valid host name (an international name is written in its xn-- form)")
        }
        self.scheme = scheme
        self.host = host
        self.port = port == (scheme == "https" ? 443 : 80) ? nil : port
    }

    private static func split(hostAndPort: Substring, in shown: String) throws(Invalid) -> (String, Substring?) {
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else {
                throw Invalid(description: "\(shown) opens an IPv6 address with [ but does not close it")
            }
            let after = hostAndPort[hostAndPort.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else {
                throw Invalid(description: "\(shown) has something after its IPv6 address that is not a port")
            }
            return (hostAndPort[...close].lowercased(), after.isEmpty ? nil : after.dropFirst())
        }
        guard let colon = hostAndPort.firstIndex(of: ":") else { return (hostAndPort.lowercased(), nil) }
        return (hostAndPort[..<colon].lowercased(), hostAndPort[hostAndPort.index(after: colon)...])
    }

    private static func port(_ text: Substring, in origin: String) throws(Invalid) -> Int {
        guard !text.isEmpty, text.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(text),
            (1...65535).contains(port)
        else {
            throw Invalid(description: "\(origin) has no valid port (1 to 65535)")
        }
        return port
    }

    /// A DNS name of letters, digits and inner hyphens (an IPv4 address is one too), or an IPv6 literal.
    private static func isValidHost(_ host: String) -> Bool {
        if host.hasPrefix("[") {
            let inner = host.dropFirst().dropLast()
            return inner.contains(":") && inner.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return host.utf8.count <= 253
            && labels.allSatisfy { label in
                (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
    }
}
