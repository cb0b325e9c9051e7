#!/usr/bin/env bash
# Memory benchmark of the receiver (the WildFly example on PostgreSQL), one command:
#
#   bench/e2e/soak.sh                  # 10 minutes of load
#   SOAK_SECONDS=60 bench/e2e/soak.sh  # a quick check
#
# Part 1, soak: fresh users (create, then update) at C=16 for SOAK_SECONDS, GC logging on. Reports
# the heap after each GC per minute of load, a least-squares slope (MB/min) with first/last-minute
# averages, and the live heap after a full GC before and after the load: a leak shows as a slope
# beyond the noise of the GCs and as a live heap that grew. The deliveries are verified as always.
# Part 2, in-flight bodies: C requests with bodies just under the limit (capydb.auth.max-body-bytes,
# 1 MiB by default), each held before its end, show what the receiver buffers per request (live
# byte[] with them held, minus idle), once with a declared length and once chunked; a declared
# length over the limit must get 413 without any body byte being sent.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SOAK_SECONDS="${SOAK_SECONDS:-600}"
SOAK_CONCURRENCY="${SOAK_CONCURRENCY:-16}"
SOAK_WARMUP_USERS="${SOAK_WARMUP_USERS:-2000}"
PROBE_CONCURRENCY="${PROBE_CONCURRENCY:-$SOAK_CONCURRENCY}"
# The receiver's limit; set CAPYDB_AUTH_MAX_BODY_BYTES to change it for the server and the probe alike.
MAX_BODY_BYTES="${CAPYDB_AUTH_MAX_BODY_BYTES:-1048576}"

STAMP="$(date +%Y%m%d-%H%M%S)"
GC_LOG="$OUT/soak-gc-$STAMP.log"
REPORT="$OUT/soak-$STAMP.txt"

stop_wildfly_on_exit soak.sh

mkdir -p "$LOGS"
require_tools java mvn psql pg_isready curl setsid timeout jcmd awk
(( SOAK_SECONDS >= 10 )) || die "SOAK_SECONDS must be at least 10"

