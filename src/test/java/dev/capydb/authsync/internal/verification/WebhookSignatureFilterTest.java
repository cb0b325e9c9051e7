package dev.capydb.authsync.internal.verification;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the filter lets through to the signature check as a JSON body (anything else: 415). */
class WebhookSignatureFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
            "application/json;charset=\"UTF-8\"", "application/json; boundary=x", "application/cloudevents+json",
            "application/json; boundary=x; charset=utf-8"})
    void jsonInUtf8IsAccepted(String contentType) {
        assertTrue(WebhookSignatureFilter.isJson(contentType));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "text/plain", "text/json", "application/xml", "application/jsonp",
            "application/json; charset=iso-8859-1", "application/json; boundary=x; charset=utf-16", "+json",
            "application/x-www-form-urlencoded"})
    void anythingElseIsNot(String contentType) {
        assertFalse(WebhookSignatureFilter.isJson(contentType));
    }
}
