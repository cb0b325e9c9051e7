package dev.capydb.authsync.sender;

import java.util.Locale;

/** The organization a sample event is about, and the role the sample user has in it. */
record SampleOrganization(String id, String name, String role) {

    /** The organization's name as a URL slug. */
    String slug() {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
