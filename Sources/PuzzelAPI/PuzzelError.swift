import Localization

/// Why a call to Puzzel failed, in words for the user in any language. The words never hold a token,
/// password, client secret or session id.
package struct PuzzelError: Error, Sendable, Equatable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        /// LogIn or Puzzel ID refused the credentials. Do not send them again: Puzzel locks a user
        /// after four wrong passwords in a row.
        case rejectedCredentials
        /// The user has two-factor authentication, which the API cannot complete.
        case twoFactorRequired
        /// ContactCentre5 answered 401 or 403: the token is no longer valid.
        case unauthorized
        /// GetAccessToken refused the refresh session: log in again.
        case refreshRejected
        /// Puzzel answered and refused: a 2xx answer whose `code` is not 0 (that `code`), or a 4xx
        /// answer from ContactCentre5 with a message (its `code`, else the HTTP status).
        case refused(code: Int)
        /// The server answered with a redirect, which is never followed: the request was not acted on.
        case redirected
        /// Puzzel could not be reached or gave no usable answer. `requestMayHaveReachedPuzzel` is
        /// false only when no connection was ever made, for a reason that may pass by itself (the name did
        /// not resolve, the connection or the proxy's tunnel was refused, the time ran out before sending),
        /// so the request cannot have had any effect.
        case unavailable(requestMayHaveReachedPuzzel: Bool)
        /// The request never left, and trying again would stop it the same way: the server's certificate
        /// failed verification, the TLS handshake failed, or the URL or a header was refused before sending.
        case refusedBeforeSending
        /// Puzzel ID's discovery document cannot be used: another issuer, or an endpoint neither https nor on
        /// this machine. Only the configuration (`puzzelIDURL`) can fix it.
        case unusableSignInSettings
        /// Puzzel ID's token endpoint refused the code the browser brought back: sign in again.
        case browserSignInRefused
    }

    package let kind: Kind
    package let text: PuzzelText

    package init(_ kind: Kind, _ text: PuzzelText) {
        self.kind = kind
        self.text = text
    }

    /// In English, for the terminal of a script, `--json` and the history.
    package var message: String { text.text(in: .english) }

    package var description: String { message }
}
