#ifndef KGSH_CCURL_H
#define KGSH_CCURL_H

#include <stddef.h>

/// One HTTP POST through libcurl, which is opened with dlopen on first use so that kgsh does not
/// load it (nor FoundationNetworking, and their thirty libraries) at every start.

enum {
    KGSH_HTTP_OK = 0,
    KGSH_HTTP_NO_CURL = 1,       // libcurl could not be opened; message says why
    KGSH_HTTP_REFUSED = 2,
    KGSH_HTTP_UNKNOWN_HOST = 3,
    KGSH_HTTP_TIMED_OUT = 4,
    KGSH_HTTP_CANCELLED = 5,
    KGSH_HTTP_OTHER = 6          // message is curl's text
};

typedef struct {
    int error;                   // a KGSH_HTTP_* code
    long status;                 // the HTTP status; 0 when no response came
    char *body;                  // malloc'd, bodyLength bytes (not NUL-terminated)
    size_t bodyLength;
    char *contentType;           // malloc'd copy, or NULL
    char message[512];
} kgsh_http_response;

/// POSTs `bodyLength` bytes of `body` to `url` with the given header lines ("Name: value"),
/// giving up after `timeoutMs`. `cancelled` (may be NULL) is polled while the exchange runs; a
/// nonzero answer stops it. Free the response with kgsh_http_free.
void kgsh_http_post(const char *url, const void *body, size_t bodyLength,
                    const char *const *headers, size_t headerCount, long timeoutMs,
                    int (*cancelled)(void *context), void *context, kgsh_http_response *response);

void kgsh_http_free(kgsh_http_response *response);

#endif
