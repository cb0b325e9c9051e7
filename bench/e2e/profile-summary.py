#!/usr/bin/env python3
import sys, re, collections
# Summarize async-profiler collapsed stacks: where CPU time goes, each sample charged to the innermost
# frame that belongs to a named layer (so "capydb" means capydb's own code, not what it calls).
layers = [("HMAC / SHA-256", r"^(sun\.security\.provider|com\.sun\.crypto|javax\.crypto)"),
          ("JSON-P (Parsson)", r"^(org\.eclipse\.parsson|jakarta\.json)"),
          ("capydb-auth-sync", r"^dev[./]capydb[./]authsync"),
          ("example app (SignUpLog)", r"^dev[./]capydb[./]example"),
          ("logging", r"^(org[./]jboss[./]logmanager|java[./]util[./]logging|org[./]jboss[./]logging)"),
          ("PostgreSQL JDBC", r"^org[./]postgresql"),
          ("JCA pool (IronJacamar)", r"^org[./]jboss[./]jca"),
          ("Narayana JTA", r"^(com[./]arjuna|org[./]jboss[./]narayana|org[./]jboss[./]as[./]txn|com[./]arjuna)"),
          ("Weld CDI", r"^org[./]jboss[./]weld"),
          ("RESTEasy", r"^org[./]jboss[./]resteasy"),
          ("Undertow servlet", r"^io[./]undertow[./]servlet"),
          ("Undertow / XNIO (HTTP)", r"^(io[./]undertow|org[./]xnio)"),
          ("JIT compiler", r"^(C2Compiler|Compile|CompileBroker|C1|PhaseIdealLoop|Parse)"),
          ("GC", r"^(G1|GC|ParallelGC|WorkerThread::run|GangWorker)"),
          ("kernel / native I/O", r"^(\[k\]|__|sys_|do_syscall|epoll|entry_SYSCALL)"),
          ]
total = 0; by = collections.Counter(); tops = collections.Counter()
for line in open(sys.argv[1]):
    stack, _, n = line.rstrip().rpartition(' ')
    n = int(n); total += n
    frames = stack.split(';')
    tops[frames[-1]] += n
    for f in reversed(frames):
        name = f.replace('_[j]','').replace('_[i]','').replace('_[k]','')
        hit = next((label for label, rx in layers if re.search(rx, name)), None)
        if hit: by[hit] += n; break
    else: by["other (JDK, unattributed)"] += n
print(f"{total} samples")
for k, c in by.most_common(): print(f"  {c*100/total:5.1f}%  {k}")
print("top frames:")
for k, c in tops.most_common(int(sys.argv[2]) if len(sys.argv) > 2 else 12): print(f"  {c*100/total:5.1f}%  {k[:150]}")
