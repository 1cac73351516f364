// libcurl, loaded on first use (dlopen of libcurl.so.4), not at start: the on-demand
// scanner, the CLI and the daemon without [shipping]/[notify]/rules updates never pay
// for libcurl's ~30 libraries (TLS, Kerberos, LDAP: about 5 ms of relocations and
// their pages at every start). Typed wrappers, one per argument type, because
// setopt/getinfo are variadic, which Swift cannot call; nothing else (policy lives in
// VigilHTTP). The types and constants still come from <curl/curl.h>.
#ifndef VIGIL_CCURL_H
#define VIGIL_CCURL_H
#include <stddef.h>
#include <curl/curl.h>

/// Loads libcurl.so.4 and runs curl_global_init once (thread-safe). 0 when usable;
/// else -1 with the reason (dlerror's words, or the failed init) copied into `why`.
int vigil_curl_load(char *why, size_t why_size);

CURL *vigil_curl_easy_init(void);
void vigil_curl_easy_cleanup(CURL *h);
void vigil_curl_easy_reset(CURL *h);
CURLcode vigil_curl_easy_perform(CURL *h);
const char *vigil_curl_easy_strerror(CURLcode rc);
struct curl_slist *vigil_curl_slist_append(struct curl_slist *list, const char *line);
void vigil_curl_slist_free_all(struct curl_slist *list);

CURLcode vigil_curl_setopt_long(CURL *h, CURLoption o, long v);
CURLcode vigil_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v);
CURLcode vigil_curl_setopt_string(CURL *h, CURLoption o, const char *v);
CURLcode vigil_curl_setopt_pointer(CURL *h, CURLoption o, void *v);
CURLcode vigil_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v);

typedef size_t (*vigil_curl_write_fn)(char *data, size_t size, size_t nmemb, void *user);
CURLcode vigil_curl_setopt_write_function(CURL *h, vigil_curl_write_fn f);

typedef int (*vigil_curl_xferinfo_fn)(void *user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);
CURLcode vigil_curl_setopt_xferinfo_function(CURL *h, vigil_curl_xferinfo_fn f);

CURLcode vigil_curl_getinfo_long(CURL *h, CURLINFO i, long *out);
#endif
