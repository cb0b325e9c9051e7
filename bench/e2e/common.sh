# shellcheck shell=bash
# Shared by run.sh and soak.sh (sourced, not run): settings, the build, the bench database, and
# starting/stopping the WildFly example, each process by the id this script started it with.
# Every setting is an environment variable with a default; see bench/README.md.

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/out"
LOGS="$OUT/logs"

PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"
PG_USER="${PG_USER:-postgres}"
PG_PASSWORD="${PG_PASSWORD:-postgres}" # used only where the server asks for one (the test setup trusts)
BENCH_DB="${BENCH_DB:-capydb_bench}"
SECRET="${SECRET:-bench-secret-$(date +%s)}"
# WildFly runs on a port offset: integration tests on this machine use 8080/9990 (and 8180/10090).
PORT_OFFSET="${PORT_OFFSET:-1000}"
WILDFLY_HTTP_PORT=$((8080 + PORT_OFFSET))
WILDFLY_MGMT_PORT=$((9990 + PORT_OFFSET))
# WildFly's own default sizing (bin/standalone.conf); BENCH_JAVA_OPTS is appended (JFR, GC logging…).
WILDFLY_HEAP="${WILDFLY_HEAP:--Xms64m -Xmx512m}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
WILDFLY_START_TIMEOUT="${WILDFLY_START_TIMEOUT:-300}"
SKIP_BUILD="${SKIP_BUILD:-0}"
# The server run.sh loads: wildfly (the example on WildFly) or payara (the same application on
# Payara Micro, from Maven Central; its HTTP port is WildFly's, PORT_OFFSET included).
SERVER="${SERVER:-wildfly}"
PAYARA_VERSION="${PAYARA_VERSION:-6.2025.10}"
KEEP_DB="${KEEP_DB:-0}"
# The database the receiver mirrors into: postgresql, or mariadb (MariaDB at MARIADB_HOST:MARIADB_PORT,
# administered as MARIADB_USER, whose capydb_auth database the run creates and drops: it refuses to run
# where one exists that a benchmark did not make). On MariaDB the server and the generator connect as
# the user capydb_bench, made and dropped by the run: WildFly's datasources refuse an empty password.
DB="${DB:-postgresql}"
MARIADB_HOST="${MARIADB_HOST:-127.0.0.1}"
MARIADB_PORT="${MARIADB_PORT:-3306}"
MARIADB_USER="${MARIADB_USER:-root}"
MARIADB_PASSWORD="${MARIADB_PASSWORD:-}"
MARIADB_COMMENT="capydb-auth-sync benchmark"

case "$DB" in
    postgresql)
        JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$BENCH_DB"
        LOADGEN_JDBC="$JDBC_URL?user=$PG_USER&password=$PG_PASSWORD"
        DB_USER="$PG_USER" DB_PASSWORD="$PG_PASSWORD" DATASOURCE=CapydbPostgres DRIVER_JAR=postgresql.jar ;;
    mariadb)
        # useAffectedRows=true: the receiver refuses a MariaDB datasource without it (docs/databases.md).
        JDBC_URL="jdbc:mariadb://$MARIADB_HOST:$MARIADB_PORT/$BENCH_DB?useAffectedRows=true"
        DB_USER=capydb_bench DB_PASSWORD=capydb_bench DATASOURCE=CapydbMariaDB DRIVER_JAR=mariadb.jar
        LOADGEN_JDBC="$JDBC_URL&user=$DB_USER&password=$DB_PASSWORD" ;;
    *) echo "unknown DB $DB (postgresql, mariadb)" >&2; exit 2 ;;
esac

export PGHOST="$PG_HOST" PGPORT="$PG_PORT" PGUSER="$PG_USER" PGPASSWORD="$PG_PASSWORD"

WILDFLY_PID=""     # the server's JVM
WILDFLY_LAUNCHER="" # bin/standalone.sh, its parent

log() { printf '\n== %s  %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '\nBENCHMARK FAILED: %s\n' "$*" >&2; exit 1; }

psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" "$@"; }
mariadb_sql() { mariadb -h "$MARIADB_HOST" -P "$MARIADB_PORT" -u "$MARIADB_USER" ${MARIADB_PASSWORD:+"-p$MARIADB_PASSWORD"} -N -B -e "$1"; }

require_tools() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || die "$tool is not installed"
    done
    if [[ "$DB" == mariadb ]]; then
        command -v mariadb >/dev/null || die "mariadb (the client) is not installed"
        mariadb_sql "SELECT 1" >/dev/null || die "MariaDB is not answering on $MARIADB_HOST:$MARIADB_PORT"
    else
        pg_isready -h "$PG_HOST" -p "$PG_PORT" -q || die "PostgreSQL is not answering on $PG_HOST:$PG_PORT"
    fi
}

