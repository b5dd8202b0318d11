import Foundation
import TestSupport
import Testing

@testable import SystemSupport

@Suite(.timeLimit(.minutes(5))) struct PrivateFileTests {
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

    @Test func anExistingFolderIsNeverChmodded() throws {
        let temporary = TemporaryDirectory()
        let directory = temporary.file("state")
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        try PrivateFile.write(Data("x".utf8), to: directory + "/puzzel-call/log")
        #expect(permissions(directory) == 0o755)
        #expect(permissions(directory + "/puzzel-call") == 0o700)
        try PrivateFile.ensureDirectory(directory)
        #expect(permissions(directory) == 0o755)
    }

    @Test func missingParentsAreCreatedPrivate() throws {
        let temporary = TemporaryDirectory()
        try PrivateFile.ensureDirectory(temporary.file("home/.cache/puzzel-call"))
        #expect(permissions(temporary.file("home")) == 0o700)
        #expect(permissions(temporary.file("home/.cache")) == 0o700)
    }

    @Test(arguments: [0o775, 0o757, 0o777])
    func aFolderOthersCanWriteIsNotUsed(mode: Int) throws {
        let temporary = TemporaryDirectory()
        let directory = temporary.file("cache")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        chmod(directory, mode_t(mode))
        let failure = #expect(throws: PrivateFile.Failure.self) {
            try PrivateFile.write(Data("token".utf8), to: directory + "/session.json")
        }
        #expect(failure?.reason == "group or others can write to it")
        #expect(permissions(directory) == mode, "left as it was")
        #expect(!FileManager.default.fileExists(atPath: directory + "/session.json"))
    }

    @Test func aSymlinkedFolderIsNotUsed() throws {
        let temporary = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: temporary.file("elsewhere"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(
            atPath: temporary.file("cache"), withDestinationPath: temporary.file("elsewhere"))
        #expect(throws: PrivateFile.Failure.self) { try PrivateFile.ensureDirectory(temporary.file("cache")) }
        #expect(throws: PrivateFile.Failure.self) {
            try PrivateFile.write(Data("token".utf8), to: temporary.file("cache") + "/session.json")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.file("elsewhere")).isEmpty)
        // Nor is what lies behind the link read.
        try PrivateFile.write(Data("token".utf8), to: temporary.file("elsewhere/session.json"))
        #expect(PrivateFile.readOwned(temporary.file("elsewhere/session.json")) == Data("token".utf8))
        #expect(PrivateFile.readOwned(temporary.file("cache/session.json")) == nil)
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give a folder to someone else"))
    func aFolderOfSomeoneElseIsNotUsed() throws {
        let temporary = TemporaryDirectory()
        try PrivateFile.ensureDirectory(temporary.file("cache"))
        #expect(chown(temporary.file("cache"), 65534, 65534) == 0)
        let failure = #expect(throws: PrivateFile.Failure.self) {
            try PrivateFile.ensureDirectory(temporary.file("cache"))
        }
        #expect(failure?.reason == "it belongs to someone else")
    }

    @Test func appendingNeverFollowsALink() throws {
        let temporary = TemporaryDirectory()
        temporary.write("theirs\n", to: "target")
        try FileManager.default.createSymbolicLink(
            atPath: temporary.file("log"), withDestinationPath: temporary.file("target"))
        #expect(throws: PrivateFile.Failure.self) {
            try PrivateFile.append(Data("mine\n".utf8), to: temporary.file("log"))
        }
        #expect(try String(contentsOfFile: temporary.file("target"), encoding: .utf8) == "theirs\n")
        try PrivateFile.append(Data("mine\n".utf8), to: temporary.file("new-log"))
        #expect(permissions(temporary.file("new-log")) == 0o600)
    }

    @Test func aFileWhereTheDirectoryShouldBeIsAnError() throws {
        let temporary = TemporaryDirectory()
        temporary.write("", to: "blocker")
        let failure = #expect(throws: PrivateFile.Failure.self) {
            try PrivateFile.write(Data(), to: temporary.file("blocker/session"))
        }
        #expect(failure?.errorNumber == ENOTDIR, "the system's error number is kept")
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
