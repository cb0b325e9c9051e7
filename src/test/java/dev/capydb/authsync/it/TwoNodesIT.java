package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two servers behind a load balancer, one database (PostgreSQL or MariaDB): the same stream, each event
 * delivered to both nodes at once in shuffled order, must leave what one in-order delivery leaves,
 * without a single 5xx. Only the database coordinates the nodes.
 */
@ServerTest
@Tag("nodes")
@Tag("database")
class TwoNodesIT {

    @Deployment(name = "node1", testable = false)
    @TargetsContainer("node1")
    static WebArchive node1() {
        return ReceiverWar.onTestDatabase("two-nodes-it", EventStream.SETTINGS);
    }

    @Deployment(name = "node2", testable = false)
    @TargetsContainer("node2")
    static WebArchive node2() {
        return ReceiverWar.onTestDatabase("two-nodes-it", EventStream.SETTINGS);
    }

    @ArquillianResource
    @OperateOnDeployment("node1")
    URL node1;

    @ArquillianResource
    @OperateOnDeployment("node2")
    URL node2;

    @Test
    void theStreamSplitAcrossBothNodesAndDuplicatedLeavesTheTableOfOneInOrderDelivery() {
        String run = Long.toHexString(System.nanoTime());
        for (EventStream.Event event : EventStream.histories("model-" + run + "-", 16, 4)) {
            assertEquals(200, event.deliverTo(node1).statusCode());
        }
        List<EventStream.Event> events = EventStream.histories("nodes-" + run + "-", 16, 4);
        long seed = new Random().nextLong();

        Map<String, Long> statuses = EventStream.deliverToBoth(events, node1, node2, 8, seed);

        assertEquals((long) events.size(), statuses.get("duplicate"), () -> "seed " + seed + ": " + statuses);
        assertEquals(UsersTable.comparableRows("model-" + run + "-"), UsersTable.comparableRows("nodes-" + run + "-"),
                () -> "seed " + seed);
    }

    @Test
    void thirtyTwoConcurrentUpdatesOfOneUserOnBothNodesLeaveTheNewest() {
        String id = "two-nodes-" + System.nanoTime();
        Instant t = Instant.parse("2025-03-01T12:00:00Z");
        List<Integer> statuses = Webhooks.concurrently(32, EventStream.shuffledVersions(32),
                v -> EventStream.userUpdated(id, "v" + v, t, t.plusSeconds(v)).deliverTo(v % 2 == 0 ? node1 : node2)
                        .statusCode());

        assertEquals(Collections.nCopies(32, 200), statuses);
        assertEquals(1L, UsersTable.count("users", "id", id));
        assertEquals("v31@example.com", UsersTable.row(id).get("email"));
    }
}