# True when something listens on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_port() {
    ! port_in_use "$1" || die "port $1 is already in use (a leftover server? another benchmark?)"
}

fresh_database() {
    log "fresh database $BENCH_DB ($DB)"
    if [[ "$DB" == mariadb ]]; then
        # On MariaDB the mirror is the server-wide database capydb_auth: never drop one a benchmark did not make.
        local found
        found="$(mariadb_sql "SELECT CONCAT('comment:', schema_comment) FROM information_schema.schemata
            WHERE schema_name = 'capydb_auth'")"
        [[ -z "$found" || "$found" == "comment:$MARIADB_COMMENT" ]] \
            || die "MariaDB has a capydb_auth database that no benchmark made ($found): drop it first"
        mariadb_sql "DROP DATABASE IF EXISTS capydb_auth; DROP DATABASE IF EXISTS $BENCH_DB;
            CREATE DATABASE capydb_auth COMMENT '$MARIADB_COMMENT'; CREATE DATABASE $BENCH_DB COMMENT '$MARIADB_COMMENT';
            DROP USER IF EXISTS $DB_USER; CREATE USER $DB_USER IDENTIFIED BY '$DB_PASSWORD';
            GRANT ALL ON capydb_auth.* TO $DB_USER; GRANT ALL ON $BENCH_DB.* TO $DB_USER"
        return
    fi
    PGOPTIONS="-c client_min_messages=warning" \
        psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" \
        -c "CREATE DATABASE $BENCH_DB"
}

drop_database() {
    if [[ "$KEEP_DB" == 1 ]]; then
        echo "keeping database $BENCH_DB (KEEP_DB=1)"
    elif [[ "$DB" == mariadb ]]; then
        mariadb_sql "DROP DATABASE IF EXISTS capydb_auth; DROP DATABASE IF EXISTS $BENCH_DB; DROP USER IF EXISTS $DB_USER" || true
    else
        psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" || true
    fi
}

# The receiver's schema, as its Flyway migrations create it, for phases that run without the receiver.
ensure_schema() {
    if [[ "$DB" == mariadb ]]; then
        if [[ "$(mariadb_sql "SELECT count(*) FROM information_schema.tables
                WHERE table_schema = 'capydb_auth' AND table_name = 'users'")" == 0 ]]; then
            echo "creating capydb_auth's tables from src/main/resources/db/capydb-auth/mariadb/*.sql"
            local migration
            for migration in $(ls "$ROOT"/src/main/resources/db/capydb-auth/mariadb/V*.sql | sort -V); do
                mariadb_sql "source $migration"
            done
        fi
        return
    fi
    if [[ "$(psql_db -Atc "SELECT to_regclass('capydb_auth.users') IS NOT NULL")" != t ]]; then
        echo "creating capydb_auth from src/main/resources/db/capydb-auth/postgresql/*.sql"
        local args=(-c "CREATE SCHEMA IF NOT EXISTS capydb_auth") migration
        for migration in $(ls "$ROOT"/src/main/resources/db/capydb-auth/postgresql/V*.sql | sort -V); do
            args+=(-f "$migration")
        done
        psql_db "${args[@]}"
    fi
}

# Every phase starts from empty tables and a checkpoint, so no phase pays for another's data or WAL.
reset_tables() {
    if [[ "$DB" == mariadb ]]; then
        mariadb_sql "TRUNCATE capydb_auth.users; TRUNCATE capydb_auth.deliveries"
        return
    fi
    psql_db -c "TRUNCATE capydb_auth.users, capydb_auth.deliveries" -c "CHECKPOINT"
}

