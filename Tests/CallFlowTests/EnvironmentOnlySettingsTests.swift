import Desktop
import Foundation
import TestSupport
import Testing

@testable import CallFlow

@Suite(.timeLimit(.minutes(5))) struct EnvironmentOnlySettingsTests {
    let folder = TemporaryDirectory()

    func check(_ variables: [String: String]) -> DoctorCheck {
        EnvironmentOnlySettings(environment: folder.environment.merging(variables) { $1 }).check()
    }

    @Test func settingsOnlyTheEnvironmentHoldsAreFlaggedWithTheLinesThatFixThem() throws {
        folder.write("userName = agent7\n", to: "config/puzzel-call/config", mode: 0o600)
        folder.write("apiURL = https://api.example.com\n", to: "etc-xdg/puzzel-call/config")
        let variables = [
            "PUZZEL_CUSTOMER_KEY": "10001", "PUZZEL_USERNAME": "agent7", "PUZZEL_PASSWORD": "hunter2",
            "PUZZEL_API_URL": "https://api.example.com", "PUZZEL_COUNTRY": " NO ",
        ]
        let flagged = check(variables)
        #expect(!flagged.ok)
        #expect(
            flagged.description
                == "PUZZEL_CUSTOMER_KEY, PUZZEL_PASSWORD, PUZZEL_COUNTRY are set only in the environment, which a "
                + "click from the desktop may not see (xdg-desktop-portal, Flatpak and Snap start it with their own)")
        #expect(
            flagged.fix
                == "add `customerKey = 10001`, `country = \" NO \"` to \(folder.path)/config/puzzel-call/config; "
                + "run `puzzel-call login` to keep the password in the keyring")
        #expect(!"\(flagged)".contains("hunter2"))

        folder.write(
            "userName = agent7\ncustomerKey = 10001\ncountry = \" NO \"\npassword = hunter2\n",
            to: "config/puzzel-call/config", mode: 0o600)
        #expect(check(variables).ok)
    }

    @Test func aConfigFileNamedOnlyInTheEnvironmentIsFlaggedToo() {
        let file = folder.write("customerKey = 10001\n", to: "elsewhere/config", mode: 0o600)
        let flagged = check(["PUZZEL_CONFIG": file])
        #expect(flagged.description.hasPrefix("PUZZEL_CONFIG is set only in the environment"))
        #expect(flagged.fix == "move \(file) to \(folder.path)/config/puzzel-call/config")
        #expect(check(["PUZZEL_CONFIG": folder.path + "/config/puzzel-call/config"]).ok)
    }

    @Test func withoutPuzzelVariablesAllIsWell() {
        #expect(
            check([:])
                == .passed(
                    "environment", "no setting is in the environment alone: a click from the desktop sees them all"))
    }
}
