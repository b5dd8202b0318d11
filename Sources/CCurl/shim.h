// libcurl's easy API as Swift can call it, loaded with dlopen on the first request: `--version`, a dry run
// or `normalize` never pay for loading libcurl and the thirty libraries it needs. curl_easy_setopt and
// curl_easy_getinfo are variadic, which Swift cannot call, so each argument type gets a typed wrapper.
// Only the types and constants come from curl.h; nothing links against libcurl.
#ifndef PUZZEL_CALL_CCURL_SHIM_H
#define PUZZEL_CALL_CCURL_SHIM_H

#include <curl/curl.h>
#include <dlfcn.h>

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
