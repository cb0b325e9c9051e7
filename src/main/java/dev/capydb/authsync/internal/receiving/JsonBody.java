package dev.capydb.authsync.internal.receiving;

import dev.capydb.authsync.internal.normalization.InvalidPayloadException;
import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Parses a verified body: strict UTF-8, exactly one JSON object, no member named twice (parsers
 * disagree on which of two values wins, so such a body could mean one thing to the receiver and
 * another to the application). Nesting depth and number sizes are bounded by the JSON-P provider.
 */
final class JsonBody {

    // JSON-P 2.1's key strategy, and Parsson's own key, which its parser honours where the former is ignored.
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of(
            JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE,
            "org.eclipse.parsson.rejectDuplicateKeys", true));

    private JsonBody() {
    }

    static JsonObject parseObject(byte[] body) throws InvalidPayloadException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidPayloadException("The body is not valid UTF-8");
        }
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new InvalidPayloadException("The body must be a JSON object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw new InvalidPayloadException("The body must hold exactly one JSON object");
            }
            return object;
        } catch (RuntimeException e) {
            // JsonException, and the plain runtime exceptions by which Parsson refuses a member named
            // twice or nesting beyond its depth limit: untrusted input must never turn into a 500.
            throw new InvalidPayloadException("The body is not valid JSON (or names a member twice, or nests too deeply)");
        }
    }
}
