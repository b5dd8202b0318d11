/// The product's name and version, also sent to Puzzel as the client name and version at sign-in.
public enum Product {
    public static let name = "puzzel-call"
    public static let version = "0.2.0"
}
