import CCurl
import FoundationEssentials
import Glibc
import Localization
import Synchronization
import SystemSupport

/// HTTP through libcurl's easy API, with every limit a click relies on set by us rather than left to
/// defaults: no redirect is followed, only the URL's own protocol is allowed, an answer is cut off at
/// `answerLimit`, no compressed encoding is asked for, and the whole exchange ends by the deadline.
///
/// Requests that may be sent twice (GET) share one handle, so consecutive reads share a keep-alive
/// connection. Any other request gets a handle and a connection of its own that is never reused:
/// libcurl resends a request by itself when a reused connection turns out closed before any answer,
/// and a callout sent twice rings the customer twice.
final class HTTPTransport: Sendable {
    /// The most an answer may hold. Puzzel's answers are a few kilobytes; a hostile or broken server
    /// must not make a click take gigabytes.
    static let answerLimit = 1 << 20

    private let userAgent: String
    private let proxies: Proxies
    private let sharedHandle = Mutex<EasyHandle?>(nil)

    init(userAgent: String, environment: [String: String]) {
        self.userAgent = userAgent
        proxies = Proxies(environment: environment)
    }

    /// Sends `request` and returns the answer, whatever its status, or why there is none.
    func send(_ request: HTTPRequest, until deadline: Date) async throws(TransportFailure) -> HTTPAnswer {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else { throw .timedOut(mayHaveBeenSent: false) }
        guard let scheme = URLPolicy.permittedScheme(of: request.url) else {
            throw .neverSent(.plainHTTPBeyondThisMachine)
        }
        guard !request.headers.contains(where: { $0.value.contains(where: \.isNewline) }) else {
            throw .neverSent(.headerWithLineBreak)
        }
        let exchange = Exchange(
            request: request, scheme: scheme, userAgent: userAgent, proxy: proxies.proxy(forScheme: scheme),
            noProxy: proxies.noProxy, timeout: remaining)
        let result = await DedicatedThread.run { [self] in
            request.isIdempotent
                ? sharedHandle.withLock { shared in
                    let handle = shared ?? EasyHandle()
                    shared = handle
                    return exchange.perform(on: handle)
                } : exchange.perform(on: EasyHandle())
        }
        return try result.get()
    }
}

/// libcurl's functions, loaded on the first request (see CCurl's shim.h).
private struct LibCurl: @unchecked Sendable {  // an immutable table of C function pointers
    let api: UnsafePointer<pc_curl>

    static let loaded: LibCurl? = {
        // libcurl's global init opens the file SSLKEYLOGFILE names (readable by all under the usual umask)
        // and writes every TLS session's secrets to it: whoever reads it and the traffic reads the password
        // and the tokens. No environment variable may make puzzel-call give a secret away, so the variable
        // is gone before libcurl looks. It is the only such one: libcurl's other variables choose proxies,
        // and an OpenSSL built with a key log of its own reads this same one. puzzel-call copied its
        // environment when it started and hands that copy around, so no other thread is reading this one.
        unsetenv("SSLKEYLOGFILE")
        let api = UnsafeMutablePointer<pc_curl>.allocate(capacity: 1)
        guard pc_curl_load(api) == 0, api.pointee.global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK else {
            api.deallocate()
            return nil
        }
        return LibCurl(api: api)
    }()
}

/// A libcurl easy handle. Only one thread uses it at a time: the shared one under its lock, any other
/// on the thread that made it.
private final class EasyHandle: @unchecked Sendable {
    private let library: LibCurl?
    let raw: UnsafeMutableRawPointer?

    init() {
        library = LibCurl.loaded
        raw = library?.api.pointee.easy_init()
    }

    deinit {
        if let raw { library?.api.pointee.easy_cleanup(raw) }
    }

    /// The table of libcurl's functions; only asked for once `raw` is known to exist.
    var api: UnsafePointer<pc_curl> { library!.api }

    func set(_ option: CURLoption, _ value: Int) { pc_curl_set_long(api, raw, option, value) }
    func set(_ option: CURLoption, size: Int) { pc_curl_set_size(api, raw, option, curl_off_t(size)) }
    func set(_ option: CURLoption, _ text: String) { pc_curl_set_string(api, raw, option, text) }
    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) { pc_curl_set_pointer(api, raw, option, pointer) }

    func integer(_ info: CURLINFO) -> Int {
        var value = 0
        pc_curl_get_long(api, raw, info, &value)
        return value
    }

    func text(_ info: CURLINFO) -> String? {
        var value: UnsafeMutablePointer<CChar>? = nil
        pc_curl_get_string(api, raw, info, &value)
        return value.map { String(cString: $0) }
    }
}

