// libcurl's easy API as Swift can call it, loaded with dlopen on the first request: `--version`, a dry run
// or `normalize` never pay for loading libcurl and the thirty libraries it needs, and building needs no
// libcurl headers. curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call, so each
// argument type gets a typed wrapper.
//
// The names and numbers below are libcurl's stable ABI, as its curl/curl.h defines them (7.85 and later;
// CURLOPT_PROTOCOLS_STR is the newest): only the ones puzzel-call uses.
#ifndef PUZZEL_CALL_CCURL_SHIM_H
#define PUZZEL_CALL_CCURL_SHIM_H

#include <dlfcn.h>
#include <stddef.h>

typedef void CURL;
typedef long long curl_off_t;
struct curl_slist;

typedef enum {
    CURLOPT_WRITEDATA = 10001,
    CURLOPT_URL = 10002,
    CURLOPT_PROXY = 10004,
    CURLOPT_ERRORBUFFER = 10010,
    CURLOPT_WRITEFUNCTION = 20011,
    CURLOPT_HTTPHEADER = 10023,
    CURLOPT_POST = 47,
    CURLOPT_FOLLOWLOCATION = 52,
    CURLOPT_HTTPPROXYTUNNEL = 61,
    CURLOPT_SSL_VERIFYPEER = 64,
    CURLOPT_MAXREDIRS = 68,
    CURLOPT_FRESH_CONNECT = 74,
    CURLOPT_FORBID_REUSE = 75,
    CURLOPT_HTTPGET = 80,
    CURLOPT_SSL_VERIFYHOST = 81,
    CURLOPT_NOSIGNAL = 99,
    CURLOPT_MAXFILESIZE_LARGE = 30117,
    CURLOPT_POSTFIELDSIZE_LARGE = 30120,
    CURLOPT_TIMEOUT_MS = 155,
    CURLOPT_CONNECTTIMEOUT_MS = 156,
    CURLOPT_COPYPOSTFIELDS = 10165,
    CURLOPT_NOPROXY = 10177,
    CURLOPT_PROTOCOLS_STR = 10318,
} CURLoption;

typedef enum {
    CURLINFO_REDIRECT_URL = 0x100000 + 31,
    CURLINFO_RESPONSE_CODE = 0x200000 + 2,
    CURLINFO_REQUEST_SIZE = 0x200000 + 12,
    CURLINFO_SSL_VERIFYRESULT = 0x200000 + 13,
    CURLINFO_HTTP_CONNECTCODE = 0x200000 + 22,
} CURLINFO;

typedef enum {
    CURLE_OK = 0,
    CURLE_UNSUPPORTED_PROTOCOL = 1,
    CURLE_URL_MALFORMAT = 3,
    CURLE_COULDNT_RESOLVE_PROXY = 5,
    CURLE_COULDNT_RESOLVE_HOST = 6,
    CURLE_COULDNT_CONNECT = 7,
    CURLE_WEIRD_SERVER_REPLY = 8,
    CURLE_PARTIAL_FILE = 18,
    CURLE_WRITE_ERROR = 23,
    CURLE_OPERATION_TIMEDOUT = 28,
    CURLE_SSL_CONNECT_ERROR = 35,
    CURLE_GOT_NOTHING = 52,
    CURLE_SEND_ERROR = 55,
    CURLE_RECV_ERROR = 56,
    CURLE_SSL_CERTPROBLEM = 58,
    CURLE_SSL_CIPHER = 59,
    CURLE_PEER_FAILED_VERIFICATION = 60,
    CURLE_FILESIZE_EXCEEDED = 63,
    CURLE_SSL_CACERT_BADFILE = 77,
    CURLE_SSL_ISSUER_ERROR = 83,
    CURLE_SSL_PINNEDPUBKEYNOTMATCH = 90,
    CURLE_SSL_INVALIDCERTSTATUS = 91,
    CURLE_PROXY = 97,
} CURLcode;

/// curl_global_init's CURL_GLOBAL_DEFAULT (SSL and Win32), and the size an error buffer must have.
enum { CURL_GLOBAL_DEFAULT = 3, CURL_ERROR_SIZE = 256 };

typedef size_t (*pc_curl_write_callback)(char *data, size_t size, size_t count, void *context);

/// The libcurl functions the transport uses.
typedef struct pc_curl {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    void (*easy_reset)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
} pc_curl;

/// Loads libcurl.so.4 and fills `api`; 0 on success, -1 when the library or a function is missing.
static inline int pc_curl_load(pc_curl *api) {
    void *library = dlopen("libcurl.so.4", RTLD_LAZY | RTLD_LOCAL);
    if (!library) return -1;
    api->global_init = (CURLcode (*)(long))dlsym(library, "curl_global_init");
    api->easy_init = (CURL * (*)(void)) dlsym(library, "curl_easy_init");
    api->easy_cleanup = (void (*)(CURL *))dlsym(library, "curl_easy_cleanup");
    api->easy_reset = (void (*)(CURL *))dlsym(library, "curl_easy_reset");
    api->easy_perform = (CURLcode (*)(CURL *))dlsym(library, "curl_easy_perform");
    api->easy_setopt = (CURLcode (*)(CURL *, CURLoption, ...))dlsym(library, "curl_easy_setopt");
    api->easy_getinfo = (CURLcode (*)(CURL *, CURLINFO, ...))dlsym(library, "curl_easy_getinfo");
    api->easy_strerror = (const char *(*)(CURLcode))dlsym(library, "curl_easy_strerror");
    api->slist_append = (struct curl_slist * (*)(struct curl_slist *, const char *)) dlsym(library, "curl_slist_append");
    api->slist_free_all = (void (*)(struct curl_slist *))dlsym(library, "curl_slist_free_all");
    if (!api->global_init || !api->easy_init || !api->easy_cleanup || !api->easy_reset || !api->easy_perform
        || !api->easy_setopt || !api->easy_getinfo || !api->easy_strerror || !api->slist_append
        || !api->slist_free_all) {
        return -1;
    }
    return 0;
}

static inline CURLcode pc_curl_set_long(const pc_curl *api, CURL *handle, CURLoption option, long value) {
    return api->easy_setopt(handle, option, value);
}

static inline CURLcode pc_curl_set_size(const pc_curl *api, CURL *handle, CURLoption option, curl_off_t value) {
    return api->easy_setopt(handle, option, value);
}

static inline CURLcode pc_curl_set_string(const pc_curl *api, CURL *handle, CURLoption option, const char *value) {
    return api->easy_setopt(handle, option, value);
}

static inline CURLcode pc_curl_set_pointer(const pc_curl *api, CURL *handle, CURLoption option, void *value) {
    return api->easy_setopt(handle, option, value);
}

static inline CURLcode pc_curl_set_write_function(const pc_curl *api, CURL *handle, pc_curl_write_callback callback) {
    return api->easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

static inline CURLcode pc_curl_get_long(const pc_curl *api, CURL *handle, CURLINFO info, long *value) {
    return api->easy_getinfo(handle, info, value);
}

static inline CURLcode pc_curl_get_string(const pc_curl *api, CURL *handle, CURLINFO info, char **value) {
    return api->easy_getinfo(handle, info, value);
}

#endif
