package dev.capydb.authsync.internal.verification;

import static dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason.MISSING;

/** Reading the header a scheme cannot do without. */
final class HeaderValues {

    private HeaderValues() {
    }

    /** The header's value without surrounding whitespace. */
    static String required(SignatureScheme.HeaderLookup headers, String name) throws SignatureVerificationException {
        String value = headers.get(name);
        if (value == null || value.isBlank()) {
            throw new SignatureVerificationException(MISSING);
        }
        return value.strip();
    }

    /** {@code value} without {@code prefix} (matched ignoring case), or {@code null} when it does not start with it. */
    static String afterPrefix(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length()) ? value.substring(prefix.length()) : null;
    }
}
