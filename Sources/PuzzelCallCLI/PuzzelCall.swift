public enum PuzzelCall {
    public static func main() async {}
}
