import FakePuzzel
import Foundation
import TestSupport
import Testing

@testable import CallFlow

@Suite(.timeLimit(.minutes(5))) struct ClickTests {
    @Test func coldThenWarmPath() async throws {
        let desk = try Desk()
        let cold = try await desk.click("tel:+47-22-12-34-56")
        #expect(cold.wasCalled)
        #expect(cold.message == "Calling \(cold.number!.international) — your phone rings first")
        #expect(desk.requestSequence == [.logIn, .tokenInformation, .agentState, .callout])

        let before = desk.puzzel.requests.count
        let warm = try await desk.click("tel:+4799999999")
        #expect(warm.wasCalled)
        let warmRequests = desk.puzzel.requests.dropFirst(before)
        #expect(warmRequests.map(\.endpoint) == [.agentState, .callout])
        #expect(warmRequests.last?.jsonBody?["destination"] as? String == "004799999999")
    }

    @Test func theCalloutCarriesOnlyTheConfiguredFields() async throws {
        let desk = try Desk()
        desk.configure("queueKey = q_sales\ndestinationFormat = e164\n")
        let report = try await desk.click()
        #expect(report.wasCalled, "\(report.message)")
        let body = desk.puzzel.requests(to: .callout).last?.bodyText
        #expect(body == #"{"destination":"+4722123456","queueKey":"q_sales"}"#)
    }

    @Test func anExpiringTokenIsRefreshedWithoutALogin() async throws {
        let desk = try Desk()
        _ = try await desk.click()
        // Half a minute before the token's hour is up: inside the renewal margin.
        let report = try await desk.click("tel:+4799999999", now: Date().addingTimeInterval(3600 - 30))
        #expect(report.wasCalled)
        #expect(
            desk.requestSequence == [
                .logIn, .tokenInformation, .agentState, .callout, .getAccessToken, .agentState, .callout,
            ])
    }

    @Test func anEndedRefreshSessionLogsInAgain() async throws {
        let desk = try Desk()
        desk.puzzel.refreshSessionLifetime = 120
        _ = try await desk.click()
        let report = try await desk.click("tel:+4799999999", now: Date().addingTimeInterval(3600))
        #expect(report.wasCalled)
        #expect(desk.requestSequence.suffix(3) == [.logIn, .agentState, .callout], "the user id is remembered")
    }

    @Test func a401MidFlowRenewsTheSessionAndRetriesOnce() async throws {
        let desk = try Desk()
        _ = try await desk.click()
        desk.puzzel.expireAccessTokens()
        let report = try await desk.click("tel:+4799999999")
        #expect(report.wasCalled)
        #expect(desk.requestSequence.suffix(4) == [.agentState, .getAccessToken, .agentState, .callout])
    }

    @Test func aSecond401IsASignInFailure() async throws {
        let desk = try Desk()
        _ = try await desk.click()
        desk.puzzel.inject(.respond(status: 401, body: "{}"), on: .agentState, times: 2)
        let report = try await desk.click("tel:+4799999999")
        #expect(report.failure?.exitStatus == .signInFailed)
        #expect(desk.puzzel.requests(to: .callout).count == 1)
    }

    @Test func aRejectedPasswordIsNeverSentAgain() async throws {
        let desk = try Desk()
        desk.environment["PUZZEL_PASSWORD"] = "wrong"
        let first = try await desk.click()
        let second = try await desk.click("tel:+4799999999")
        #expect(first.failure?.code == "credentials-rejected")
        #expect(first.failure?.exitStatus == .signInFailed)
        #expect(second.failure?.exitStatus == .signInFailed)
        #expect(second.failure?.message.contains("not sent again") == true)
        #expect(desk.puzzel.requests(to: .logIn).count == 1)
        // Only a fingerprint is kept.
        let record = try String(contentsOfFile: desk.cacheDirectory + "/rejected-credentials.json", encoding: .utf8)
        #expect(!record.contains("wrong"))

        desk.environment["PUZZEL_PASSWORD"] = FakeAccount.sandbox.password
        #expect(try await desk.click("tel:+4788888888").wasCalled, "a changed password is tried")
    }

    @Test func twoFactorAuthenticationIsExplained() async throws {
        var account = FakeAccount.sandbox
        account.twoFactorRequired = true
        let desk = try Desk(account: account)
        let report = try await desk.click()
        #expect(report.failure?.code == "two-factor-required")
        #expect(report.failure?.exitStatus == .signInFailed)
        #expect(report.failure?.message.contains("Puzzel ID") == true)
    }

    @Test func puzzelIDClientCredentials() async throws {
        let desk = try Desk()
        let account = desk.puzzel.account
        desk.configure(
            "clientId = \(account.clientId)\nclientSecret = \(account.clientSecret)\nuserId = \(account.userId)\n")
        let report = try await desk.click()
        #expect(report.wasCalled)
        #expect(desk.requestSequence == [.puzzelIDToken, .agentState, .callout])
    }

    @Test(arguments: [
        (
            FakeAgentState.loggedOff, "agent-logged-off",
            "You are not logged on in Puzzel; log on in the agent application and click again"
        ),
        (
            FakeAgentState.pause("Lunch"), "agent-paused",
            "You are on pause (Lunch) in Puzzel; end the pause and click again"
        ),
        (
            FakeAgentState.busy, "agent-not-available",
            "You are busy in Puzzel, not Available; click again when you are free, or run with --force"
        ),
        (
            FakeAgentState.wrapUp, "agent-not-available",
            "You are in wrap-up in Puzzel, not Available; click again when you are free, or run with --force"
        ),
    ])
    func anUnavailableAgentIsNotCalled(state: FakeAgentState, code: String, message: String) async throws {
        let desk = try Desk()
        desk.puzzel.setAgentState(
            contactCentreStatus: state.contactCentreStatus, userStatus: state.userStatus,
            pauseTypeId: state.pauseTypeId,
            pauseName: state.pauseTypeName)
        let report = try await desk.click()
        #expect(report.failure?.code == code)
        #expect(report.failure?.message == message)
        #expect(report.failure?.exitStatus == .refused)
        #expect(desk.puzzel.requests(to: .callout).isEmpty)
        // A refused click gives its claim back: the next click is not taken for a double click.
        desk.puzzel.setAgentState(contactCentreStatus: "LoggedOn", userStatus: "Available")
        #expect(try await desk.click().wasCalled)
    }

    @Test func forceCallsABusyAgentButNotOneOnPause() async throws {
        let desk = try Desk()
        desk.puzzel.setAgentState(contactCentreStatus: "LoggedOn", userStatus: "Busy")
        #expect(try await desk.click(force: true).wasCalled)
        desk.puzzel.setAgentState(contactCentreStatus: "Pause", userStatus: "Available", pauseName: "Meeting")
        #expect(try await desk.click("tel:+4799999999", force: true).failure?.code == "agent-paused")
    }

    @Test func checkStatusOffSkipsTheStateRequest() async throws {
        let desk = try Desk()
        desk.configure("checkStatus = false\n")
        _ = try await desk.click()
        #expect(desk.requestSequence == [.logIn, .tokenInformation, .callout])
    }

    @Test func aRejectedCalloutShowsPuzzelsMessage() async throws {
        let desk = try Desk()
        desk.puzzel.calloutResult = (code: 17, message: "No free lines on access point")
        let report = try await desk.click()
        #expect(report.failure?.code == "callout-refused")
        #expect(report.failure?.exitStatus == .refused)
        #expect(report.failure?.message.contains("No free lines on access point") == true)
    }

    @Test func aTimeoutAfterSendingIsNeverRetried() async throws {
        let desk = try Desk()
        #expect(try await desk.click().wasCalled)
        // A window wider than any slow machine's click: the repeat below must meet the claim.
        desk.configure("timeoutSeconds = 3\nduplicateWindowSeconds = 60\n")
        desk.puzzel.inject(.delay(seconds: 10), on: .callout)
        let report = try await desk.click("tel:+4799999999")
        // Puzzel does answer, 10 s later: a click that waited for it would have called.
        #expect(report.failure?.code == "call-may-have-been-placed")
        #expect(report.failure?.exitStatus == .temporaryFailure)
        #expect(report.failure?.message.contains("may have been placed") == true)
        #expect(desk.puzzel.requests(to: .callout).count == 2, "one callout per click, none resent")
        // The claim stays: clicking again at once must not ring the customer twice.
        #expect(try await desk.click("tel:+4799999999").outcomeCode == "already-calling")
    }

    @Test func aDroppedConnectionAfterTheCalloutIsNotRetried() async throws {
        let desk = try Desk()
        _ = try await desk.click()
        desk.puzzel.inject(.dropAfterReading, on: .callout)
        let report = try await desk.click("tel:+4799999999")
        #expect(report.failure?.code == "call-may-have-been-placed")
        #expect(desk.puzzel.requests(to: .callout).count == 2)
    }

    @Test func aServerErrorIsATemporaryFailure() async throws {
        let desk = try Desk()
        desk.puzzel.inject(.respond(status: 503, body: "busy"), on: .logIn)
        let report = try await desk.click()
        #expect(report.failure?.code == "unavailable")
        #expect(report.failure?.exitStatus == .temporaryFailure)
    }

    @Test func anUnreachablePuzzelIsATemporaryFailureAndReleasesTheClaim() async throws {
        let desk = try Desk()
        // Every connection is refused, so no request can have left.
        let closed = try RefusingPort()
        desk.environment["PUZZEL_AUTH_URL"] = closed.url.absoluteString
        desk.environment["PUZZEL_API_URL"] = closed.url.absoluteString
        let report = try await desk.click()
        #expect(report.failure?.exitStatus == .temporaryFailure)
        #expect(try await desk.click().failure?.exitStatus == .temporaryFailure, "not taken for a double click")
    }

    @Test func aDoubleClickIsCalledOnce() async throws {
        let desk = try Desk()
        let now = Date()
        #expect(try await desk.click(now: now).wasCalled)
        let second = try await desk.click(now: now.addingTimeInterval(2))
        #expect(second.outcomeCode == "already-calling")
        #expect(second.message == "Already calling +47 22 12 34 56 (clicked 2 s ago); run with --force to call again")
        #expect(try await desk.click(now: now.addingTimeInterval(6)).wasCalled, "after the window")
        #expect(try await desk.click(force: true, now: now.addingTimeInterval(7)).wasCalled, "--force")
        #expect(desk.puzzel.requests(to: .callout).count == 3)
    }

    @Test func aCorruptCacheIsReplaced() async throws {
        let desk = try Desk()
        for damage in ["", "{\"identity\":", "\u{0}\u{1}garbage", "[]"] {
            desk.folder.write(damage, to: "cache/puzzel-call/session.json", mode: 0o600)
            #expect(try await desk.click("tel:+47\(Int.random(in: 22_000_000...22_999_999))").wasCalled)
        }
        #expect(desk.puzzel.requests(to: .logIn).count == 4)
    }

    @Test func aChangedConfigurationNeverReusesAnotherSession() async throws {
        let desk = try Desk()
        _ = try await desk.click()
        desk.environment["PUZZEL_USERNAME"] = "someone.else"
        _ = try await desk.click("tel:+4799999999")
        #expect(desk.puzzel.requests(to: .logIn).count == 2)
    }

    @Test func theCacheIsPrivate() async throws {
        let desk = try Desk()
        _ = try await desk.click()
        let attributes = try FileManager.default.attributesOfItem(atPath: desk.cacheDirectory + "/session.json")
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        let directory = try FileManager.default.attributesOfItem(atPath: desk.cacheDirectory)
        #expect(directory[.posixPermissions] as? Int == 0o700)
    }

    @Test func secretsNeverReachOutputOrHistory() async throws {
        let desk = try Desk()
        _ = try await desk.click()
        desk.environment["PUZZEL_PASSWORD"] = "wrong-secret"
        desk.environment["PUZZEL_USERNAME"] = "other"
        let failed = try await desk.click("tel:+4799999999")
        let session = try String(contentsOfFile: desk.cacheDirectory + "/session.json", encoding: .utf8)
        let token = try #require(session.firstMatch(of: /"value":"([^"]+)"/)?.1)
        let history = try String(
            contentsOfFile: desk.environment["XDG_STATE_HOME"]! + "/puzzel-call/history.jsonl", encoding: .utf8)
        for text in [history, failed.message, desk.warnings.joined()] {
            #expect(!text.contains(token))
            #expect(!text.contains(FakeAccount.sandbox.password))
            #expect(!text.contains("wrong-secret"))
        }
    }

    @Test func theHistoryKeepsEveryAttempt() async throws {
        let desk = try Desk()
        let now = Date()
        _ = try await desk.click(now: now)
        _ = try await desk.click(now: now)
        _ = try await desk.click("callto:skype.name", now: now)
        let entries = CallHistory(directory: desk.environment["XDG_STATE_HOME"]! + "/puzzel-call").last(10)
        #expect(entries.map(\.outcome) == ["called", "already-calling", "not-a-number"])
        #expect(entries[0].destination == "004722123456")
    }

    @Test func theHistoryStaysUnderAMegabyte() throws {
        let folder = TemporaryDirectory()
        let history = CallHistory(directory: folder.path)
        let entry = HistoryEntry(
            time: Date(), input: String(repeating: "9", count: 300), destination: "0047", outcome: "called",
            message: String(repeating: "m", count: 500))
        for _ in 0..<1_500 { try history.append(entry) }
        let size = try FileManager.default.attributesOfItem(atPath: history.file)[.size] as! Int
        #expect(size < 1_000_000)
        #expect(size > 400_000)
        #expect(history.last(3).count == 3)
    }
}

extension ClickTests {
    @Test func warningsGoToTheHistory() async throws {
        let desk = try Desk()
        #expect(try await desk.click("tel:+4722123456;ext=12").wasCalled)
        let entry = CallHistory(directory: desk.environment["XDG_STATE_HOME"]! + "/puzzel-call").last(1).first
        #expect(entry?.warnings == ["extension 12 is not dialled: ask for it when the call is answered"])
    }
}
