package dev.capydb.authsync.internal.backfill;

import dev.capydb.authsync.internal.mirroring.MirrorDatabase;
import dev.capydb.authsync.internal.normalization.NormalizedEvent;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Reads Clerk through its Backend API for the backfill job, a page per chunk: its users, then its
 * organizations, then each organization's memberships (none of both where the instance does not
 * use organizations). The checkpoint is the offset reached in the list being read (for
 * memberships, the page of organizations and the organization being read). Each page starts a little
 * before where the last one ended and skips the objects that page held, so that objects deleted
 * meanwhile, which shift the offsets back, do not make it miss the ones after them.
 */
@Named("capydbClerkReader")
@Dependent
public class ClerkReader extends BackfillReader {

    /** How far each page reaches back: deletions during one page beyond this many would skip objects. */
    static final int OVERLAP = 50;
    private static final Logger LOG = Logger.getLogger(ClerkReader.class.getName());
    /** Resolved once: {@code Json.createObjectBuilder()} looks the provider up anew on every call. */
    private static final JsonBuilderFactory JSON = Json.createBuilderFactory(Map.of());

    /** What the reader reads, in this order; each as the body of the event Clerk would have sent. */
    enum Phase {
        USERS("user.updated"), ORGANIZATIONS("organization.updated"), MEMBERSHIPS("organizationMembership.updated");

        final String event;

        Phase(String event) {
            this.event = event;
        }
    }

    @Inject
    MirrorDatabase database;

    private ClerkApi clerk;
    private Phase phase;
    /** The list being read: users, organizations, or (reading memberships) the organizations whose they are. */
    private Pages pages;
    /** Reading memberships: the ids of the organizations of the last page not read yet, and the one being read. */
    private final Deque<String> organizations = new ArrayDeque<>();
    private String organization;
    private Pages memberships;
    /** What the reader hands out next. */
    private final Deque<JsonObject> items = new ArrayDeque<>();

    @Override
    public void open(Serializable checkpoint) throws Exception {
        clerk = ClerkApi.of(database.settings());
        for (NormalizedEvent.Subject subject : NormalizedEvent.Subject.values()) {
            holds(subject, true);
        }
        resumeCounts(this::total);
        // An offset alone: the checkpoint of the users (as before organizations were read); else a list of
        // the phase, the offset reached, and for memberships the organization being read.
        List<?> at = checkpoint instanceof List<?> list ? list : Arrays.asList(Phase.USERS.name(), checkpoint);
        phase = Phase.valueOf((String) at.get(0));
        pages = pagesOf(phase, at.get(1) == null ? 0 : (Long) at.get(1));
        if (phase == Phase.MEMBERSHIPS && at.size() > 2) {
            skipTo((String) at.get(2));
        }
    }

    /** The users, organizations and memberships Clerk holds, or -1 where it does not say how many users. */
    private long total() throws IOException, InterruptedException {
        long users = clerk.userCount().orElse(-1);
        if (users < 0) {
            return -1;
        }
        long total = users;
        try {
            for (long offset = 0; ; offset += ClerkApi.PAGE_SIZE) {
                List<JsonObject> page = clerk.organizations(offset, ClerkApi.PAGE_SIZE);
                for (JsonObject organization : page) {
                    total += 1 + organization.getInt("members_count", 0);
                }
                if (page.size() < ClerkApi.PAGE_SIZE) {
                    return total;
                }
            }
        } catch (ClerkApi.OrganizationsNotEnabled none) {
            return total;
        }
    }

    @Override
    public Object readItem() throws IOException, InterruptedException {
        while (items.isEmpty() && phase != null) {
            try {
                fill();
            } catch (ClerkApi.OrganizationsNotEnabled none) {
                LOG.info("Clerk's organizations are not enabled for this instance: the backfill reads its users only");
                phase = null;
                holds(NormalizedEvent.Subject.ORGANIZATION, false);
                holds(NormalizedEvent.Subject.MEMBERSHIP, false);
            }
        }
        JsonObject object = items.poll();
        return object == null ? null : JSON.createObjectBuilder().add("type", phase.event).add("object", "event")
                .add("data", object).build();
    }

