package dev.capydb.authsync.internal.verification;

import static dev.capydb.authsync.internal.verification.SignatureVerificationException.Reason.MISSING;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A provider whose senders use different schemes (Better Auth: the CapyDB form and the webhook
 * plugins): the scheme whose signature header the request carries verifies it.
 */
public final class SchemeChosenByHeader implements SignatureScheme {

    private final Map<String, SignatureScheme> schemesByHeader;

    /** @param schemesByHeader each scheme by the header that announces it, in order of preference */
    public SchemeChosenByHeader(LinkedHashMap<String, SignatureScheme> schemesByHeader) {
        this.schemesByHeader = schemesByHeader;
    }

    @Override
    public Optional<String> verify(HeaderLookup headers, byte[] body) throws SignatureVerificationException {
        for (Map.Entry<String, SignatureScheme> scheme : schemesByHeader.entrySet()) {
            if (headers.get(scheme.getKey()) != null) {
                return scheme.getValue().verify(headers, body);
            }
        }
        throw new SignatureVerificationException(MISSING);
    }
}
