package dev.capydb.authsync.it;

import static dev.capydb.authsync.it.Webhooks.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The database goes away in the middle of a stream of deliveries, through a TCP proxy between
 * the server and the database that the test cuts: the receiver must answer 503 with {@code Retry-After}
 * (never 2xx, never a 4xx that would stop the sender), write nothing half, and recover on its own
 * when the database is back, so that the sender's retries leave the table as if nothing happened.
 */
@ServerTest
@Tag("faults")
@Tag("database")
@ServerSetup(DatabaseFaultIT.ThroughProxy.class)
class DatabaseFaultIT {

    /** Started before the deployment, which migrates the schema through it. */
    private static final TcpProxy PROXY = ProxiedDataSource.proxy(ThroughProxy.class);

    /** The server's datasource, reaching the test database through {@link #PROXY}. */
    static final class ThroughProxy extends ProxiedDataSource {
        ThroughProxy() {
            super("CapydbFaultIT", 8);
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return new ThroughProxy().receiverWar("database-fault-it", EventStream.SETTINGS);
    }

    @ArquillianResource
    URL base;

    @Test
    void deliveriesDuringAnOutageAnswer503AndTheSendersRetriesLoseNothing() throws Exception {
        String run = Long.toHexString(System.nanoTime());
        for (EventStream.Event event : EventStream.histories("model-" + run + "-", 10, 3)) {
            assertEquals(200, event.deliverTo(base).statusCode());
        }
        List<EventStream.Event> events = EventStream.histories("outage-" + run + "-", 10, 3);
        int third = events.size() / 3;
        List<EventStream.Event> failed = new ArrayList<>();

        // Before the outage: acknowledged.
        for (EventStream.Event event : events.subList(0, third)) {
            assertEquals(200, event.deliverTo(base).statusCode());
        }

        // The database goes away while deliveries are in flight, then stays away.
        AtomicInteger sent = new AtomicInteger();
        Thread cutter = new Thread(() -> {
            while (sent.get() < 5) {
                Thread.onSpinWait();
            }
            PROXY.cut();
        });
        cutter.start();
        List<EventStream.Event> duringOutage = events.subList(third, 2 * third);
        List<HttpResponse<String>> responses = Webhooks.concurrently(4, duringOutage, event -> {
            sent.incrementAndGet();
            return event.deliverTo(base);
        });
        cutter.join();
        List<EventStream.Event> whileDown = new ArrayList<>();
        for (EventStream.Event event : events.subList(2 * third, events.size())) {
            HttpResponse<String> response = event.deliverTo(base);
            assertUnavailable(response);
            whileDown.add(event);
        }
        for (int i = 0; i < responses.size(); i++) {
            HttpResponse<String> response = responses.get(i);
            if (response.statusCode() != 200) {
                assertUnavailable(response);
                failed.add(duringOutage.get(i));
            }
        }
        assertTrue(failed.size() > 0, "the cut must hit deliveries in flight");
        failed.addAll(whileDown);
        Set<String> neverCommitted = whileDown.stream().map(EventStream.Event::deliveryId).collect(Collectors.toSet());

        // The database is back: no redeploy, the sender retries what was not acknowledged.
        PROXY.restore();
        for (String id : neverCommitted) {
            assertEquals(0L, UsersTable.count("deliveries", "delivery_id", id), "nothing half-written");
        }
        for (EventStream.Event event : failed) {
            HttpResponse<String> retry = event.deliverTo(base);
            assertEquals(200, retry.statusCode(), retry.body());
        }

        assertEquals(UsersTable.comparableRows("model-" + run + "-"), UsersTable.comparableRows("outage-" + run + "-"));
        for (EventStream.Event event : events) {
            assertEquals(1L, UsersTable.count("deliveries", "delivery_id", event.deliveryId()), "acknowledged and kept");
        }
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertEquals(503, response.statusCode(), response.body());
        assertEquals("30", response.headers().firstValue("Retry-After").orElse(null));
        assertEquals("unavailable", json(response.body()).getString("error"), response.body());
    }
}
