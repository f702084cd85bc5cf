#ifndef KGSH_CTHREADS_H
#define KGSH_CTHREADS_H

/// Starts `body(context)` on a new detached thread that begins on a CPU other than the caller's
/// when the process may use more than one: Linux tends to put a new thread on its parent's CPU,
/// where it waits for the parent's time slice to end (1–3 ms at kgsh's start). Once running, the
/// thread may use every CPU the process may. Returns 0, or pthread_create's error.
int kgsh_start_thread_elsewhere(void *(*body)(void *), void *context);

#endif
