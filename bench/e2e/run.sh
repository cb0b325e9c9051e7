#!/usr/bin/env bash
# End-to-end throughput benchmark, one command from a clean clone:
#
#   bench/e2e/run.sh
#
# Measures, in one run and on the same fresh database, at each concurrency C:
#   receiver  the WildFly example (capydb-auth-sync) on PostgreSQL, driven by LoadGenerator.java
#   noop      the same running server serving a JAX-RS POST that only reads the body (bench/noop),
#             alternated with the receiver: the server's own ceiling
# (ON_SERVER may add "blocking" and "async": the no-op waiting 2 ms for a stand-in commit, its request
# thread blocked or its response suspended; see bench/README.md)
#   pgbench   the receiver's per-delivery transaction alone (bench/pgbench/delivery.sql)
#   node      a minimal hand-written Node receiver (bench/node-peer), driven by the same LoadGenerator
#   jdbc      the same deliveries written straight into the database by LoadGenerator --jdbc-loop, one
#             transaction each with the receiver's own statements: the database's rate on MariaDB
# and prints a Markdown table with the ratios. Every LoadGenerator run checks the table afterwards;
# any failed request or verification fails the whole benchmark. Raw RESULT lines and the table go to
# bench/e2e/out/. DB=mariadb runs the receiver on MariaDB instead, with the phases receiver and jdbc.
# Settings (environment): see bench/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

CONCURRENCY="${CONCURRENCY:-1 16 64}"
USERS="${USERS:-10000}"
WARMUP="${WARMUP:-20000}"
PGBENCH_SECONDS="${PGBENCH_SECONDS:-20}"
NODE_PORT="${NODE_PORT:-8090}"
if [[ "$DB" == mariadb ]]; then
    PHASES="${PHASES:-receiver jdbc}"
else
    PHASES="${PHASES:-receiver pgbench node}"
fi
# What the receiver phase loads on its server, alternated at each C (one alone, e.g. to profile it).
ON_SERVER="${ON_SERVER:-receiver noop}"

NODE_PID=""
STAMP="$(date +%Y%m%d-%H%M%S)"
RESULTS="$OUT/results-$STAMP.txt"
TABLE="$OUT/results-$STAMP.md"

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_child
    stop_server || true
    if [[ -n "$NODE_PID" ]]; then
        kill -TERM "$NODE_PID" 2>/dev/null || true
        wait "$NODE_PID" 2>/dev/null || true
    fi
    drop_database
    if (( status != 0 )); then
        echo "run.sh FAILED (exit $status); logs in $LOGS" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$LOGS"
require_tools java mvn curl setsid timeout
for phase in $PHASES; do
    case "$phase" in
        pgbench | node) [[ "$DB" == postgresql ]] || die "the $phase phase runs on PostgreSQL only (DB=$DB)" ;;&
        pgbench) require_tools psql pgbench ;;
        node) require_tools psql node npm ;;
    esac
done
: > "$RESULTS"

# A RESULT line's field: field NAME LINE
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< " $2"; }

# The LoadGenerator against target $1 at URL $2 with C = $3, from empty tables; further arguments go
# to the generator.
load_once() {
    local name="$1" url="$2" c="$3"
    shift 3
    reset_tables
    log "$name, C=$c"
    loadgen "$LOGS/$name-c$c.log" --url "$url" --target-name "$name" \
        --concurrency "$c" --users "$USERS" --warmup "$WARMUP" "$@" \
        || die "$name at C=$c (see $LOGS/$name-c$c.log)"
    grep '^RESULT ' "$LOGS/$name-c$c.log" >> "$RESULTS"
}

# --- receiver, and the no-op ceiling on the same server -----------------------------------------
run_receiver() {
    start_server "$SERVER-run.log" "$NOOP_WAR"
    local c target
    for c in $CONCURRENCY; do
        for target in $ON_SERVER; do
            case "$target" in
                receiver) load_once receiver "http://127.0.0.1:$WILDFLY_HTTP_PORT" "$c" --server-pid "$SERVER_PID" ;;
                noop) load_once noop "http://127.0.0.1:$WILDFLY_HTTP_PORT/noop" "$c" --server-pid "$SERVER_PID" --jdbc none ;;
                blocking | async)
                    load_once "$target" "http://127.0.0.1:$WILDFLY_HTTP_PORT/noop/$target" "$c" --server-pid "$SERVER_PID" --jdbc none ;;
                *) die "unknown ON_SERVER target $target (receiver, noop, blocking, async)" ;;
            esac
        done
    done
    stop_server
    # The server must be gone: nothing of it may disturb the next phases.
    ! port_in_use "$WILDFLY_HTTP_PORT" || die "$SERVER still listens on $WILDFLY_HTTP_PORT after its shutdown"
}

