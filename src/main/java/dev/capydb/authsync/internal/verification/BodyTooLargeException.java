package dev.capydb.authsync.internal.verification;

import java.io.IOException;

/** The request body is longer than {@code capydb.auth.max-body-bytes}. */
final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    BodyTooLargeException() {
        super("request body exceeds the configured limit", null);
    }
}
