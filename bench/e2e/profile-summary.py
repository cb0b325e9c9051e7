#!/usr/bin/env python3
"""Summarizes async-profiler collapsed stacks by layer: each sample is charged to the innermost frame
that belongs to a named layer (so "capydb-auth-sync" means the library's own code, not what it calls).

  profile-summary.py PROFILE [TOP]
      shares of the profile's samples by layer, and its TOP (12) innermost frames
  profile-summary.py --per-delivery INTERVAL_MS RECEIVER.collapsed N NOOP.collapsed M
      CPU µs per delivery by layer for two profiles of the same server (the receiver's N deliveries,
      the no-op's M requests), side by side with the difference: where the receiver's extra CPU goes
"""
import collections
import re
import sys

LAYERS = [("HMAC / SHA-256", r"^(sun\.security\.provider|com\.sun\.crypto|javax\.crypto)"),
          ("JSON-P (Parsson)", r"^(org\.eclipse\.parsson|jakarta\.json)"),
          ("capydb-auth-sync", r"^dev[./]capydb[./]authsync"),
          ("example app", r"^dev[./]capydb[./]example"),
          ("logging", r"^(org[./]jboss[./]logmanager|java[./]util[./]logging|org[./]jboss[./]logging)"),
          ("PostgreSQL JDBC", r"^org[./]postgresql"),
          ("MariaDB JDBC", r"^org[./]mariadb[./]jdbc"),
          ("JCA pool (IronJacamar)", r"^org[./]jboss[./]jca"),
          ("Narayana JTA", r"^(com[./]arjuna|org[./]jboss[./]narayana|org[./]jboss[./]as[./]txn)"),
          ("Payara JTA and pool", r"^(com[./]sun[./]enterprise[./](transaction|resource)|com[./]sun[./]gjc|fish[./]payara[./]jdbc)"),
          ("Jersey", r"^org[./]glassfish[./]jersey"),
          ("Payara web container (Catalina)", r"^org[./]apache[./]catalina"),
          ("Grizzly (HTTP)", r"^org[./]glassfish[./]grizzly"),
          ("Weld CDI", r"^org[./]jboss[./]weld"),
          ("RESTEasy", r"^org[./]jboss[./]resteasy"),
          ("Undertow servlet", r"^io[./]undertow[./]servlet"),
          ("Undertow / XNIO (HTTP)", r"^(io[./]undertow|org[./]xnio)"),
          ("thread park / unpark", r"^(java[./]util[./]concurrent[./]locks[./]LockSupport|jdk[./]internal[./]misc[./]Unsafe[./](park|unpark)|Unsafe_Park|Unsafe_Unpark|Parker::)"),
          ("JIT compiler", r"^(C2Compiler|Compile|CompileBroker|C1|PhaseIdealLoop|Parse)"),
          ("GC", r"^(G1|GC|ParallelGC|WorkerThread::run|GangWorker)"),
          ("kernel / native I/O", r"^(\[k\]|__|sys_|do_syscall|epoll|entry_SYSCALL)"),
          ]
OTHER = "other (JDK, unattributed)"


def attribute(path):
    """(total samples, samples by layer, samples by innermost frame)"""
    total = 0
    by = collections.Counter()
    tops = collections.Counter()
    for line in open(path):
        stack, _, n = line.rstrip().rpartition(' ')
        n = int(n)
        total += n
        frames = stack.split(';')
        tops[frames[-1]] += n
        for f in reversed(frames):
            name = f.replace('_[j]', '').replace('_[i]', '').replace('_[k]', '')
            hit = next((label for label, rx in LAYERS if re.search(rx, name)), None)
            if hit:
                by[hit] += n
                break
        else:
            by[OTHER] += n
    return total, by, tops


def summary(path, top):
    total, by, tops = attribute(path)
    print(f"{total} samples")
    for k, c in by.most_common():
        print(f"  {c * 100 / total:5.1f}%  {k}")
    print("top frames:")
    for k, c in tops.most_common(top):
        print(f"  {c * 100 / total:5.1f}%  {k[:150]}")


def per_delivery(interval_ms, receiver, deliveries, noop, requests):
    r_total, r_by, _ = attribute(receiver)
    n_total, n_by, _ = attribute(noop)
    us = interval_ms * 1000
    r = {k: v * us / deliveries for k, v in r_by.items()}
    n = {k: v * us / requests for k, v in n_by.items()}
    print("| layer | receiver µs/delivery | no-op µs/request | difference |")
    print("|---|---:|---:|---:|")
    for k in sorted(set(r) | set(n), key=lambda k: -(r.get(k, 0) - n.get(k, 0))):
        print(f"| {k} | {r.get(k, 0):.1f} | {n.get(k, 0):.1f} | {r.get(k, 0) - n.get(k, 0):+.1f} |")
    rt, nt = r_total * us / deliveries, n_total * us / requests
    print(f"| **all** | **{rt:.1f}** | **{nt:.1f}** | **{rt - nt:+.1f}** |")


if __name__ == "__main__":
    if sys.argv[1] == "--per-delivery":
        per_delivery(float(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], int(sys.argv[6]))
    else:
        summary(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 12)
