#include "CCurl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// libcurl's ABI, from curl/curl.h (stable since 7.x): option and info numbers, error codes.
enum {
    CURLOPT_WRITEDATA = 10001, CURLOPT_URL = 10002, CURLOPT_ERRORBUFFER = 10010,
    CURLOPT_WRITEFUNCTION = 20011, CURLOPT_POSTFIELDS = 10015, CURLOPT_HTTPHEADER = 10023,
    CURLOPT_NOPROGRESS = 43, CURLOPT_POST = 47, CURLOPT_FOLLOWLOCATION = 52,
    CURLOPT_XFERINFODATA = 10057, CURLOPT_NOSIGNAL = 99, CURLOPT_POSTFIELDSIZE_LARGE = 30120,
    CURLOPT_TIMEOUT_MS = 155, CURLOPT_XFERINFOFUNCTION = 20219,
    CURLINFO_RESPONSE_CODE = 0x200000 + 2, CURLINFO_CONTENT_TYPE = 0x100000 + 18,
    CURLE_OK = 0, CURLE_COULDNT_RESOLVE_HOST = 6, CURLE_COULDNT_CONNECT = 7,
    CURLE_OPERATION_TIMEDOUT = 28, CURLE_ABORTED_BY_CALLBACK = 42,
    CURL_GLOBAL_ALL = 3, CURL_ERROR_SIZE = 256
};

typedef void CURL;
struct curl_slist;
typedef long long curl_off_t;

static struct {
    int (*global_init)(long);
    CURL *(*easy_init)(void);
    int (*easy_setopt)(CURL *, int, ...);
    int (*easy_perform)(CURL *);
    int (*easy_getinfo)(CURL *, int, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(int);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    char failure[256];
} curl;

static pthread_once_t opened = PTHREAD_ONCE_INIT;

static void open_curl(void) {
    const char *names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so"};
    void *lib = NULL;
    for (size_t i = 0; i < sizeof names / sizeof *names && !lib; i++) lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        snprintf(curl.failure, sizeof curl.failure, "kgsh needs libcurl for SPARQL endpoints and could not open it (apt-get install libcurl4)");
        return;
    }
#define FIND(field, name) *(void **)(&curl.field) = dlsym(lib, name); if (!curl.field) { \
        snprintf(curl.failure, sizeof curl.failure, "libcurl lacks %s", name); return; }
    FIND(global_init, "curl_global_init")
    FIND(easy_init, "curl_easy_init")
    FIND(easy_setopt, "curl_easy_setopt")
    FIND(easy_perform, "curl_easy_perform")
    FIND(easy_getinfo, "curl_easy_getinfo")
    FIND(easy_cleanup, "curl_easy_cleanup")
    FIND(easy_strerror, "curl_easy_strerror")
    FIND(slist_append, "curl_slist_append")
    FIND(slist_free_all, "curl_slist_free_all")
#undef FIND
    if (curl.global_init(CURL_GLOBAL_ALL) != CURLE_OK) {
        snprintf(curl.failure, sizeof curl.failure, "libcurl did not initialise");
        curl.easy_init = NULL;
    }
}

typedef struct {
    char *bytes;
    size_t length, capacity;
    int failed;
} buffer;

static size_t append(char *data, size_t size, size_t count, void *target) {
    buffer *b = target;
    size_t n = size * count;
    if (b->length + n > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 16384;
        while (capacity < b->length + n) capacity *= 2;
        char *grown = realloc(b->bytes, capacity);
        if (!grown) { b->failed = 1; return 0; }
        b->bytes = grown;
        b->capacity = capacity;
    }
    memcpy(b->bytes + b->length, data, n);
    b->length += n;
    return n;
}

typedef struct {
    int (*cancelled)(void *);
    void *context;
} poll;

static int progress(void *target, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d) {
    (void)a; (void)b; (void)c; (void)d;
    poll *p = target;
    return p->cancelled && p->cancelled(p->context) ? 1 : 0;
}

void kgsh_http_post(const char *url, const void *body, size_t bodyLength,
                    const char *const *headers, size_t headerCount, long timeoutMs,
                    int (*cancelled)(void *context), void *context, kgsh_http_response *response) {
    memset(response, 0, sizeof *response);
    pthread_once(&opened, open_curl);
    if (!curl.easy_init) {
        response->error = KGSH_HTTP_NO_CURL;
        snprintf(response->message, sizeof response->message, "%s", curl.failure);
        return;
    }
    CURL *h = curl.easy_init();
    if (!h) {
        response->error = KGSH_HTTP_OTHER;
        snprintf(response->message, sizeof response->message, "libcurl could not start a transfer");
        return;
    }
    struct curl_slist *list = NULL;
    for (size_t i = 0; i < headerCount; i++) list = curl.slist_append(list, headers[i]);
    buffer received = {0};
    poll p = {cancelled, context};
    char errors[CURL_ERROR_SIZE] = "";
    curl.easy_setopt(h, CURLOPT_URL, url);
    curl.easy_setopt(h, CURLOPT_POST, 1L);
    curl.easy_setopt(h, CURLOPT_POSTFIELDS, body);
    curl.easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)bodyLength);
    curl.easy_setopt(h, CURLOPT_HTTPHEADER, list);
    curl.easy_setopt(h, CURLOPT_WRITEFUNCTION, append);
    curl.easy_setopt(h, CURLOPT_WRITEDATA, &received);
    curl.easy_setopt(h, CURLOPT_TIMEOUT_MS, timeoutMs);
    curl.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl.easy_setopt(h, CURLOPT_ERRORBUFFER, errors);
    curl.easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, progress);
    curl.easy_setopt(h, CURLOPT_XFERINFODATA, &p);
    int code = curl.easy_perform(h);
    switch (code) {
    case CURLE_OK: break;
    case CURLE_COULDNT_CONNECT: response->error = KGSH_HTTP_REFUSED; break;
    case CURLE_COULDNT_RESOLVE_HOST: response->error = KGSH_HTTP_UNKNOWN_HOST; break;
    case CURLE_OPERATION_TIMEDOUT: response->error = KGSH_HTTP_TIMED_OUT; break;
    case CURLE_ABORTED_BY_CALLBACK: response->error = KGSH_HTTP_CANCELLED; break;
    default: response->error = KGSH_HTTP_OTHER; break;
    }
    if (received.failed && code == CURLE_OK) {
        response->error = KGSH_HTTP_OTHER;
        snprintf(response->message, sizeof response->message, "out of memory for the answer");
    } else if (code != CURLE_OK) {
        snprintf(response->message, sizeof response->message, "%s", errors[0] ? errors : curl.easy_strerror(code));
    }
    long status = 0;
    curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    response->status = status;
    char *type = NULL;
    if (curl.easy_getinfo(h, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type) response->contentType = strdup(type);
    response->body = received.bytes;
    response->bodyLength = received.length;
    curl.slist_free_all(list);
    curl.easy_cleanup(h);
}

void kgsh_http_free(kgsh_http_response *response) {
    free(response->body);
    free(response->contentType);
    response->body = NULL;
    response->contentType = NULL;
}
