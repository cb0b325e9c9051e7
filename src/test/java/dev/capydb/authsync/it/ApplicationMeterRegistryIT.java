package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.capydb.authsync.it.war.meters.ApplicationMeters;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An application that has its own {@code MeterRegistry} bean: the receiver counts there, and its
 * scrape endpoint, enabled here, says that it has nothing to serve rather than an empty page.
 */
@ServerTest
@Tag("operations")
class ApplicationMeterRegistryIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        Map<String, String> settings = new HashMap<>(EventStream.SETTINGS);
        settings.put("capydb.auth.metrics.open", "true");
        return ReceiverWar.onTestDatabase("application-meter-registry-it", settings)
                .addPackage(ApplicationMeters.class.getPackage());
    }

    @ArquillianResource
    URL base;

    @Test
    void theReceiverCountsOnTheApplicationsRegistry() {
        assertEquals("0", counted("mirrored"), "registered on the application's registry at startup");
        EventStream.Event created = EventStream.histories("app-meters-" + Long.toHexString(System.nanoTime()) + "-", 1, 0)
                .get(0);
        assertEquals(200, created.deliverTo(base).statusCode());
        assertEquals(200, created.deliverTo(base).statusCode());
        assertEquals("1", counted("mirrored"));
        assertEquals("1", counted("duplicate"));

        HttpResponse<String> scrape = Webhooks.get(Webhooks.resolve(base, "capydb-auth/metrics"));
        assertEquals(404, scrape.statusCode(), scrape.body());
        assertEquals("not_prometheus", Webhooks.json(scrape.body()).getString("error"));
    }

    private String counted(String outcome) {
        return Webhooks.get(Webhooks.resolve(base, "app/meters/deliveries/banata/" + outcome)).body();
    }
}
