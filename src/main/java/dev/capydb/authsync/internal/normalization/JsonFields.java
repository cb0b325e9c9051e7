package dev.capydb.authsync.internal.normalization;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;

/** Typed reads of optional fields, refusing values of the wrong JSON type with a clear message. */
final class JsonFields {

    private JsonFields() {
    }

    /** The string at {@code key}, or {@code null} when absent or JSON {@code null}. */
    static String string(JsonObject object, String key, String path) throws InvalidPayloadException {
        JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new InvalidPayloadException(path + "." + key + " must be a string");
    }

    /** The first of {@code keys} present with a non-null value, which must be an object. */
    static JsonObject firstObject(JsonObject object, String... keys) throws InvalidPayloadException {
        for (String key : keys) {
            JsonValue value = object.get(key);
            if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
                if (value instanceof JsonObject result) {
                    return result;
                }
                throw new InvalidPayloadException(key + " must be an object");
            }
        }
        return null;
    }

    /** The first of {@code keys} present with a non-null value, which must be a string. */
    static String firstString(JsonObject object, String... keys) throws InvalidPayloadException {
        for (String key : keys) {
            String value = string(object, key, "body");
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The non-blank string id at {@code key}. */
    static String requiredId(JsonObject user, String key, String path) throws InvalidPayloadException {
        String id = string(user, key, path);
        if (id == null || id.isBlank()) {
            throw new InvalidPayloadException(path + "." + key + " is required");
        }
        return id;
    }

    /** Epoch milliseconds (an integer) at {@code key}, or {@code null} when absent. */
    static Instant epochMillis(JsonObject object, String key, String path) throws InvalidPayloadException {
        JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(((JsonNumber) value).longValueExact());
        } catch (ClassCastException | ArithmeticException | java.time.DateTimeException e) {
            throw new InvalidPayloadException(path + "." + key + " must be epoch milliseconds");
        }
    }

    /** The array at {@code key}, or an empty one when absent. */
    static JsonArray array(JsonObject object, String key, String path) throws InvalidPayloadException {
        JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (value instanceof JsonArray array) {
            return array;
        }
        throw new InvalidPayloadException(path + "." + key + " must be an array");
    }

    /** An RFC 3339 timestamp at {@code key}, or {@code null} when absent. */
    static Instant timestamp(JsonObject object, String key, String path) throws InvalidPayloadException {
        String value = string(object, key, path);
        if (value == null) {
            return null;
        }
        Instant instant = Timestamps.parseRfc3339(value);
        if (instant == null) {
            throw new InvalidPayloadException(path + "." + key + " must be an RFC 3339 timestamp");
        }
        return instant;
    }
}
