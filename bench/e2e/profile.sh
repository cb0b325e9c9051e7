#!/usr/bin/env bash
# CPU profile of the server while it serves the receiver and while it serves the no-op, then where
# the receiver's extra CPU per delivery goes:
#
#   bench/e2e/profile.sh            (CONCURRENCY: one C, default 64; SERVER=payara for Payara Micro,
#                                    DB=mariadb for MariaDB)
#
# One server (bench/e2e/run.sh with PHASES=receiver) serves the receiver, then the no-op, twice in
# turn (and the no-op once more); async-profiler (from Maven Central) is loaded into it with jcmd
# when the generator reports a second-round warm-up done and stopped when it reports that round's
# result, so neither start-up nor the JIT's first compilations are in the profiles. Profiles and the
# table go to bench/e2e/out/.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/out"
C="${CONCURRENCY:-64}"
SERVER="${SERVER:-wildfly}"
# Output files are named by server, and by database where it is not PostgreSQL.
NAME="$SERVER"
[[ "${DB:-postgresql}" == postgresql ]] || NAME="$SERVER-$DB"
INTERVAL_MS="${INTERVAL_MS:-1}"
# Long enough that the JIT has compiled the path before the second round (Payara's takes longest).
export WARMUP="${WARMUP:-100000}"
# Measured windows of seconds, not one: jcmd itself takes a few hundred milliseconds to attach.
export USERS="${USERS:-60000}"
AP_VERSION=4.1
AP="$OUT/async-profiler/linux-x64/libasyncProfiler.so"
mkdir -p "$OUT/logs"

if [[ ! -f "$AP" ]]; then
    mvn -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION" \
        -DoutputDirectory="$OUT/async-profiler" > "$OUT/logs/async-profiler.log" 2>&1
    (cd "$OUT/async-profiler" && unzip -o -q "async-profiler-$AP_VERSION.jar" 'linux-x64/*')
fi

log="$OUT/logs/profile-$NAME-c$C.log"
rm -f "$OUT/server.pid"
# The last no-op keeps the server up while the profile of the one before is written.
PHASES=receiver ON_SERVER="receiver noop receiver noop noop" CONCURRENCY="$C" "$HERE/run.sh" > "$log" 2>&1 &
run=$!

# Waits until the run's log holds $2 lines matching $1.
await_lines() {
    until (( $(grep -c -- "$1" "$log" 2>/dev/null || true) >= $2 )); do
        kill -0 "$run" 2>/dev/null || { tail -30 "$log"; echo "profile.sh: the run ended early" >&2; exit 1; }
        sleep 0.2
    done
}

deliveries=()
round=3 # the second round's receiver, then its no-op
for target in receiver noop; do
    await_lines '  warm-up: ' "$round"
    pid="$(cat "$OUT/server.pid")"
    # The inner quotes keep jcmd from reading the agent's options as its own key=value arguments.
    jcmd "$pid" JVMTI.agent_load "$AP" "\"start,event=cpu,interval=${INTERVAL_MS}ms\"" | grep -q 'return code: 0' \
        || { echo "profile.sh: async-profiler did not start in $pid" >&2; exit 1; }
    await_lines '^RESULT ' "$round"
    jcmd "$pid" JVMTI.agent_load "$AP" "\"stop,file=$OUT/profile-$NAME-$target-c$C.collapsed,collapsed\"" > /dev/null
    result="$(grep '^RESULT ' "$log" | sed -n "${round}p")"
    echo "$result"
    deliveries+=("$(sed -n 's/^RESULT .* deliveries=\([0-9]*\) .*/\1/p' <<< "$result")")
    round=$((round + 1))
done
wait "$run"
python3 "$HERE/profile-summary.py" --per-delivery "$INTERVAL_MS" \
    "$OUT/profile-$NAME-receiver-c$C.collapsed" "${deliveries[0]}" \
    "$OUT/profile-$NAME-noop-c$C.collapsed" "${deliveries[1]}" \
    | tee "$OUT/profile-$NAME-c$C.md"
