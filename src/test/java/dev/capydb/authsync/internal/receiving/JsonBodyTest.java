package dev.capydb.authsync.internal.receiving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.capydb.authsync.internal.normalization.InvalidPayloadException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {

    @Test
    void parsesOneObjectKeepingTextAndNumbersExact() throws Exception {
        String body = "{ \"n\" : 123456789012345678901234567890.50, \"s\":\"caf\\u00e9 \\\"q\\\" 💡\" }";
        var object = JsonBody.parseObject(body.getBytes(StandardCharsets.UTF_8));
        assertEquals("café \"q\" 💡", object.getString("s"));
        assertEquals("123456789012345678901234567890.50", object.getJsonNumber("n").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "[]", "\"text\"", "42", "null", "{\"a\":1} {\"b\":2}", "{\"a\":1}x",
        "{'a':1}", "{\"a\":01}"})
    void refusesAnythingButExactlyOneJsonObject(String body) {
        assertThrows(InvalidPayloadException.class, () -> JsonBody.parseObject(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        InvalidPayloadException e = assertThrows(InvalidPayloadException.class, () -> JsonBody.parseObject(body));
        assertEquals("The body is not valid UTF-8", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1,\"a\":2}", "{\"user\":{\"id\":\"u1\",\"id\":\"u2\"}}"})
    void refusesAMemberNamedTwice(String body) {
        assertThrows(InvalidPayloadException.class, () -> JsonBody.parseObject(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void refusesNestingBeyondTheParsersDepthLimitWithoutOverflowingTheStack() {
        String body = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertThrows(InvalidPayloadException.class, () -> JsonBody.parseObject(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void keepsHugeNumbersAsText() throws Exception {
        String body = "{\"big\":1e999999999,\"long\":" + "9".repeat(1000) + "}";
        var object = JsonBody.parseObject(body.getBytes(StandardCharsets.UTF_8));
        assertEquals("1E+999999999", object.getJsonNumber("big").toString());
    }
}