build() {
    if [[ "$SKIP_BUILD" == 1 ]]; then
        log "build skipped (SKIP_BUILD=1)"
    else
        log "build: the library, then the WildFly example (WildFly from Maven Central)"
        (cd "$ROOT" && mvn -B -q install -DskipTests -DskipITs) > "$LOGS/build.log" 2>&1 \
            || { tail -40 "$LOGS/build.log"; die "the library's build failed (see $LOGS/build.log)"; }
        (cd "$ROOT" && mvn -B -q -f examples/wildfly/pom.xml package) >> "$LOGS/build.log" 2>&1 \
            || { tail -40 "$LOGS/build.log"; die "the WildFly example's build failed (see $LOGS/build.log)"; }
        (cd "$ROOT" && mvn -B -q -f bench/noop/pom.xml package) >> "$LOGS/build.log" 2>&1 \
            || { tail -40 "$LOGS/build.log"; die "the no-op ceiling's build failed (see $LOGS/build.log)"; }
        if [[ "$SERVER" == payara ]]; then
            (cd "$ROOT" && mvn -B -q -f examples/payara/pom.xml package \
                && mvn -B -q dependency:copy -Dartifact="fish.payara.extras:payara-micro:$PAYARA_VERSION" \
                    -DoutputDirectory="$OUT/payara") >> "$LOGS/build.log" 2>&1 \
                || { tail -40 "$LOGS/build.log"; die "the Payara example's build failed (see $LOGS/build.log)"; }
        fi
    fi
    NOOP_WAR="$ROOT/bench/noop/target/noop.war"
    WILDFLY_HOME="$(ls -d "$ROOT"/examples/wildfly/target/wildfly-*/ 2>/dev/null | head -1)"
    WILDFLY_HOME="${WILDFLY_HOME%/}"
    WAR="$ROOT/examples/wildfly/target/ROOT.war"
    JDBC_JAR="$WILDFLY_HOME/standalone/deployments/$DRIVER_JAR"
    # The library itself, for the JDBC loop, which runs the receiver's own statements.
    LIBRARY_JAR="$(ls "$ROOT"/target/capydb-auth-sync-*.jar 2>/dev/null | grep -v -- '-sender\.jar$' | head -1)"
    [[ -d "$WILDFLY_HOME" && -f "$WAR" && -f "$JDBC_JAR" ]] \
        || die "no built WildFly example under examples/wildfly/target (run without SKIP_BUILD=1)"
}

CHILD_PID=""

# Runs a command in the background, its output into the file $1 and onto the terminal, and waits for
# it: bash runs a trap only between foreground commands, but at once during `wait`, so a Ctrl-C or a
# kill stops the benchmark now rather than when the command is done (cleanup stops the command).
run_logged() {
    local log="$1" status=0 tail_pid
    shift
    : > "$log" # emptied first: the tail below must not show an earlier run's lines
    "$@" > "$log" 2>&1 < /dev/null &
    CHILD_PID=$!
    tail -n +1 -f --pid="$CHILD_PID" "$log" &
    tail_pid=$!
    wait "$CHILD_PID" || status=$?
    CHILD_PID=""
    wait "$tail_pid" || true
    return "$status"
}

stop_child() {
    if [[ -n "$CHILD_PID" ]]; then
        kill -TERM "$CHILD_PID" 2>/dev/null || true
        wait "$CHILD_PID" 2>/dev/null || true
        CHILD_PID=""
    fi
}

# The load generator (Java source launcher, with the example's JDBC driver for verification and the
# library for the JDBC loop), its output in the file $1. Bounded in time on top of its own bounds
# (timeout passes a TERM on to it). LOADGEN_ARGS is appended to every call, e.g.
# LOADGEN_ARGS="--verify-run-id nosuchrun" to see a failed verification fail the whole benchmark.
loadgen() {
    local log="$1"
    shift
    # shellcheck disable=SC2086 # LOADGEN_ARGS is a list of words
    run_logged "$log" timeout --signal=TERM "${LOADGEN_TIMEOUT:-3600}" \
        java -cp "$JDBC_JAR:$LIBRARY_JAR" "$HERE/LoadGenerator.java" --secret "$SECRET" --jdbc "$LOADGEN_JDBC" "$@" ${LOADGEN_ARGS:-}
}

