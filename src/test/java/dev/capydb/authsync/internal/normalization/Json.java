package dev.capydb.authsync.internal.normalization;

import jakarta.json.JsonObject;
import java.io.StringReader;

/** Parses test payloads. */
final class Json {

    private Json() {
    }

    static JsonObject object(String text) {
        return jakarta.json.Json.createReader(new StringReader(text)).readObject();
    }
}
