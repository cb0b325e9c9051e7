package dev.capydb.authsync.it.war.definition;

import dev.capydb.authsync.AuthSyncDefinition;
import dev.capydb.authsync.AuthSyncDefinition.Webhook;

/** A secret from a variable nobody set: refused, rather than a provider silently disabled. */
@AuthSyncDefinition(betterAuth = @Webhook(secrets = "${CAPYDB_IT_NEVER_SET_SECRET}"))
public class UnresolvedSecretConfiguration {
}