/// Collects an answer's body up to the limit.
private final class AnswerSink {
    var body: [UInt8] = []
    var overflowed = false

    static let write: pc_curl_write_callback = { data, size, count, context in
        let sink = Unmanaged<AnswerSink>.fromOpaque(context!).takeUnretainedValue()
        let length = size * count
        guard sink.body.count + length <= HTTPTransport.answerLimit else {
            sink.overflowed = true
            return 0  // libcurl stops the transfer with CURLE_WRITE_ERROR
        }
        sink.body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: length))
        return length
    }
}

/// One request's options and its outcome, on one handle.
/// The proxies the command's environment names, read by the rules libcurl reads its process's by: the
/// environment handed to the command decides, as it does every other setting, and libcurl is told so
/// (an empty proxy or exception list tells it there is none, whatever the process's own variables say).
struct Proxies: Sendable {
    let environment: [String: String]

    /// `<scheme>_proxy`, then `all_proxy`; each in lower case, then upper case, but `http_proxy` only in
    /// lower case (a CGI program's HTTP_PROXY comes from a request's Proxy header).
    func proxy(forScheme scheme: String) -> String {
        let names = scheme == "http" ? ["http_proxy"] : [scheme + "_proxy", scheme.uppercased() + "_PROXY"]
        return first(of: names + ["all_proxy", "ALL_PROXY"])
    }

    /// The hosts reached without a proxy (`no_proxy`, then `NO_PROXY`).
    var noProxy: String { first(of: ["no_proxy", "NO_PROXY"]) }

    private func first(of names: [String]) -> String {
        names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
    }
}

private struct Exchange: Sendable {
    let request: HTTPRequest
    let scheme: String
    let userAgent: String
    let proxy: String
    let noProxy: String
    let timeout: Double

    func perform(on curl: EasyHandle) -> Result<HTTPAnswer, TransportFailure> {
        guard curl.raw != nil else {
            return .failure(.neverSent(.libcurlMissing))
        }
        let api = curl.api.pointee
        api.easy_reset(curl.raw)
        let sink = AnswerSink()
        var errorText = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE))
        var headers: OpaquePointer? = nil
        defer { api.slist_free_all(headers) }
        for line in headerLines { headers = api.slist_append(headers, line) }

        let milliseconds = max(1, Int(timeout * 1000))
        curl.set(CURLOPT_URL, request.url.absoluteString)
        curl.set(CURLOPT_PROTOCOLS_STR, scheme)
        curl.set(CURLOPT_FOLLOWLOCATION, 0)
        curl.set(CURLOPT_MAXREDIRS, 0)
        curl.set(CURLOPT_NOSIGNAL, 1)
        curl.set(CURLOPT_TIMEOUT_MS, milliseconds)
        curl.set(CURLOPT_CONNECTTIMEOUT_MS, milliseconds)
        curl.set(CURLOPT_MAXFILESIZE_LARGE, size: HTTPTransport.answerLimit)
        // Through a proxy (https_proxy, ALL_PROXY, see `Proxies`), always a CONNECT tunnel: the proxy relays
        // bytes and never sees a request.
        curl.set(CURLOPT_PROXY, proxy)
        curl.set(CURLOPT_NOPROXY, noProxy)
        curl.set(CURLOPT_HTTPPROXYTUNNEL, 1)
        curl.set(CURLOPT_HTTPHEADER, pointer: UnsafeMutableRawPointer(headers))
        pc_curl_set_write_function(curl.api, curl.raw, AnswerSink.write)
        curl.set(CURLOPT_WRITEDATA, pointer: Unmanaged.passUnretained(sink).toOpaque())
        if !request.isIdempotent {
            curl.set(CURLOPT_FRESH_CONNECT, 1)
            curl.set(CURLOPT_FORBID_REUSE, 1)
        }
        switch request.method {
        case .get:
            curl.set(CURLOPT_HTTPGET, 1)
        case .post:
            var body = request.body?.bytes ?? []
            curl.set(CURLOPT_POST, 1)
            curl.set(CURLOPT_POSTFIELDSIZE_LARGE, size: body.count)
            body.withUnsafeMutableBytes { curl.set(CURLOPT_COPYPOSTFIELDS, pointer: $0.baseAddress) }
        }

        let sentAt = Date()
        let code = errorText.withUnsafeMutableBufferPointer { buffer in
            curl.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(buffer.baseAddress))
            defer { curl.set(CURLOPT_ERRORBUFFER, pointer: nil) }
            return withExtendedLifetime(sink) { api.easy_perform(curl.raw) }
        }
        if sink.overflowed || code == CURLE_FILESIZE_EXCEEDED { return .failure(.answerTooLarge) }
        guard code == CURLE_OK else {
            let detail = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return .failure(TransportFailure(code, on: curl, detail: detail.trimmed))
        }
        return .success(
            HTTPAnswer(
                status: curl.integer(CURLINFO_RESPONSE_CODE), body: sink.body,
                redirectTarget: curl.text(CURLINFO_REDIRECT_URL), sentAt: sentAt))
    }

    private var headerLines: [String] {
        // An empty `Expect:` keeps libcurl from waiting for a `100 Continue` before a larger body.
        var lines = ["User-Agent: \(userAgent)", "Accept: application/json", "Accept-Encoding: identity", "Expect:"]
        if let body = request.body { lines.append("Content-Type: \(body.contentType)") }
        lines += request.headers.map { "\($0.name): \($0.value)" }
        return lines
    }
}