# Live heap after a full GC: HEAP_KIB (G1's occupancy, from GC.heap_info) and BYTE_ARRAYS (bytes of
# all live byte[], from GC.class_histogram, which runs the full GC itself).
heap_sample() {
    BYTE_ARRAYS="$(jcmd "$WILDFLY_PID" GC.class_histogram | awk '$4 == "[B" { print $3; exit }')"
    HEAP_KIB="$(jcmd "$WILDFLY_PID" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1)"
    [[ -n "$BYTE_ARRAYS" && -n "$HEAP_KIB" ]] || die "jcmd could not sample the heap of pid $WILDFLY_PID"
}
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

log "receiver memory benchmark: ${SOAK_SECONDS}s at C=$SOAK_CONCURRENCY, then $PROBE_CONCURRENCY bodies of $MAX_BODY_BYTES bytes held"
build
fresh_database
# The GC log's time stamps are wall-clock milliseconds, to cut out exactly the load window.
BENCH_JAVA_OPTS="$BENCH_JAVA_OPTS -Xlog:gc:file=$GC_LOG:timemillis,uptime"
start_wildfly wildfly-soak.log

log "warm-up: $SOAK_WARMUP_USERS users"
loadgen "$LOGS/soak-warmup.log" --url "http://127.0.0.1:$WILDFLY_HTTP_PORT" --target-name soak-warmup \
    --concurrency "$SOAK_CONCURRENCY" --users "$SOAK_WARMUP_USERS" --warmup 0 \
    || die "the warm-up failed (see $LOGS/soak-warmup.log)"
jcmd "$WILDFLY_PID" GC.class_histogram | head -25 > "$LOGS/soak-histogram-before.txt" || true
heap_sample
LIVE_BEFORE="$HEAP_KIB"
echo "live heap after warm-up (full GC): $(mib "$LIVE_BEFORE") MiB"

log "soak: ${SOAK_SECONDS}s of fresh users at C=$SOAK_CONCURRENCY"
T0="$(date +%s%3N)"
loadgen "$LOGS/soak-load.log" --url "http://127.0.0.1:$WILDFLY_HTTP_PORT" --target-name soak \
    --concurrency "$SOAK_CONCURRENCY" --seconds "$SOAK_SECONDS" --warmup 0 --progress 60 \
    || die "the soak's load failed (see $LOGS/soak-load.log)"
T1="$(date +%s%3N)"
# The load itself, without the generator's start-up and its verification afterwards.
T0="$(sed -n 's/^WINDOW start_ms=\([0-9]*\) end_ms=.*/\1/p' "$LOGS/soak-load.log" | grep . || echo "$T0")"
T1="$(sed -n 's/^WINDOW start_ms=[0-9]* end_ms=\([0-9]*\).*/\1/p' "$LOGS/soak-load.log" | grep . || echo "$T1")"
jcmd "$WILDFLY_PID" GC.class_histogram | head -25 > "$LOGS/soak-histogram-after.txt" || true
heap_sample
LIVE_AFTER="$HEAP_KIB"

# Heap after each young/mixed/full GC inside [T0, T1], per minute of load, and its least-squares line.
# A G1 log line: [12.345s][1732351234567ms] GC(42) Pause Young (Normal) (G1 Evacuation Pause) 98M->41M(256M) 2.1ms
analyze_gc_log() {
    awk -v t0="$T0" -v t1="$T1" '
        BEGIN { n = 0; last = 0 }
        function mb(s,   n, u) { n = s + 0; u = substr(s, length(s)); return u == "G" ? n * 1024 : u == "K" ? n / 1024 : n }
        /Pause (Young|Full)/ {
            if (!match($0, /\[[0-9]+ms\]/)) next          # the wall-clock decorator, e.g. [1732351234567ms]
            t = substr($0, RSTART + 1, RLENGTH - 4) + 0
            if (t < t0 || t > t1) next
            for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+[KMG]->[0-9.]+[KMG]\([0-9.]+[KMG]\)$/) {
                split($i, a, /->|\(/)
                x[++n] = (t - t0) / 60000; y[n] = mb(a[2])
                m = int(x[n]); cnt[m]++; sum[m] += y[n]
                if (!(m in lo) || y[n] < lo[m]) lo[m] = y[n]
                if (!(m in hi) || y[n] > hi[m]) hi[m] = y[n]
                if (m > last) last = m
            }
        }
        END {
            if (n < 3) { print "too few GCs in the load window to judge (" n + 0 ")"; exit 3 }
            printf "| minute | GCs | heap after GC, mean MB | min | max |\n|---:|---:|---:|---:|---:|\n"
            for (m = 0; m <= last; m++) if (m in cnt) printf "| %d | %d | %.1f | %.0f | %.0f |\n", m + 1, cnt[m], sum[m] / cnt[m], lo[m], hi[m]
            for (i = 1; i <= n; i++) { sx += x[i]; sy += y[i]; sxx += x[i] * x[i]; sxy += x[i] * y[i] }
            slope = (n * sxy - sx * sy) / (n * sxx - sx * sx); icpt = (sy - slope * sx) / n
            for (i = 1; i <= n; i++) { r = y[i] - (icpt + slope * x[i]); ss += r * r }
            sd = sqrt(ss / (n - 2)); minutes = (t1 - t0) / 60000; change = slope * minutes
            first = sum[0] / cnt[0]; lastavg = sum[last] / cnt[last]
            printf "\n%d GCs in %.1f min of load. Least-squares slope: %+.2f MB/min (fitted change over the run %+.1f MB; scatter of the samples around the line: %.1f MB)\n", n, minutes, slope, change, sd
            printf "first minute: %.1f MB after GC on average; last minute: %.1f MB\n", first, lastavg
            # Noise: twice the scatter of the samples around the line, and never less than the 1 MB resolution of the log.
            noise = 2 * sd > 1 ? 2 * sd : 1
            if ((change < 0 ? -change : change) <= noise)
                printf "heap after GC: flat (the fitted change over the run, %+.1f MB, is within the noise of %.1f MB)\n", change, noise
            else
                printf "heap after GC: NOT flat: it %s by %.1f MB over the run, beyond the noise of %.1f MB\n", (change > 0 ? "grew" : "shrank"), (change < 0 ? -change : change), noise
        }' "$GC_LOG"
}

{
    echo "receiver memory benchmark, $(date -u +%Y-%m-%dT%H:%MZ): WildFly example on PostgreSQL, heap ${WILDFLY_HEAP}, C=$SOAK_CONCURRENCY, ${SOAK_SECONDS}s"
    grep '^RESULT ' "$LOGS/soak-load.log"
    echo
    analyze_gc_log || echo "(no verdict from the GC log: see above)"
    echo
    echo "live heap after a full GC: $(mib "$LIVE_BEFORE") MiB after the warm-up, $(mib "$LIVE_AFTER") MiB after the soak ($(awk -v a="$LIVE_AFTER" -v b="$LIVE_BEFORE" 'BEGIN { printf "%+.1f", (a - b) / 1024 }') MiB)"
} > "$REPORT"

# --- part 2: bytes buffered per request in flight --------------------------------------------------
probe() {
    local mode="$1" idle_heap idle_bytes held_heap held_bytes
    local release="$OUT/probe-release-$mode"
    rm -f "$release"
    heap_sample
    idle_heap="$HEAP_KIB" idle_bytes="$BYTE_ARRAYS"
    java "$HERE/BodyBuffering.java" --url "http://127.0.0.1:$WILDFLY_HTTP_PORT" --secret "$SECRET" \
        --concurrency "$PROBE_CONCURRENCY" --limit "$MAX_BODY_BYTES" --mode "$mode" --release "$release" \
        --run-id "$STAMP" > "$LOGS/probe-$mode.log" 2>&1 &
    CHILD_PID=$!
    local waited=0
    until grep -q '^HOLDING' "$LOGS/probe-$mode.log"; do
        kill -0 "$CHILD_PID" 2>/dev/null && (( waited < 1200 )) || { cat "$LOGS/probe-$mode.log" >&2; die "the $mode probe did not get to hold its requests"; }
        sleep 0.1
        waited=$((waited + 1))
    done
    heap_sample
    held_heap="$HEAP_KIB" held_bytes="$BYTE_ARRAYS"
    touch "$release"
    wait "$CHILD_PID" || { cat "$LOGS/probe-$mode.log" >&2; die "the $mode probe failed"; }
    CHILD_PID=""
    heap_sample
    rm -f "$release"
    grep -E '^(OVERSIZED|RELEASED)' "$LOGS/probe-$mode.log" | sed 's/^/  /'
    # The bound is on bytes buffered: live byte[] growth per held request against the limit, with an
    # allowance of 16 KiB per request for what any request holds besides its body (headers, the
    # container's request state). G1's occupancy is shown too: a buffer over half a region (1 MiB
    # regions at -Xmx512m) is a humongous object and takes whole regions.
    awk -v c="$PROBE_CONCURRENCY" -v limit="$MAX_BODY_BYTES" -v mode="$mode" \
        -v ih="$idle_heap" -v hh="$held_heap" -v ah="$HEAP_KIB" -v ib="$idle_bytes" -v hb="$held_bytes" -v ab="$BYTE_ARRAYS" 'BEGIN {
        bytes = hb - ib; heap = (hh - ih) * 1024; bound = c * (limit + 16384)
        printf "  %s: live byte[] %.1f MiB idle, %.1f MiB with %d bodies of %d bytes held, %.1f MiB after they completed\n", mode, ib / 1048576, hb / 1048576, c, limit - 1, ab / 1048576
        printf "    byte[] growth %.2f MiB = %.0f bytes per request in flight = %.3f x the limit (body %d + %.0f other bytes)\n", bytes / 1048576, bytes / c, bytes / c / limit, limit - 1, bytes / c - (limit - 1)
        printf "    bound C x (limit + 16 KiB) = %.2f MiB: %s\n", bound / 1048576, (bytes <= bound ? "within" : "EXCEEDED")
        printf "    G1 heap occupancy: %.1f -> %.1f -> %.1f MiB: %.2f x the limit per request held (humongous regions)\n", ih / 1024, hh / 1024, ah / 1024, heap / c / limit
    }'
}
PROBE_EXCEEDED=0
log "in-flight bodies: $PROBE_CONCURRENCY requests of $((MAX_BODY_BYTES - 1)) bytes held before their end"
{
    echo
    echo "bytes buffered per request in flight (limit $MAX_BODY_BYTES bytes, $PROBE_CONCURRENCY requests held before their end; live heap after full GCs):"
    probe length
    probe chunked
} >> "$REPORT"
! grep -q EXCEEDED "$REPORT" || PROBE_EXCEEDED=1

stop_wildfly
log "report (also in ${REPORT#"$ROOT"/}; GC log ${GC_LOG#"$ROOT"/})"
cat "$REPORT"
(( PROBE_EXCEEDED == 0 )) || die "more than the limit (+16 KiB) was buffered per request in flight"
