package dev.capydb.authsync.internal.backfill;

import dev.capydb.authsync.internal.config.Settings;
import dev.capydb.authsync.internal.mirroring.MirrorDatabase;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Clerk's users through its Backend API for the backfill job, a page per chunk; the
 * checkpoint is the offset reached. Each page starts a little before where the last one ended and
 * skips the users that page held, so that users deleted meanwhile, which shift the offsets back,
 * do not make it miss the ones after them.
 */
@Named("capydbClerkUserReader")
@Dependent
public class ClerkUserReader extends BackfillReader {

    static final String PROVIDER = "clerk";
    static final String DEFAULT_API_URL = "https://api.clerk.com/";
    /** How far each page reaches back: deletions during one page beyond this many would skip users. */
    static final int OVERLAP = 50;
    /** Resolved once: {@code Json.createObjectBuilder()} looks the provider up anew on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    @Inject
    MirrorDatabase database;

    private ClerkUsers clerk;
    private final Deque<JsonObject> page = new ArrayDeque<>();
    private Set<String> previousPage = Set.of();
    /** Where the page being handed out starts, and where the next one would. */
    private long pageStart;
    private long offset;
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        Settings settings = database.settings();
        String secretKey = settings.backfill(PROVIDER, "secret-key").orElseThrow(() -> new IllegalStateException(
                "The Clerk backfill needs Clerk's secret key in " + Settings.backfillKey(PROVIDER, "secret-key")));
        String url = settings.backfill(PROVIDER, "api-url").orElse(DEFAULT_API_URL);
        clerk = new ClerkUsers(URI.create(url.endsWith("/") ? url : url + "/"), secretKey);
        offset = checkpoint == null ? 0 : (Long) checkpoint;
        resumeCounts(() -> clerk.count().orElse(-1));
    }

    @Override
    public Object readItem() throws IOException, InterruptedException {
        if (page.isEmpty() && !exhausted) {
            long from = Math.max(0, offset - OVERLAP);
            List<JsonObject> users = clerk.page(from);
            exhausted = users.size() < ClerkUsers.PAGE_SIZE;
            Set<String> ids = new HashSet<>();
            for (JsonObject user : users) {
                String id = user.getString("id", "");
                ids.add(id);
                if (!previousPage.contains(id)) {
                    page.add(user);
                }
            }
            previousPage = ids;
            pageStart = from;
            offset = from + users.size();
        }
        JsonObject user = page.poll();
        // As Clerk's webhook would carry it: the user object as data of a user.updated.
        return user == null ? null : JSON.createObjectBuilder().add("type", "user.updated").add("object", "event")
                .add("data", user).build();
    }

    /** Where a restart goes on: the page partly handed out is read again (its users found recorded). */
    @Override
    public Serializable checkpointInfo() {
        return page.isEmpty() ? offset : pageStart;
    }
}
