#!/usr/bin/env bash
# Backfill benchmark, one command from a clean clone:
#
#   bench/e2e/backfill.sh                          # 1,000,000 Better Auth users
#   BACKFILL_USERS=100000 bench/e2e/backfill.sh    # a quick check
#
# In one run, on the WildFly example on PostgreSQL:
#   baseline  the write path's own rate: fresh users sent as webhooks (LoadGenerator, C=64), verified
#   backfill  Better Auth's user table (its own DDL) with BACKFILL_USERS users, backfilled through the
#             admin call; its progress polled, and the heap after a full GC sampled every
#             HEAP_EVERY seconds while it runs (a flat heap: the job streams, it never loads the table)
# Reports users/s, the ratio to the baseline, the heap samples and their least-squares slope, and
# checks that every user was mirrored and recorded exactly once. Settings: see bench/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

BACKFILL_USERS="${BACKFILL_USERS:-1000000}"
BASELINE_USERS="${BASELINE_USERS:-20000}"
BASELINE_CONCURRENCY="${BASELINE_CONCURRENCY:-64}"
HEAP_EVERY="${HEAP_EVERY:-15}"
ADMIN_SECRET="bench-admin-$(date +%s)"
STAMP="$(date +%Y%m%d-%H%M%S)"
REPORT="$OUT/backfill-$STAMP.txt"

stop_wildfly_on_exit backfill.sh

mkdir -p "$LOGS"
require_tools java mvn psql pg_isready curl setsid timeout jcmd awk

admin() { # METHOD PATH
    curl -sf -X "$1" -H "Authorization: Bearer $ADMIN_SECRET" "http://127.0.0.1:$WILDFLY_HTTP_PORT/capydb-auth/backfill/$2"
}
json_field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^,\"}]*\).*/\1/p" <<< "$2"; }
heap_mib() { # live heap after a full GC
    jcmd "$WILDFLY_PID" GC.run > /dev/null
    jcmd "$WILDFLY_PID" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1 | awk '{ printf "%.1f", $1 / 1024 }'
}

log "backfill benchmark: $BACKFILL_USERS Better Auth users, against the webhooks' rate at C=$BASELINE_CONCURRENCY"
build
fresh_database
export CAPYDB_AUTH_BACKFILL_SECRET="$ADMIN_SECRET" CAPYDB_AUTH_BACKFILL_BETTER_AUTH_SCHEMA=better_auth
start_wildfly wildfly-backfill.log

log "baseline: $BASELINE_USERS users as webhooks (create + update), C=$BASELINE_CONCURRENCY"
loadgen "$LOGS/backfill-baseline.log" --url "http://127.0.0.1:$WILDFLY_HTTP_PORT" --target-name receiver \
    --concurrency "$BASELINE_CONCURRENCY" --users "$BASELINE_USERS" --warmup 2000 \
    || die "the baseline failed (see $LOGS/backfill-baseline.log)"
BASELINE="$(grep '^RESULT ' "$LOGS/backfill-baseline.log" | sed -n 's/.* rate=\([0-9.]*\).*/\1/p')"
[[ -n "$BASELINE" ]] || die "no rate in the baseline's output"
reset_tables

log "Better Auth's user table with $BACKFILL_USERS users"
psql_db -c "CREATE SCHEMA better_auth" -c "create table better_auth.\"user\" (\"id\" text not null primary key, \
\"name\" text not null, \"email\" text not null unique, \"emailVerified\" boolean not null, \"image\" text, \
\"createdAt\" timestamptz default CURRENT_TIMESTAMP not null, \"updatedAt\" timestamptz default CURRENT_TIMESTAMP not null, \
\"username\" text unique, \"displayUsername\" text)" \
    -c "insert into better_auth.\"user\" select 'usr_' || lpad(n::text, 8, '0'), 'Ada' || n || ' Lovelace', \
'ada' || n || '@example.com', n % 2 = 0, 'https://img.example/' || n || '.png', \
timestamptz '2024-01-01' + n * interval '1 second', timestamptz '2024-06-01' + n * interval '1 second', null, null \
from generate_series(1, $BACKFILL_USERS) n" -c "VACUUM ANALYZE better_auth.\"user\"" -c "CHECKPOINT"

log "backfill"
HEAP_BEFORE="$(heap_mib)"
started="$(admin POST better-auth)" || die "the backfill could not be started"
EXECUTION="$(json_field execution "$started")"
START_NS="$(date +%s%N)"
SAMPLES=""
last_sample=0
while true; do
    sleep 1
    progress="$(admin GET "executions/$EXECUTION")" || die "no progress for execution $EXECUTION"
    status="$(json_field status "$progress")"
    elapsed=$(( ($(date +%s%N) - START_NS) / 1000000000 ))
    if [[ "$status" != STARTING && "$status" != STARTED ]]; then
        break
    fi
    if (( elapsed - last_sample >= HEAP_EVERY )); then
        last_sample=$elapsed
        sample="$elapsed $(json_field read "$progress") $(heap_mib)"
        SAMPLES+="$sample"$'\n'
        echo "  t=${elapsed}s read=$(json_field read "$progress") heap after GC=$(cut -d' ' -f3 <<< "$sample") MiB"
    fi
done
SECONDS_TAKEN="$(awk -v ns=$(( $(date +%s%N) - START_NS )) 'BEGIN { printf "%.1f", ns / 1e9 }')"
[[ "$status" == COMPLETED ]] || die "the backfill ended $status: $progress"
HEAP_AFTER="$(heap_mib)"

read_count="$(json_field read "$progress")"
mirrored="$(json_field mirrored "$progress")"
rows="$(psql_db -Atc "SELECT count(*) FROM capydb_auth.users")"
recorded="$(psql_db -Atc "SELECT count(DISTINCT delivery_id) FROM capydb_auth.deliveries WHERE starts_with(delivery_id, 'backfill:')")"
verified=ok
[[ "$read_count" == "$BACKFILL_USERS" && "$mirrored" == "$BACKFILL_USERS" && "$rows" == "$BACKFILL_USERS" \
    && "$recorded" == "$BACKFILL_USERS" ]] || verified=FAILED

RATE="$(awk -v n="$BACKFILL_USERS" -v s="$SECONDS_TAKEN" 'BEGIN { printf "%.1f", n / s }')"
RATIO="$(awk -v r="$RATE" -v b="$BASELINE" 'BEGIN { printf "%.2f", r / b }')"
SLOPE="$(awk 'NF == 3 { n++; x += $1; y += $3; xx += $1 * $1; xy += $1 * $3 }
    END { if (n < 2) { print "n/a"; exit } printf "%+.2f", (n * xy - x * y) / (n * xx - x * x) * 60 }' <<< "$SAMPLES")"
{
    echo "backfill of $BACKFILL_USERS Better Auth users, $(date -u +%FT%TZ), $(nproc) cores"
    echo "RESULT target=backfill users=$BACKFILL_USERS seconds=$SECONDS_TAKEN rate=$RATE baseline_rate=$BASELINE ratio=$RATIO verified=$verified"
    echo "  read=$read_count mirrored=$mirrored rows=$rows backfill deliveries recorded=$recorded"
    echo "  heap after GC: before $HEAP_BEFORE MiB, after $HEAP_AFTER MiB, slope during the run $SLOPE MiB/min"
    echo "  samples (seconds, users read, heap after GC MiB):"
    sed 's/^/    /' <<< "$SAMPLES"
} | tee "$REPORT"
[[ "$verified" == ok ]] || die "the table does not hold every user exactly once"
echo "report: $REPORT"
