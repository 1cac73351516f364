// See vigil_curl.h: libcurl through dlopen, resolved once.
#include "vigil_curl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *);
    void (*easy_reset)(CURL *);
    CURLcode (*easy_perform)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
} api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = -1;
static char failure[256];

static void load(void) {
    // The soname Debian's libcurl4 (OpenSSL flavour) ships; RTLD_LOCAL keeps its symbols
    // (and its TLS library's) out of everyone else's lookups.
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(failure, sizeof failure, "cannot load libcurl (install the libcurl4 package): %s", dlerror());
        return;
    }
#define RESOLVE(field, name)                                                                          \
    do {                                                                                              \
        *(void **)&api.field = dlsym(lib, name);                                                      \
        if (!api.field) {                                                                             \
            snprintf(failure, sizeof failure, "libcurl.so.4 has no %s: %s", name, dlerror());          \
            return;                                                                                   \
        }                                                                                             \
    } while (0)
    RESOLVE(global_init, "curl_global_init");
    RESOLVE(easy_init, "curl_easy_init");
    RESOLVE(easy_cleanup, "curl_easy_cleanup");
    RESOLVE(easy_reset, "curl_easy_reset");
    RESOLVE(easy_perform, "curl_easy_perform");
    RESOLVE(easy_strerror, "curl_easy_strerror");
    RESOLVE(easy_setopt, "curl_easy_setopt");
    RESOLVE(easy_getinfo, "curl_easy_getinfo");
    RESOLVE(slist_append, "curl_slist_append");
    RESOLVE(slist_free_all, "curl_slist_free_all");
#undef RESOLVE
    if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(failure, sizeof failure, "curl_global_init failed");
        return;
    }
    loaded = 0;
}

int vigil_curl_load(char *why, size_t why_size) {
    pthread_once(&once, load);
    if (loaded != 0 && why && why_size) snprintf(why, why_size, "%s", failure);
    return loaded;
}

// Every wrapper below runs only after vigil_curl_load returned 0 (VigilHTTP makes no
// handle otherwise).
CURL *vigil_curl_easy_init(void) { return api.easy_init(); }
void vigil_curl_easy_cleanup(CURL *h) { api.easy_cleanup(h); }
void vigil_curl_easy_reset(CURL *h) { api.easy_reset(h); }
CURLcode vigil_curl_easy_perform(CURL *h) { return api.easy_perform(h); }
const char *vigil_curl_easy_strerror(CURLcode rc) { return api.easy_strerror(rc); }
struct curl_slist *vigil_curl_slist_append(struct curl_slist *list, const char *line) { return api.slist_append(list, line); }
void vigil_curl_slist_free_all(struct curl_slist *list) { api.slist_free_all(list); }

CURLcode vigil_curl_setopt_long(CURL *h, CURLoption o, long v) { return api.easy_setopt(h, o, v); }
CURLcode vigil_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return api.easy_setopt(h, o, v); }
CURLcode vigil_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return api.easy_setopt(h, o, v); }
CURLcode vigil_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return api.easy_setopt(h, o, v); }
CURLcode vigil_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return api.easy_setopt(h, o, v); }
CURLcode vigil_curl_setopt_write_function(CURL *h, vigil_curl_write_fn f) { return api.easy_setopt(h, CURLOPT_WRITEFUNCTION, f); }
CURLcode vigil_curl_setopt_xferinfo_function(CURL *h, vigil_curl_xferinfo_fn f) { return api.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f); }
CURLcode vigil_curl_getinfo_long(CURL *h, CURLINFO i, long *out) { return api.easy_getinfo(h, i, out); }