    /** Reads the next page of what the phase reads, or goes on to the next phase. */
    private void fill() throws IOException, InterruptedException {
        if (phase != Phase.MEMBERSHIPS) {
            if (!pages.exhausted) {
                items.addAll(pages.next());
            } else {
                next();
            }
        } else if (memberships != null && !memberships.exhausted) {
            items.addAll(memberships.next());
        } else if (!organizations.isEmpty()) {
            organization = organizations.poll();
            String id = organization;
            memberships = new Pages(offset -> clerk.memberships(id, offset), 0);
        } else if (!pages.exhausted) {
            pages.next().forEach(read -> organizations.add(read.getString("id")));
        } else {
            phase = null;
        }
    }

    private void next() {
        phase = phase == Phase.USERS ? Phase.ORGANIZATIONS : Phase.MEMBERSHIPS;
        pages = pagesOf(phase, 0);
    }

    private Pages pagesOf(Phase phase, long offset) {
        return phase == Phase.USERS ? new Pages(clerk::users, offset)
                : new Pages(at -> clerk.organizations(at, ClerkApi.PAGE_SIZE), offset);
    }

    /** On a restart among memberships: the page of organizations, from the one being read. */
    private void skipTo(String organizationId) throws IOException, InterruptedException {
        try {
            List<String> ids = pages.next().stream().map(read -> read.getString("id")).toList();
            organizations.addAll(ids.contains(organizationId) ? ids.subList(ids.indexOf(organizationId), ids.size()) : ids);
        } catch (ClerkApi.OrganizationsNotEnabled none) {
            phase = null;
            holds(NormalizedEvent.Subject.ORGANIZATION, false);
            holds(NormalizedEvent.Subject.MEMBERSHIP, false);
        }
    }

    /** Where a restart goes on: the page partly handed out is read again (its objects found recorded). */
    @Override
    public Serializable checkpointInfo() {
        if (phase == null) {
            return new ArrayList<>(Arrays.asList(Phase.MEMBERSHIPS.name(), Long.MAX_VALUE));
        }
        if (phase == Phase.MEMBERSHIPS) {
            return new ArrayList<>(Arrays.asList(phase.name(), pages.pageStart, organization));
        }
        long offset = items.isEmpty() ? pages.offset : pages.pageStart;
        return phase == Phase.USERS ? offset : new ArrayList<>(Arrays.asList(phase.name(), offset));
    }

    /** One of Clerk's lists by offset, a page at a time, each reaching back {@link #OVERLAP} objects. */
    private static final class Pages {

        /** A page from an offset. */
        @FunctionalInterface
        interface Fetch {
            List<JsonObject> page(long offset) throws IOException, InterruptedException;
        }

        private final Fetch fetch;
        private Set<String> previousPage = Set.of();
        /** Where the last page started, and where the next would. */
        long pageStart;
        long offset;
        boolean exhausted;

        Pages(Fetch fetch, long offset) {
            this.fetch = fetch;
            this.offset = offset;
        }

        /** The next page, without the objects the page before held. */
        List<JsonObject> next() throws IOException, InterruptedException {
            long from = Math.max(0, offset - OVERLAP);
            List<JsonObject> page = fetch.page(from);
            exhausted = page.size() < ClerkApi.PAGE_SIZE;
            Set<String> ids = new HashSet<>();
            List<JsonObject> fresh = new ArrayList<>(page.size());
            for (JsonObject object : page) {
                String id = object.getString("id", "");
                ids.add(id);
                if (!previousPage.contains(id)) {
                    fresh.add(object);
                }
            }
            previousPage = ids;
            pageStart = from;
            offset = from + page.size();
            return fresh;
        }
    }
}
