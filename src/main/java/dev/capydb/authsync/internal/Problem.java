package dev.capydb.authsync.internal;

import jakarta.json.Json;

/**
 * An error answer of the receiver: the HTTP status, a stable machine-readable code and a sentence
 * for people. Never carries request content, signatures or secrets.
 */
public record Problem(int status, String code, String message) {

    /** {@code {"status":401,"error":"invalid_signature","message":"…"}} */
    public String toJson() {
        return Json.createObjectBuilder()
                .add("status", status)
                .add("error", code)
                .add("message", message)
                .build()
                .toString();
    }
}
