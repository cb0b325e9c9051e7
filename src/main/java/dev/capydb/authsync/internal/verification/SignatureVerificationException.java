package dev.capydb.authsync.internal.verification;

/** Why a delivery's signature was refused; the message is safe to show the sender. */
public final class SignatureVerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the signature was refused. */
    public enum Reason {
        MISSING("The signature header is missing"),
        MALFORMED("The signature header is malformed"),
        TIMESTAMP_OUT_OF_TOLERANCE("The signed timestamp is too far from the server's clock"),
        MISMATCH("The signature does not match the body");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private final Reason reason;

    public SignatureVerificationException(Reason reason) {
        super(reason.message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
