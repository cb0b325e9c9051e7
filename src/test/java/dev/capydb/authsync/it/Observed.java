package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;

/** What the test application's observers saw (see {@code war.Observations}), read through its support calls. */
final class Observed {

    private Observed() {
    }

    /** Every event, as {@code <type> <provider> <user or event> committed|NOT-COMMITTED}. */
    static List<String> lines(URL base) {
        return read(base, "observations");
    }

    /** Every user change, as {@code <type> <user id> <updatedAt, or deletedAt of a deletion>}. */
    static List<String> changes(URL base) {
        return read(base, "observations/changes");
    }

    /** Every {@code WebhookReceived}, as {@code <provider> <delivery id>}. */
    static List<String> deliveries(URL base) {
        return read(base, "observations/deliveries");
    }

    /** A JSON array of strings that a support call of the test application answers at {@code path}. */
    static List<String> read(URL base, String path) {
        HttpResponse<String> response = Webhooks.get(Webhooks.resolve(base, "app/support/" + path));
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readArray()
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
