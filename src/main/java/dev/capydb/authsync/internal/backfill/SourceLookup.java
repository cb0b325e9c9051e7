package dev.capydb.authsync.internal.backfill;

import dev.capydb.authsync.internal.config.Settings;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import java.io.IOException;

/**
 * Asks a provider's source, object by object, whether it still holds an object a reconciliation
 * did not find while reading it, before the mirror marks it deleted. Clerk's lists are read by
 * offset: more deletions during one page than the pages overlap would shift an object past the
 * reader, so each one missing is asked for by its id. Better Auth's tables are read in primary-key
 * order, which no deletion shifts: an object missing from them is gone.
 */
@FunctionalInterface
public interface SourceLookup {

    /** Whether the source holds the object whose deletion {@code deletion} is. */
    boolean holds(NormalizedEvent deletion) throws IOException, InterruptedException;

    /** The lookup of {@code provider}'s source, as the backfill's settings name it. */
    static SourceLookup of(String provider, Settings settings) {
        if (!provider.equals(ClerkApi.PROVIDER)) {
            return deletion -> false;
        }
        ClerkApi clerk = ClerkApi.of(settings);
        return deletion -> switch (deletion.subject()) {
            case USER -> clerk.hasUser(deletion.user().id());
            case ORGANIZATION -> clerk.hasOrganization(deletion.organization().id());
            case MEMBERSHIP -> clerk.hasMembership(deletion.membership().organizationId(), deletion.membership().userId());
        };
    }
}
