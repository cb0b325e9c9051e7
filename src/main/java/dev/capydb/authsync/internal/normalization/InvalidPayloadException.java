package dev.capydb.authsync.internal.normalization;

/** The body is not a webhook the provider could have sent; the message names the offending field only. */
public final class InvalidPayloadException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidPayloadException(String message) {
        super(message, null, false, false);
    }
}
