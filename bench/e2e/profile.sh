#!/usr/bin/env bash
# CPU profile of the server during the measured window only (after the warm-up), for the receiver
# and for the no-op on the same server, then where the receiver's extra CPU per delivery goes:
#
#   bench/e2e/profile.sh            (CONCURRENCY: one C, default 64)
#
# Each target gets a WildFly of its own (bench/e2e/run.sh with PHASES=receiver ON_SERVER=<target>);
# async-profiler (from Maven Central) is loaded into the running JVM with jcmd once the generator
# reports its warm-up done, and stopped when it reports its result, so neither start-up nor JIT
# warm-up is in the profile. Profiles and the table go to bench/e2e/out/.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/out"
C="${CONCURRENCY:-64}"
# Long enough, at the no-op's rate too, that C2 has compiled the path before the profile starts.
export WARMUP="${WARMUP:-100000}"
INTERVAL_MS="${INTERVAL_MS:-1}"
AP_VERSION=4.1
AP="$OUT/async-profiler/linux-x64/libasyncProfiler.so"
mkdir -p "$OUT/logs"

if [[ ! -f "$AP" ]]; then
    mvn -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION" \
        -DoutputDirectory="$OUT/async-profiler" > "$OUT/logs/async-profiler.log" 2>&1
    (cd "$OUT/async-profiler" && unzip -o -q "async-profiler-$AP_VERSION.jar" 'linux-x64/*')
fi

deliveries=()
for target in receiver noop; do
    log="$OUT/logs/profile-$target-c$C.log"
    profile="$OUT/profile-$target-c$C.collapsed"
    rm -f "$profile"
    PHASES=receiver ON_SERVER="$target" CONCURRENCY="$C" "$HERE/run.sh" > "$log" 2>&1 &
    run=$!
    until grep -q '  warm-up: ' "$log" 2>/dev/null; do
        kill -0 "$run" 2>/dev/null || { tail -30 "$log"; echo "profile.sh: the run ended before its warm-up" >&2; exit 1; }
        sleep 0.2
    done
    pid="$(cat "$OUT/wildfly.pid")"
    # The inner quotes keep jcmd from reading the agent's options as its own key=value arguments.
    jcmd "$pid" JVMTI.agent_load "$AP" "\"start,event=cpu,interval=${INTERVAL_MS}ms\"" | grep -q 'return code: 0' \
        || { echo "profile.sh: async-profiler did not start in $pid" >&2; exit 1; }
    until grep -q '^RESULT ' "$log" 2>/dev/null; do
        kill -0 "$run" 2>/dev/null || { tail -30 "$log"; echo "profile.sh: the run ended without a result" >&2; exit 1; }
        sleep 0.2
    done
    jcmd "$pid" JVMTI.agent_load "$AP" "\"stop,file=$profile,collapsed\"" > /dev/null
    wait "$run"
    grep '^RESULT ' "$log"
    deliveries+=("$(sed -n 's/^RESULT .* deliveries=\([0-9]*\) .*/\1/p' "$log")")
done
# The window also holds the generator's last requests' answers; the deliveries are its measured ones.
python3 "$HERE/profile-summary.py" --per-delivery "$INTERVAL_MS" \
    "$OUT/profile-receiver-c$C.collapsed" "${deliveries[0]}" "$OUT/profile-noop-c$C.collapsed" "${deliveries[1]}" \
    | tee "$OUT/profile-c$C.md"