# Starts the WildFly example on the database DB names from a copy of the built server's standalone/
# directory, so the example's own target/ (and its `wildfly:run`) stays untouched. $1 = a log file
# name; further arguments are WARs deployed beside it (each under its file name as context root).
start_wildfly() {
    local name="$1" base="$OUT/wildfly-base" extra
    shift
    require_free_port "$WILDFLY_HTTP_PORT"
    require_free_port "$WILDFLY_MGMT_PORT"
    rm -rf "$base"
    cp -r "$WILDFLY_HOME/standalone" "$base"
    rm -rf "$base/data" "$base/log" "$base/tmp" "$base/deployments/"*.war*
    cp "$WAR" "$base/deployments/ROOT.war"
    for extra in "$@"; do
        cp "$extra" "$base/deployments/"
    done
    log "starting WildFly (HTTP $WILDFLY_HTTP_PORT, management $WILDFLY_MGMT_PORT, JAVA_OPTS extra: ${BENCH_JAVA_OPTS:-none})"
    rm -f "$OUT/wildfly.pid"
    # setsid: WildFly gets its own process group, so a Ctrl-C reaches only this script, whose trap
    # stops the server by its pid.
    CAPYDB_AUTH_BETTER_AUTH_SECRET="$SECRET" \
    CAPYDB_JDBC_URL="$JDBC_URL" CAPYDB_JDBC_USER="$DB_USER" CAPYDB_JDBC_PASSWORD="$DB_PASSWORD" \
    CAPYDB_AUTH_DATASOURCE="java:jboss/datasources/$DATASOURCE" \
    JAVA_OPTS="$WILDFLY_HEAP -Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true $BENCH_JAVA_OPTS" \
    LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$OUT/wildfly.pid" \
        setsid "$WILDFLY_HOME/bin/standalone.sh" \
        -Djboss.server.base.dir="$base" \
        -Djboss.socket.binding.port-offset="$PORT_OFFSET" \
        -Djboss.bind.address=127.0.0.1 -Djboss.bind.address.management=127.0.0.1 \
        > "$LOGS/$name" 2>&1 < /dev/null &
    WILDFLY_LAUNCHER=$!
    local waited=0
    while [[ ! -f "$base/deployments/ROOT.war.deployed" ]]; do
        if [[ -f "$base/deployments/ROOT.war.failed" ]] || ! kill -0 "$WILDFLY_LAUNCHER" 2>/dev/null \
                || (( waited >= WILDFLY_START_TIMEOUT )); then
            tail -60 "$LOGS/$name"
            cat "$base/deployments/ROOT.war.failed" 2>/dev/null || true
            die "WildFly did not deploy the example within ${waited}s (see $LOGS/$name)"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    for extra in "$@"; do
        until [[ -f "$base/deployments/$(basename "$extra").deployed" ]]; do
            [[ ! -f "$base/deployments/$(basename "$extra").failed" ]] && (( waited < WILDFLY_START_TIMEOUT )) \
                || die "WildFly did not deploy $(basename "$extra") (see $LOGS/$name)"
            sleep 1
            waited=$((waited + 1))
        done
    done
    WILDFLY_PID="$(cat "$OUT/wildfly.pid")"
    # Deployed; it must also answer (a GET on the webhook path is 405).
    local code
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 \
        "http://127.0.0.1:$WILDFLY_HTTP_PORT/capydb-auth/webhooks/better-auth" || true)"
    [[ "$code" == 405 ]] || die "WildFly deployed but the receiver answered HTTP $code to a GET (expected 405)"
    echo "WildFly up in ${waited}s (pid $WILDFLY_PID)"
}

# Payara Micro with the Payara example (the same application as WildFly's) at / and the WARs $2…
# beside it, on the database DB names through the example's java:app datasource. $1 = a log file name.
PAYARA_PID=""
start_payara() {
    local name="$1" micro="$OUT/payara/payara-micro-$PAYARA_VERSION.jar" extra war
    shift
    [[ -f "$micro" && -f "$ROOT/examples/payara/target/ROOT.war" ]] \
        || die "no built Payara example or Payara Micro (run with SERVER=payara without SKIP_BUILD=1)"
    require_free_port "$WILDFLY_HTTP_PORT"
    local deploys=(--deploy "$ROOT/examples/payara/target/ROOT.war")
    for extra in "$@"; do
        deploys+=(--deploy "$extra")
    done
    log "starting Payara Micro $PAYARA_VERSION (HTTP $WILDFLY_HTTP_PORT, JAVA_OPTS extra: ${BENCH_JAVA_OPTS:-none})"
    # shellcheck disable=SC2086 # the heap and BENCH_JAVA_OPTS are lists of words
    CAPYDB_AUTH_BETTER_AUTH_SECRET="$SECRET" \
    CAPYDB_JDBC_URL="$JDBC_URL" CAPYDB_JDBC_USER="$DB_USER" CAPYDB_JDBC_PASSWORD="$DB_PASSWORD" \
    CAPYDB_AUTH_DATASOURCE="java:app/$DATASOURCE" \
        setsid java $WILDFLY_HEAP $BENCH_JAVA_OPTS -jar "$micro" --nocluster \
        --port "$WILDFLY_HTTP_PORT" --rootDir "$OUT/payara-root" "${deploys[@]}" \
        > "$LOGS/$name" 2>&1 < /dev/null &
    PAYARA_PID=$!
    local waited=0 code
    # Requests answer 404 now and then until Payara Micro says it is ready, even once a context answers.
    until grep -q 'Payara Micro .* ready in ' "$LOGS/$name"; do
        kill -0 "$PAYARA_PID" 2>/dev/null && (( waited < WILDFLY_START_TIMEOUT )) \
            || { tail -60 "$LOGS/$name"; die "Payara Micro did not start within ${waited}s (see $LOGS/$name)"; }
        sleep 1
        waited=$((waited + 1))
    done
    for war in "" "$@"; do
        war="${war:+/$(basename "$war" .war)}"
        until code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
                "http://127.0.0.1:$WILDFLY_HTTP_PORT$war/capydb-auth/webhooks/better-auth" || true)"; [[ "$code" == 405 ]]; do
            kill -0 "$PAYARA_PID" 2>/dev/null && (( waited < WILDFLY_START_TIMEOUT )) \
                || { tail -60 "$LOGS/$name"; die "Payara Micro did not deploy ${war:-the example} within ${waited}s (see $LOGS/$name)"; }
            sleep 1
            waited=$((waited + 1))
        done
    done
    echo "Payara Micro up in ${waited}s (pid $PAYARA_PID)"
}

