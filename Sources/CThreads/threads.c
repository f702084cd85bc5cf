#define _GNU_SOURCE
#include "CThreads.h"
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

typedef struct {
    void *(*body)(void *);
    void *context;
    cpu_set_t allowed;
} start;

static void *begin(void *p) {
    start s = *(start *)p;
    free(p);
    // Running now: free to move again.
    sched_setaffinity(0, sizeof s.allowed, &s.allowed);
    return s.body(s.context);
}

int kgsh_start_thread_elsewhere(void *(*body)(void *), void *context) {
    start *s = malloc(sizeof *s);
    if (s == NULL) return -1;
    s->body = body;
    s->context = context;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int here = sched_getcpu();
    if (sched_getaffinity(0, sizeof s->allowed, &s->allowed) == 0 && here >= 0 && CPU_COUNT(&s->allowed) > 1) {
        cpu_set_t elsewhere = s->allowed;
        CPU_CLR(here, &elsewhere);
        if (CPU_COUNT(&elsewhere) > 0) pthread_attr_setaffinity_np(&attr, sizeof elsewhere, &elsewhere);
    } else {
        CPU_ZERO(&s->allowed);
        sched_getaffinity(0, sizeof s->allowed, &s->allowed);
    }
    pthread_t thread;
    int error = pthread_create(&thread, &attr, begin, s);
    pthread_attr_destroy(&attr);
    if (error != 0) free(s);
    return error;
}
