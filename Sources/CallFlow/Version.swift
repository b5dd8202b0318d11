/// The product's name and version, also sent to Puzzel as the client name and version at sign-in.
package enum Product {
    package static let name = "puzzel-call"
    package static let version = "0.2.0"
}
