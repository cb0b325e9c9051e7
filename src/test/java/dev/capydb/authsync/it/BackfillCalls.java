package dev.capydb.authsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** The backfill's admin calls under {@code capydb-auth/backfill/} of a deployment, as an operator makes them. */
final class BackfillCalls {

    private final URL base;
    private final String secret;

    /** @param secret the deployment's {@code capydb.auth.backfill.secret} */
    BackfillCalls(URL base, String secret) {
        this.base = base;
        this.secret = secret;
    }

    /** A call with {@code headers} only (no secret unless they hold it). */
    HttpResponse<String> call(String method, String path, String... headers) {
        return Webhooks.send(HttpRequest.newBuilder(Webhooks.resolve(base, "capydb-auth/backfill/" + path))
                .method(method, HttpRequest.BodyPublishers.noBody()), headers);
    }

    /** A call with the secret; its answer, once checked to be {@code status}. */
    JsonObject authorized(String method, String path, int status) {
        HttpResponse<String> response = call(method, path, "Authorization", "Bearer " + secret);
        assertEquals(status, response.statusCode(), response.body());
        return Webhooks.json(response.body());
    }

    /** Starts a backfill ({@code better-auth}, {@code clerk}, or {@code executions/<id>/restart}); its execution id. */
    long start(String path) {
        return authorized("POST", path, 202).getJsonNumber("execution").longValue();
    }

    /** The execution's progress once it ended, checked to have ended in {@code status}. */
    JsonObject awaitEnd(long execution, String status) {
        JsonObject progress = await(execution,
                p -> !List.of("STARTING", "STARTED", "STOPPING").contains(p.getString("status")));
        assertEquals(status, progress.getString("status"), progress.toString());
        return progress;
    }

    /** The execution's progress once {@code until} holds for it (within three minutes). */
    JsonObject await(long execution, Predicate<JsonObject> until) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonObject progress;
        do {
            progress = authorized("GET", "executions/" + execution, 200);
            if (until.test(progress)) {
                return progress;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("execution " + execution + " never got there: " + progress);
    }
}
