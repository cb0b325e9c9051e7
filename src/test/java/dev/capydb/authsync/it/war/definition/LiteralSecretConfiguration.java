package dev.capydb.authsync.it.war.definition;

import dev.capydb.authsync.AuthSyncDefinition;
import dev.capydb.authsync.AuthSyncDefinition.Webhook;

/** A secret written into the source: refused. */
@AuthSyncDefinition(clerk = @Webhook(secrets = {"${CAPYDB_IT_DEFINITION_SECRET}", LiteralSecretConfiguration.LITERAL}))
public class LiteralSecretConfiguration {

    public static final String LITERAL = "whsec_bGl0ZXJhbC1zZWNyZXQtaW4tc291cmNl";
}
