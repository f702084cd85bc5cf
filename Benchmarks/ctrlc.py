#!/usr/bin/env python3
"""How long Ctrl-C takes to stop a query at kgsh's prompt, measured through a real terminal.

kgsh runs in a pseudo-terminal (readline active, as a user has it). For each query and delay,
the script types the query  (a product of three patterns on the seed graph, with `.limit memory` raised so
that it runs for several seconds: rows found and kept, then sorted, made distinct or grouped), waits
the delay, types Ctrl-C (the byte 0x03: the terminal sends SIGINT), and times until
"Interrupted" appears. Several runs per delay; prints the median and the range.

usage: Benchmarks/ctrlc.py [--kgsh .build/release/kgsh] [--kb Knowledge] [--runs 5]
                           [--delays 0.3,1,2] [--queries product,ordered,...]
"""
import argparse
import os
import pty
import select
import signal
import statistics
import sys
import tempfile
import time

QUERIES = {
    "product": "?a ?p ?b, ?c ?q ?d, ?e ?r ?f",
    "ordered": "find ?b, ?d where ?a ?p ?b, ?c ?q ?d, ?e type ?t order by ?d, ?b limit 3",
    "distinct": "find distinct ?b, ?d, ?t where ?a ?p ?b, ?c ?q ?d, ?e type ?t",
    "grouped": "find ?a, ?p, count(?d) as n where ?a ?p ?b, ?c ?q ?d, ?e type ?t group by ?a, ?p",
}


def read_until(fd, marker, timeout, other=None):
    """Reads from fd until marker appears; returns the time it appeared (or None, also when
    `other` appears first)."""
    seen = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.005)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return None
            seen += chunk
            if marker in seen:
                return time.monotonic()
            if other is not None and other in seen:
                return None
    return None


def one(kgsh, kb, query, delay, state):
    pid, fd = pty.fork()
    if pid == 0:
        env = dict(os.environ, XDG_STATE_HOME=state, XDG_CONFIG_HOME=state, LANG="C.UTF-8", TERM="xterm")
        env.pop("NO_COLOR", None)
        os.execve(kgsh, [kgsh, "--kb", kb], env)
    try:
        if read_until(fd, b"kgsh> ", 30) is None:
            sys.exit("kgsh never showed its prompt")
        # The default memory limit (10 million intermediate rows) can stop the query within a
        # second; raised, it runs for several.
        os.write(fd, b".limit memory 100000000\r")
        if read_until(fd, b"kgsh> ", 30) is None:
            sys.exit("kgsh did not take .limit")
        os.write(fd, query.encode() + b"\r")
        time.sleep(delay)
        sent = time.monotonic()
        os.write(fd, b"\x03")
        answered = read_until(fd, b"Interrupted", 30, other=b"rows")
        if answered is None:
            return None  # the query ended (or hit a limit) before Ctrl-C
        return (answered - sent) * 1000
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kgsh", default=".build/release/kgsh")
    p.add_argument("--kb", default="Knowledge")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--delays", default="0.3,1,2")
    p.add_argument("--queries", default=",".join(QUERIES), help="which of " + ", ".join(QUERIES))
    a = p.parse_args()
    state = tempfile.mkdtemp(prefix="kgsh-ctrlc-")
    print(f"Ctrl-C to 'Interrupted', ms ({a.runs} runs per delay; {a.kgsh}; load {os.getloadavg()[0]:.2f})")
    print("| query | running for | median ms | min–max ms |")
    print("|---|---|---|---|")
    for name in a.queries.split(","):
        for delay in [float(d) for d in a.delays.split(",")]:
            times = [one(a.kgsh, a.kb, QUERIES[name], delay, state) for _ in range(a.runs)]
            if None in times:
                print(f"| {name}: `{QUERIES[name]}` | {delay:g} s | ended before Ctrl-C | |", flush=True)
                continue
            print(f"| {name}: `{QUERIES[name]}` | {delay:g} s | {statistics.median(times):.1f} | {min(times):.1f}–{max(times):.1f} |", flush=True)


if __name__ == "__main__":
    main()
