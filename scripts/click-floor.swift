// The floor of puzzel-call's design, for scripts/bench-click: a static Swift program with no Foundation that
// makes a warm click's two requests, the agent's state (GET) and the callout (POST, on a connection of its
// own), through libcurl loaded with dlopen as puzzel-call loads it (Sources/CCurl), and does nothing else: no
// configuration, no number reading, no guard, no history. What a warm click costs beyond it is the cost of
// what it does beyond it.
//
//   click-floor TOKEN-FILE        (PUZZEL_API_URL, PUZZEL_CUSTOMER_KEY and PUZZEL_USER_ID in the environment)
import CCurl
import Glibc

func variable(_ name: String) -> String {
    guard let value = getenv(name) else { fatalError("click-floor: \(name) is not set") }
    return String(cString: value)
}

/// The first line of the file, where the bench puts the session's token: a token on the command line would
/// be anyone's to read.
func firstLine(of path: String) -> String {
    guard let file = fopen(path, "r") else { fatalError("click-floor: cannot read \(path)") }
    defer { fclose(file) }
    var line: UnsafeMutablePointer<CChar>? = nil
    var capacity = 0
    guard getline(&line, &capacity, file) > 0, let line else { fatalError("click-floor: \(path) is empty") }
    defer { free(line) }
    return String(cString: line).split(separator: "\n").first.map(String.init) ?? ""
}

let curl = UnsafeMutablePointer<pc_curl>.allocate(capacity: 1)
guard CommandLine.arguments.count == 2, pc_curl_load(curl) == 0,
    curl.pointee.global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
else { fatalError("click-floor: usage: click-floor TOKEN-FILE, with libcurl.so.4 installed") }

let user =
    variable("PUZZEL_API_URL") + "/ContactCentre5/\(variable("PUZZEL_CUSTOMER_KEY"))/users/"
    + variable("PUZZEL_USER_ID")
var headers = curl.pointee.slist_append(nil, "Authorization: Bearer \(firstLine(of: CommandLine.arguments[1]))")
headers = curl.pointee.slist_append(headers, "Content-Type: application/json")
let discard: pc_curl_write_callback = { _, size, count, _ in size * count }

/// One request on a handle of its own; true when it got an answer.
func request(_ url: String, body: String? = nil) -> Bool {
    let handle = curl.pointee.easy_init()
    defer { curl.pointee.easy_cleanup(handle) }
    pc_curl_set_string(curl, handle, CURLOPT_URL, url)
    pc_curl_set_pointer(curl, handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headers))
    pc_curl_set_write_function(curl, handle, discard)
    if let body { pc_curl_set_string(curl, handle, CURLOPT_COPYPOSTFIELDS, body) }
    return curl.pointee.easy_perform(handle) == CURLE_OK
}

guard request(user), request(user + "/callout", body: #"{"destination":"004722123456"}"#) else {
    fatalError("click-floor: a request failed")
}
