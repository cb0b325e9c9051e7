package dev.capydb.authsync.it.war.definition;

import dev.capydb.authsync.AuthSyncDefinition;
import dev.capydb.authsync.AuthSyncDefinition.Webhook;

/**
 * An application's configuration by annotation alone: the test datasource, its own path, a body
 * limit from an expression's default, the metrics endpoint and the backfill calls, and three
 * providers. The secrets come from environment variables the build sets (Auth0's is also set by
 * {@code CAPYDB_AUTH_AUTH0_SECRET}, which wins).
 */
@AuthSyncDefinition(
        dataSource = "java:app/capydb/TestDS",
        path = "/annotated/*",
        maxBodyBytes = "${capydb.it.definition.max-body-bytes:4096}",
        metricsOpen = "true",
        backfillSecret = "${CAPYDB_IT_DEFINITION_BACKFILL_SECRET}",
        betterAuth = @Webhook(secrets = "${CAPYDB_IT_DEFINITION_SECRET}"),
        banata = @Webhook(secrets = {"${CAPYDB_IT_DEFINITION_BANATA_SECRET}"}),
        auth0 = @Webhook(secrets = "${CAPYDB_IT_DEFINITION_AUTH0_SECRET}"))
public class AnnotatedConfiguration {
}