# --- pgbench --------------------------------------------------------------------------------------
run_pgbench() {
    ensure_schema
    local c out tps processed failed deliveries p50 p95 p99
    for c in $CONCURRENCY; do
        log "pgbench, C=$c, ${PGBENCH_SECONDS}s"
        # Empty tables plus $USERS users to update, like the receiver's run at its end of creates.
        psql_db -v seeded="$USERS" -f "$ROOT/bench/pgbench/seed.sql"
        rm -f "$OUT"/pgbench-log.*
        out="$LOGS/pgbench-c$c.log"
        run_logged "$out" timeout $((PGBENCH_SECONDS + 120)) pgbench -n -M prepared -c "$c" -j 2 \
            -T "$PGBENCH_SECONDS" -D seeded="$USERS" -l --log-prefix="$OUT/pgbench-log" \
            -f "$ROOT/bench/pgbench/delivery.sql" "$BENCH_DB" \
            || die "pgbench at C=$c (see $out)"
        tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$out")"
        processed="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")"
        failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")"
        [[ -n "$tps" && -n "$processed" ]] || die "could not read pgbench's output (see $out)"
        # Per-transaction latencies (µs, third column of pgbench's log) for percentiles like the others.
        read -r p50 p95 p99 < <(cat "$OUT"/pgbench-log.* | awk '{print $3}' | sort -n | awk '
            { v[NR] = $1 }
            function pct(p,  r) { r = int(p * NR + 0.999999); if (r < 1) r = 1; return v[r] / 1000 }
            END { printf "%.2f %.2f %.2f\n", pct(0.50), pct(0.95), pct(0.99) }')
        rm -f "$OUT"/pgbench-log.*
        # The same rule as for the receivers: every transaction's delivery must be in the table.
        deliveries="$(psql_db -Atc "SELECT count(*) FROM capydb_auth.deliveries")"
        local verified=ok
        if [[ "${failed:-0}" != 0 || "$deliveries" != "$processed" ]]; then
            verified=FAILED
        fi
        printf 'RESULT target=pgbench c=%s deliveries=%s seconds=%s rate=%s p50=%s p95=%s p99=%s failures=%s verified=%s\n' \
            "$c" "$processed" "$PGBENCH_SECONDS" "$(printf '%.1f' "$tps")" "$p50" "$p95" "$p99" "${failed:-0}" "$verified" \
            | tee -a "$RESULTS"
        [[ "$verified" == ok ]] || die "pgbench at C=$c: $failed failed transactions, $deliveries of $processed deliveries recorded"
    done
}

# --- Node peer ------------------------------------------------------------------------------------
run_node() {
    ensure_schema
    local peer="$ROOT/bench/node-peer" c
    if [[ ! -d "$peer/node_modules" ]]; then
        log "npm ci in bench/node-peer"
        (cd "$peer" && npm ci --no-audit --no-fund) > "$LOGS/npm.log" 2>&1 || { cat "$LOGS/npm.log"; die "npm ci"; }
    fi
    require_free_port "$NODE_PORT"
    log "starting the Node peer on $NODE_PORT (pg pool: ${PG_POOL_MAX:-pg default 10})"
    CAPYDB_AUTH_BETTER_AUTH_SECRET="$SECRET" PORT="$NODE_PORT" PGDATABASE="$BENCH_DB" \
        setsid node "$peer/server.js" > "$LOGS/node-peer.log" 2>&1 < /dev/null &
    NODE_PID=$!
    local waited=0
    until port_in_use "$NODE_PORT"; do
        kill -0 "$NODE_PID" 2>/dev/null && (( waited < 300 )) || { cat "$LOGS/node-peer.log"; die "the Node peer did not start"; }
        sleep 0.1
        waited=$((waited + 1))
    done
    local c
    for c in $CONCURRENCY; do
        load_once node "http://127.0.0.1:$NODE_PORT" "$c" --server-pid "$NODE_PID"
    done
    kill -TERM "$NODE_PID"
    wait "$NODE_PID" 2>/dev/null || true
    NODE_PID=""
}

