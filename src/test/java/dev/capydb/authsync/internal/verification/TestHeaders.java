package dev.capydb.authsync.internal.verification;

import java.util.Map;
import java.util.TreeMap;

/** Request headers for scheme tests, looked up case-insensitively as servlet containers do. */
final class TestHeaders {

    private TestHeaders() {
    }

    static SignatureScheme.HeaderLookup of(Map<String, String> headers) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(headers);
        return map::get;
    }

    static SignatureScheme.HeaderLookup of(String... namesAndValues) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map::get;
    }
}
