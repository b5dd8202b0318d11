import CCurl
import FoundationEssentials
import Glibc
import Localization
import Synchronization
import SystemSupport

/// HTTP through libcurl's easy API, with every limit a click relies on set by us rather than left to
/// defaults: certificates and host names are checked, no redirect is followed, only the URL's own protocol
/// is allowed, this machine is reached without a proxy, an answer is cut off at `answerLimit`, no
/// compressed encoding is asked for, and the whole exchange ends by the deadline. A setting libcurl refuses
/// (an older or differently built libcurl) stops the request before anything is sent.
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
    private let sharedHandle = Mutex<EasyHandle?>(nil)
    private let proxies: Proxies

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
    /// Where libcurl writes its words for a failure, for as long as the handle lives.
    let errorText = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))

    init() {
        library = LibCurl.loaded
        raw = library?.api.pointee.easy_init()
        errorText.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        if let raw { library?.api.pointee.easy_cleanup(raw) }
        errorText.deallocate()
    }

    /// The table of libcurl's functions; only asked for once `raw` is known to exist.
    var api: UnsafePointer<pc_curl> { library!.api }

    /// Sets every option in order, or stops at the first one libcurl refuses: a request with one setting
    /// missing (say, certificate checks) must not be sent at all.
    func apply(_ settings: [Setting]) throws(TransportFailure) {
        for setting in settings {
            let answer = set(setting.value, for: setting.option)
            guard answer == CURLE_OK else {
                throw .neverSent(.libcurlRefusedSetting(setting.option.name, reason: reason(answer)))
            }
        }
    }

    private func set(_ value: Setting.Value, for option: CURLoption) -> CURLcode {
        switch value {
        case .number(let number): pc_curl_set_long(api, raw, option, number)
        case .size(let size): pc_curl_set_size(api, raw, option, curl_off_t(size))
        case .text(let text): pc_curl_set_string(api, raw, option, text)
        case .pointer(let pointer): pc_curl_set_pointer(api, raw, option, pointer)
        case .copiedBytes(var bytes):
            bytes.withUnsafeMutableBytes { pc_curl_set_pointer(api, raw, option, $0.baseAddress) }
        case .writer(let callback): pc_curl_set_write_function(api, raw, callback)
        }
    }

    /// libcurl's words for `code`, in lower case as they follow a colon.
    func reason(_ code: CURLcode) -> String {
        api.pointee.easy_strerror(code).map { String(cString: $0).lowercased() } ?? "error \(code.rawValue)"
    }

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

/// One libcurl option and the value a request sets it to.
private struct Setting {
    enum Value {
        case number(Int)
        case size(Int)
        case text(String)
        case pointer(UnsafeMutableRawPointer?)
        /// Bytes libcurl copies while the option is set (CURLOPT_COPYPOSTFIELDS).
        case copiedBytes([UInt8])
        case writer(pc_curl_write_callback)
    }

    let option: CURLoption
    let value: Value

    init(_ option: CURLoption, _ value: Value) {
        self.option = option
        self.value = value
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

/// One request's options and its outcome, on one handle.
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
        var headers: OpaquePointer? = nil
        defer { api.slist_free_all(headers) }
        for line in headerLines {
            guard let longer = api.slist_append(headers, line) else {
                return .failure(.neverSent(.libcurlRefusedSetting(CURLOPT_HTTPHEADER.name, reason: "out of memory")))
            }
            headers = longer
        }
        do {
            try curl.apply(settings(headers: headers, sink: sink, errorText: curl.errorText))
        } catch {
            return .failure(error)
        }

        let sentAt = Date()
        curl.errorText[0] = 0
        let code = withExtendedLifetime(sink) { api.easy_perform(curl.raw) }
        if sink.overflowed || code == CURLE_FILESIZE_EXCEEDED { return .failure(.answerTooLarge) }
        guard code == CURLE_OK else {
            let detail = String(cString: curl.errorText)
            return .failure(TransportFailure(code, on: curl, detail: detail.trimmed))
        }
        return .success(
            HTTPAnswer(
                status: curl.integer(CURLINFO_RESPONSE_CODE), body: sink.body,
                redirectTarget: curl.text(CURLINFO_REDIRECT_URL), sentAt: sentAt))
    }

