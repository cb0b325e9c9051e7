package dev.capydb.authsync.it.war.definition;

import dev.capydb.authsync.AuthSyncDefinition;

/** A second definition beside {@link AnnotatedConfiguration}: refused, naming both. */
@AuthSyncDefinition(path = "/second/*")
public class SecondConfiguration {
}