extension TransportFailure {
    /// What libcurl's result code says about a failed transfer.
    fileprivate init(_ code: CURLcode, on curl: EasyHandle, detail: String) {
        let requestBytes = curl.integer(CURLINFO_REQUEST_SIZE)
        let proxyAnswer = curl.integer(CURLINFO_HTTP_CONNECTCODE)
        if proxyAnswer >= 300 {
            // The proxy refused the tunnel: the request itself never left.
            self = .neverSent(.proxyRefused(status: proxyAnswer))
            return
        }
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST: self = .neverSent(.hostNotFound)
        case CURLE_COULDNT_RESOLVE_PROXY: self = .neverSent(.proxyNotFound)
        case CURLE_COULDNT_CONNECT: self = .neverSent(.connectionRefused)
        case CURLE_PROXY: self = .neverSent(.proxyRefused(status: nil))
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: self = .neverSent(.urlNotAllowed)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS:
            let verification = curl.integer(CURLINFO_SSL_VERIFYRESULT)
            self = .neverSent(Self.tlsProblem(code, verification: verification, detail: detail))
        case CURLE_OPERATION_TIMEDOUT: self = .timedOut(mayHaveBeenSent: requestBytes > 0)
        case CURLE_GOT_NOTHING: self = .connectionLost(.closedWithoutAnswer)
        case CURLE_PARTIAL_FILE: self = .connectionLost(.answerCutOff)
        case CURLE_WEIRD_SERVER_REPLY: self = .connectionLost(.answerNotHTTP)
        default:
            let reason =
                curl.api.pointee.easy_strerror(code).map { String(cString: $0).lowercased() }
                ?? "error \(code.rawValue)"
            self = requestBytes > 0 ? .connectionLost(.other(reason)) : .neverSent(.other(reason))
        }
    }

    /// The TLS failure in the user's terms. `verification` is OpenSSL's certificate verification result as
    /// libcurl recorded it. libcurl checks the host name itself, once OpenSSL accepted the chain, and a
    /// mismatch leaves the result as it stood before: 1, "not verified yet" (libcurl 7.88), or 0.
    private static func tlsProblem(_ code: CURLcode, verification: Int, detail: String) -> ConnectionProblem {
        switch verification {
        case 10: .certificateExpired
        case 9: .certificateNotYetValid
        case 2, 18, 19, 20, 21, 27: .certificateNotTrusted
        case 62: .certificateForAnotherName
        case 0...1 where code == CURLE_PEER_FAILED_VERIFICATION: .certificateForAnotherName
        default: .tlsHandshakeFailed(detail: detail.isEmpty ? "no detail" : detail.escapedForDisplay)
        }
    }
}