# Waits up to $1 seconds in all for the processes $2… to be gone (an empty pid is gone); false if one
# is still there.
await_exit() {
    local limit="$1" waited=0 pid
    shift
    for pid in "$@"; do
        while [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; do
            (( waited < limit )) || return 1
            sleep 1
            waited=$((waited + 1))
        done
    done
}

stop_payara() {
    [[ -n "$PAYARA_PID" ]] || return 0
    log "stopping Payara Micro"
    kill -TERM "$PAYARA_PID" 2>/dev/null || true
    await_exit 60 "$PAYARA_PID" || kill -KILL "$PAYARA_PID" 2>/dev/null || true
    wait "$PAYARA_PID" 2>/dev/null || true
    PAYARA_PID=""
}

# The server SERVER names, with the WARs $2… beside the example; SERVER_PID is its JVM.
SERVER_PID=""
start_server() {
    case "$SERVER" in
        wildfly) start_wildfly "$@"; SERVER_PID="$WILDFLY_PID" ;;
        payara) start_payara "$@"; SERVER_PID="$PAYARA_PID" ;;
        *) die "unknown SERVER $SERVER (wildfly, payara)" ;;
    esac
    echo "$SERVER_PID" > "$OUT/server.pid" # for profile.sh
}

stop_server() {
    stop_wildfly
    stop_payara
}

# A clean shutdown (SIGTERM: WildFly stops its deployments and services), then waits; SIGKILL to the
# process group only if it is still there after a minute.
stop_wildfly() {
    [[ -n "$WILDFLY_LAUNCHER" ]] || return 0
    if [[ -z "$WILDFLY_PID" && -f "$OUT/wildfly.pid" ]]; then
        WILDFLY_PID="$(cat "$OUT/wildfly.pid")"
    fi
    log "stopping WildFly"
    [[ -n "$WILDFLY_PID" ]] && kill -TERM "$WILDFLY_PID" 2>/dev/null || kill -TERM "$WILDFLY_LAUNCHER" 2>/dev/null || true
    if ! await_exit 60 "$WILDFLY_PID" "$WILDFLY_LAUNCHER"; then
        echo "WildFly did not stop within 60 s: killing its process group" >&2
        kill -KILL -- "-$WILDFLY_LAUNCHER" 2>/dev/null || true
        [[ -n "$WILDFLY_PID" ]] && kill -KILL "$WILDFLY_PID" 2>/dev/null || true
    fi
    wait "$WILDFLY_LAUNCHER" 2>/dev/null || true
    WILDFLY_LAUNCHER=""
    WILDFLY_PID=""
}

# For a benchmark that runs only WildFly: on exit (a failure and Ctrl-C included) stops what it
# started and drops the database, and names itself ($1) if it failed.
stop_wildfly_on_exit() {
    BENCH_NAME="$1"
    trap stop_wildfly_and_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

stop_wildfly_and_exit() {
    local status=$?
    trap - EXIT INT TERM
    stop_child
    stop_wildfly || true
    drop_database
    (( status == 0 )) || echo "$BENCH_NAME FAILED (exit $status); logs in $LOGS" >&2
    exit "$status"
}
