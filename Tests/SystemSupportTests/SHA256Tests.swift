import Testing

@testable import SystemSupport

@Suite(.timeLimit(.minutes(5))) struct SHA256Tests {
    /// The examples of FIPS 180-4 (one block, the empty message, two blocks) and a message whose padding
    /// needs a block of its own.
    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
    ])
    func digestsTheStandardsExamples(message: String, digest: String) {
        #expect(SHA256.hex(Array(message.utf8)) == digest)
    }
}
