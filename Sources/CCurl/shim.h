// libcurl's setopt/getinfo are variadic, which Swift cannot call: one typed inline
// wrapper per argument type, nothing else (policy lives in VigilHTTP).
#ifndef VIGIL_CCURL_SHIM_H
#define VIGIL_CCURL_SHIM_H
#include <curl/curl.h>

static inline CURLcode vigil_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode vigil_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode vigil_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode vigil_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode vigil_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }

typedef size_t (*vigil_curl_write_fn)(char *data, size_t size, size_t nmemb, void *user);
static inline CURLcode vigil_curl_setopt_write_function(CURL *h, vigil_curl_write_fn f) { return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f); }

typedef int (*vigil_curl_xferinfo_fn)(void *user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);
static inline CURLcode vigil_curl_setopt_xferinfo_function(CURL *h, vigil_curl_xferinfo_fn f) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f); }

static inline CURLcode vigil_curl_getinfo_long(CURL *h, CURLINFO i, long *out) { return curl_easy_getinfo(h, i, out); }
#endif