    /// Every option this request needs, none left to libcurl's defaults where a click relies on it.
    private func settings(headers: OpaquePointer?, sink: AnswerSink, errorText: UnsafeMutablePointer<CChar>)
        -> [Setting]
    {
        let milliseconds = max(1, Int(timeout * 1000))
        var settings = [
            Setting(CURLOPT_ERRORBUFFER, .pointer(UnsafeMutableRawPointer(errorText))),
            Setting(CURLOPT_URL, .text(request.url.absoluteString)),
            Setting(CURLOPT_PROTOCOLS_STR, .text(scheme)),
            Setting(CURLOPT_SSL_VERIFYPEER, .number(1)),
            Setting(CURLOPT_SSL_VERIFYHOST, .number(2)),
            Setting(CURLOPT_FOLLOWLOCATION, .number(0)),
            Setting(CURLOPT_MAXREDIRS, .number(0)),
            Setting(CURLOPT_NOSIGNAL, .number(1)),
            Setting(CURLOPT_TIMEOUT_MS, .number(milliseconds)),
            Setting(CURLOPT_CONNECTTIMEOUT_MS, .number(milliseconds)),
            Setting(CURLOPT_MAXFILESIZE_LARGE, .size(HTTPTransport.answerLimit)),
            // Through a proxy (https_proxy, ALL_PROXY, see `Proxies`), always a CONNECT tunnel: the proxy
            // relays bytes and never sees a request. This machine is reached directly: a proxy would connect
            // to its own loopback, another machine, and would carry a plain http request, password and all,
            // across the network.
            Setting(CURLOPT_PROXY, .text(URLPolicy.isLoopback(request.url) ? "" : proxy)),
            Setting(CURLOPT_NOPROXY, .text(noProxy)),
            Setting(CURLOPT_HTTPPROXYTUNNEL, .number(1)),
            Setting(CURLOPT_HTTPHEADER, .pointer(UnsafeMutableRawPointer(headers))),
            Setting(CURLOPT_WRITEFUNCTION, .writer(AnswerSink.write)),
            Setting(CURLOPT_WRITEDATA, .pointer(Unmanaged.passUnretained(sink).toOpaque())),
        ]
        if !request.isIdempotent {
            settings += [Setting(CURLOPT_FRESH_CONNECT, .number(1)), Setting(CURLOPT_FORBID_REUSE, .number(1))]
        }
        switch request.method {
        case .get:
            settings.append(Setting(CURLOPT_HTTPGET, .number(1)))
        case .post:
            let body = request.body?.bytes ?? []
            settings += [
                Setting(CURLOPT_POST, .number(1)),
                Setting(CURLOPT_POSTFIELDSIZE_LARGE, .size(body.count)),
                Setting(CURLOPT_COPYPOSTFIELDS, .copiedBytes(body)),
            ]
        }
        return settings
    }

    private var headerLines: [String] {
        // An empty `Expect:` keeps libcurl from waiting for a `100 Continue` before a larger body.
        var lines = ["User-Agent: \(userAgent)", "Accept: application/json", "Accept-Encoding: identity", "Expect:"]
        if let body = request.body { lines.append("Content-Type: \(body.contentType)") }
        lines += request.headers.map { "\($0.name): \($0.value)" }
        return lines
    }
}

extension CURLoption {
    /// The name curl/curl.h gives the option, for a message that says which one libcurl refused.
    fileprivate var name: String {
        switch self {
        case CURLOPT_WRITEDATA: "CURLOPT_WRITEDATA"
        case CURLOPT_URL: "CURLOPT_URL"
        case CURLOPT_PROXY: "CURLOPT_PROXY"
        case CURLOPT_NOPROXY: "CURLOPT_NOPROXY"
        case CURLOPT_ERRORBUFFER: "CURLOPT_ERRORBUFFER"
        case CURLOPT_WRITEFUNCTION: "CURLOPT_WRITEFUNCTION"
        case CURLOPT_HTTPHEADER: "CURLOPT_HTTPHEADER"
        case CURLOPT_POST: "CURLOPT_POST"
        case CURLOPT_FOLLOWLOCATION: "CURLOPT_FOLLOWLOCATION"
        case CURLOPT_HTTPPROXYTUNNEL: "CURLOPT_HTTPPROXYTUNNEL"
        case CURLOPT_SSL_VERIFYPEER: "CURLOPT_SSL_VERIFYPEER"
        case CURLOPT_MAXREDIRS: "CURLOPT_MAXREDIRS"
        case CURLOPT_FRESH_CONNECT: "CURLOPT_FRESH_CONNECT"
        case CURLOPT_FORBID_REUSE: "CURLOPT_FORBID_REUSE"
        case CURLOPT_HTTPGET: "CURLOPT_HTTPGET"
        case CURLOPT_SSL_VERIFYHOST: "CURLOPT_SSL_VERIFYHOST"
        case CURLOPT_NOSIGNAL: "CURLOPT_NOSIGNAL"
        case CURLOPT_MAXFILESIZE_LARGE: "CURLOPT_MAXFILESIZE_LARGE"
        case CURLOPT_POSTFIELDSIZE_LARGE: "CURLOPT_POSTFIELDSIZE_LARGE"
        case CURLOPT_TIMEOUT_MS: "CURLOPT_TIMEOUT_MS"
        case CURLOPT_CONNECTTIMEOUT_MS: "CURLOPT_CONNECTTIMEOUT_MS"
        case CURLOPT_COPYPOSTFIELDS: "CURLOPT_COPYPOSTFIELDS"
        case CURLOPT_PROTOCOLS_STR: "CURLOPT_PROTOCOLS_STR"
        default: "option \(rawValue)"
        }
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
            let reason = curl.reason(code)
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
