import Foundation
import TestSupport

@testable import Desktop

extension TemporaryDirectory {
    func file(_ name: String) -> String { path + "/" + name }
}

func permissions(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
}