# --- the database alone, over JDBC ---------------------------------------------------------------
run_jdbc() {
    ensure_schema
    local c
    for c in $CONCURRENCY; do
        load_once jdbc http://127.0.0.1 "$c" --jdbc-loop # the URL goes unused
    done
}

# --- the run --------------------------------------------------------------------------------------
pgbench_note=""
[[ " $PHASES " != *" pgbench "* ]] || pgbench_note=", pgbench ${PGBENCH_SECONDS}s per C"
log "capydb-auth-sync end-to-end benchmark: C = $CONCURRENCY, $USERS users (= $((2 * USERS)) deliveries) per run$pgbench_note"
if [[ "$DB" == mariadb ]]; then
    database_version="MariaDB $(mariadb_sql 'SELECT VERSION()')"
else
    database_version="$(psql -X -Atc 'SELECT version()' -d postgres | cut -d, -f1)"
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); $(java -version 2>&1 | head -1); $database_version"
build
fresh_database
for phase in $PHASES; do
    case "$phase" in
        receiver) run_receiver ;;
        pgbench) run_pgbench ;;
        node) run_node ;;
        jdbc) run_jdbc ;;
        *) die "unknown phase $phase (PHASES: receiver pgbench node jdbc)" ;;
    esac
done

# --- the table ------------------------------------------------------------------------------------
result() { grep "^RESULT target=$1 c=$2 " "$RESULTS" | tail -1 || true; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "–"; else printf "%.2f", a / b }'; }
or_dash() { [[ -n "$1" ]] && echo "$1" || echo "–"; }
{
    echo "capydb-auth-sync end to end on $SERVER and $DB, $(date -u +%Y-%m-%dT%H:%MZ): $((2 * USERS)) deliveries per receiver run (each user created, then updated)$pgbench_note; rates in deliveries/s, latencies in ms"
    echo
    echo "| C | receiver /s | receiver p50 | receiver p99 | no-op /s | pgbench tx/s | pgbench p50 | pgbench p99 | Node /s | Node p50 | Node p99 | JDBC loop /s | JDBC loop p99 | receiver ÷ no-op | receiver ÷ pgbench | receiver ÷ Node | receiver ÷ JDBC loop |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for c in $CONCURRENCY; do
        r="$(result receiver "$c")"; o="$(result noop "$c")"; p="$(result pgbench "$c")"; n="$(result node "$c")"
        j="$(result jdbc "$c")"
        rr="$(field rate "$r")"; or="$(field rate "$o")"; pr="$(field rate "$p")"; nr="$(field rate "$n")"
        jr="$(field rate "$j")"
        echo "| $c | $(or_dash "$rr") | $(or_dash "$(field p50 "$r")") | $(or_dash "$(field p99 "$r")") | $(or_dash "$or") | $(or_dash "$pr") | $(or_dash "$(field p50 "$p")") | $(or_dash "$(field p99 "$p")") | $(or_dash "$nr") | $(or_dash "$(field p50 "$n")") | $(or_dash "$(field p99 "$n")") | $(or_dash "$jr") | $(or_dash "$(field p99 "$j")") | $(ratio "$rr" "$or") | $(ratio "$rr" "$pr") | $(ratio "$rr" "$nr") | $(ratio "$rr" "$jr") |"
    done
    echo
    echo "CPU in the measured window, ms per 1,000 deliveries (from /proc: the server's JVM or the Node process, every process of the database, the load generator; the JDBC loop is its own server):"
    echo
    echo "| C | target | /s | server | database ($DB) | load generator |"
    echo "|---:|---|---:|---:|---:|---:|"
    for c in $CONCURRENCY; do
        for t in receiver noop blocking async node jdbc; do
            r="$(result "$t" "$c")"
            [[ -n "$r" ]] || continue
            echo "| $c | $t | $(field rate "$r") | $(or_dash "$(field cpu_server "$r")") | $(or_dash "$(field cpu_db "$r")") | $(or_dash "$(field cpu_load "$r")") |"
        done
    done
} > "$TABLE"
log "results (every run verified; raw lines in ${RESULTS#"$ROOT"/})"
cat "$TABLE"
