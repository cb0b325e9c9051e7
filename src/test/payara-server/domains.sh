#!/usr/bin/env bash
# The two Payara Server domains the suite's payara-server run deploys to (arquillian.xml), on port
# bases 28000 and 28100 so that they never meet the other servers' ports:
#   domains.sh start <payara home>   creates them if missing, and starts them
#   domains.sh stop <payara home>    stops them (the build does, after the integration tests)
set -euo pipefail
action=$1
asadmin="$2/bin/asadmin"

case "$action" in
start)
    for node in 1 2; do
        domain=capydb-node$node
        "$asadmin" stop-domain "$domain" > /dev/null 2>&1 || true # one a killed build left running
        if [[ ! -d "$2/glassfish/domains/$domain" ]]; then
            "$asadmin" create-domain --nopassword --portbase $((27900 + 100 * node)) "$domain"
            # docs/servers.md's setting (there by asadmin set, which needs the domain running and then
            # a restart): the default of 5 request threads would hold at most 5 deliveries waiting
            # for a commit.
            sed -i 's|<thread-pool name="http-thread-pool"|& max-thread-pool-size="64"|' \
                "$2/glassfish/domains/$domain/config/domain.xml"
        fi
        # Payara's start-up now and then fails in a race of its own services (HK2 WouldBlockException,
        # "Failed to start, exiting") and then never answers: give up after 3 minutes, once.
        if ! "$asadmin" start-domain --timeout 180 "$domain"; then
            "$asadmin" stop-domain --kill=true "$domain" > /dev/null 2>&1 || true
            "$asadmin" start-domain --timeout 180 "$domain"
        fi
    done
    ;;
stop)
    for node in 1 2; do
        "$asadmin" stop-domain "capydb-node$node" || true
    done
    ;;
*)
    echo "usage: domains.sh start|stop <payara home>" >&2
    exit 2
    ;;
esac
