package dev.capydb.authsync.it;

import dev.capydb.authsync.WebhookSignatures;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One provider as a sender: the bodies it posts for a user's creation, update and deletion and for an
 * event the mirror ignores, how it signs them, and the row each user event must leave. The samples are
 * data, in {@code senders.json} beside this class: each provider's own shapes, as its documentation
 * shows them.
 */
final class Sender {

    private static final JsonObject SAMPLES = samples();

    final String provider;
    final String secret;
    final String wrongSecret;
    private final JsonObject sample;

    private Sender(String provider) {
        this.provider = provider;
        this.sample = SAMPLES.getJsonObject(provider);
        this.secret = sample.getString("secret");
        this.wrongSecret = sample.getString("wrongSecret");
    }

    /** Better Auth's webhook plugins; the CapyDB form has its own suite. */
    static Sender betterAuthPlugin() {
        return new Sender("better-auth");
    }

    static Sender banata() {
        return new Sender("banata");
    }

    static Sender standardWebhooks() {
        return new Sender("standard-webhooks");
    }

    static Sender clerk() {
        return new Sender("clerk");
    }

    static Sender auth0() {
        return new Sender("auth0");
    }

    /** Every provider. */
    static List<Sender> all() {
        return List.of(betterAuthPlugin(), banata(), standardWebhooks(), clerk(), auth0());
    }

    String created(String id) {
        return body("created", "{id}", id);
    }

    String updated(String id) {
        return body("updated", "{id}", id);
    }

    String deleted(String id) {
        return body("deleted", "{id}", id);
    }

    /** An event the table does not hold; {@code marker} appears in the body as {@code "marker"}. */
    String ignored(String marker) {
        return body("ignored", "{marker}", marker);
    }

    String ignoredEventName() {
        return sample.getString("ignoredEvent");
    }

    /** The headers that sign {@code body} with {@code secret} at {@code at}, as the provider does. */
    Map<String, String> sign(String secret, byte[] body, Instant at) {
        String id = "msg_" + UUID.randomUUID();
        return switch (provider) {
            case "better-auth" -> WebhookSignatures.betterAuthPlugin(secret, body, id, "user.any", at);
            case "banata" -> WebhookSignatures.banata(secret, body, id, at);
            case "standard-webhooks" -> WebhookSignatures.standardWebhooks(secret, body, id, at);
            case "clerk" -> WebhookSignatures.svix(secret, body, id, at);
            default -> WebhookSignatures.auth0(secret);
        };
    }

    Map<String, String> sign(byte[] body) {
        return sign(secret, body, Instant.now());
    }

    /** The columns (as {@link UsersTable#row} returns them, without raw) after {@link #created}. */
    Map<String, Object> rowAfterCreate(String id) {
        return row(id, sample.getJsonObject("rowAfterCreate"));
    }

    Map<String, Object> rowAfterUpdate(String id) {
        return row(id, sample.getJsonObject("rowAfterUpdate"));
    }

    /** The part of the body that {@code raw} must equal. */
    String rawOf(String body) {
        return Webhooks.json(body).get(sample.getString("object")).toString();
    }

    /** Whether the scheme signs a timestamp that goes stale. */
    boolean signsTimestamp() {
        return sample.getBoolean("signsTimestamp", true);
    }

    /** Whether the scheme signs the body, so that a changed body is detected. */
    boolean signsBody() {
        return sample.getBoolean("signsBody", true);
    }

    /** The headers without which delivery must fail. */
    List<String> requiredHeaders() {
        return sample.getJsonArray("requiredHeaders").getValuesAs(value -> ((jakarta.json.JsonString) value).getString());
    }

    String signatureHeader() {
        return sample.getString("signatureHeader");
    }

    @Override
    public String toString() {
        return provider;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The sample body {@code name}, its {@code placeholder} replaced by {@code value}. */
    private String body(String name, String placeholder, String value) {
        return sample.getJsonObject(name).toString().replace(placeholder, value);
    }

    /** The row {@code columns} describe, with its id, live, timestamps as instants. */
    private static Map<String, Object> row(String id, JsonObject columns) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        columns.forEach((column, value) -> row.put(column, value.getValueType() == JsonValue.ValueType.NULL ? null
                : column.endsWith("_at") ? Instant.parse(columns.getString(column)) : columns.getString(column)));
        row.put("deleted_at", null);
        return row;
    }

    private static JsonObject samples() {
        try (InputStream in = Sender.class.getResourceAsStream("senders.json"); JsonReader reader = Json.createReader(in)) {
            return reader.readObject();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
