import Foundation
import TestSupport
import Testing

@testable import Desktop

@Suite struct PrivateFileTests {
    @Test func writesAPrivateFileInAPrivateDirectory() throws {
        let temporary = TemporaryDirectory()
        let path = temporary.file("cache/puzzel-call/session")
        try PrivateFile.write(Data("first".utf8), to: path)
        try PrivateFile.write(Data("second".utf8), to: path)
        #expect(PrivateFile.readOwned(path) == Data("second".utf8))
        #expect(permissions(path) == 0o600)
        #expect(permissions(temporary.file("cache/puzzel-call")) == 0o700)
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.file("cache/puzzel-call")) == ["session"])
    }

    @Test func anExistingOpenDirectoryIsMadePrivate() throws {
        let temporary = TemporaryDirectory()
        let directory = temporary.file("state")
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        try PrivateFile.ensureDirectory(directory)
        #expect(permissions(directory) == 0o700)
    }

    @Test func aFileWhereTheDirectoryShouldBeIsAnError() throws {
        let temporary = TemporaryDirectory()
        temporary.write("", to: "blocker")
        #expect(throws: PrivateFile.Failure.self) {
            try PrivateFile.write(Data(), to: temporary.file("blocker/session"))
        }
    }

    @Test func readOwnedIgnoresMissingFilesAndSymlinks() throws {
        let temporary = TemporaryDirectory()
        #expect(PrivateFile.readOwned(temporary.file("missing")) == nil)
        try PrivateFile.write(Data("x".utf8), to: temporary.file("real"))
        try FileManager.default.createSymbolicLink(
            atPath: temporary.file("link"), withDestinationPath: temporary.file("real"))
        #expect(PrivateFile.readOwned(temporary.file("link")) == nil)
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to plant a file owned by someone else"))
    func readOwnedRejectsAForeignFile() throws {
        let temporary = TemporaryDirectory()
        try PrivateFile.write(Data("planted".utf8), to: temporary.file("session"))
        #expect(chown(temporary.file("session"), 65534, 65534) == 0)
        #expect(PrivateFile.readOwned(temporary.file("session")) == nil)
    }
}
