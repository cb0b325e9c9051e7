package dev.capydb.authsync.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Webhook bodies of an exact size in bytes that look like what identity providers send: a
 * {@code user.updated} event with the user, its email addresses and metadata, and as many sessions
 * as the size takes. Deterministic for a given size and text.
 *
 * <p>The text is either plain ASCII or has non-ASCII names and places (as JSON serializers such as
 * {@code JSON.stringify} write them, unescaped). HMAC over bytes does not care, but the SDKs that
 * take the payload as a {@code String} do: a non-ASCII string is stored as UTF-16 and re-encoding it
 * to UTF-8 is slower than for an all-ASCII one, so both are measured.
 */
final class JsonBodies {

    private static final String[] UTF8_FIRST_NAMES = {"Zoë", "José", "Łukasz", "Sören", "Chloé", "Jürgen"};
    private static final String[] UTF8_LAST_NAMES = {"Müller", "García", "Ødegaard", "Wójcik", "Šimić", "Nuñez"};
    private static final String[] ASCII_FIRST_NAMES = {"Zoe", "Jose", "Lukasz", "Soren", "Chloe", "Jurgen"};
    private static final String[] ASCII_LAST_NAMES = {"Mueller", "Garcia", "Odegaard", "Wojcik", "Simic", "Nunez"};
    private static final String[] WORDS = {
        "migrated", "from", "the", "legacy", "directory", "during", "onboarding", "of", "team", "workspace",
        "billing", "contact", "for", "invoices", "prefers", "email", "over", "sms", "review", "account",
    };
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
    };

    private JsonBodies() {
    }

    static byte[] ofSize(int size, boolean ascii) {
        Random random = new Random(size);
        String[] firstNames = ascii ? ASCII_FIRST_NAMES : UTF8_FIRST_NAMES;
        String[] lastNames = ascii ? ASCII_LAST_NAMES : UTF8_LAST_NAMES;
        String city = ascii ? "Zurich" : "Zürich";
        String first = firstNames[random.nextInt(firstNames.length)];
        String last = lastNames[random.nextInt(lastNames.length)];
        StringBuilder json = new StringBuilder(size + 256);
        json.append("{\"type\":\"user.updated\",\"object\":\"event\",\"timestamp\":1718000000123,")
                .append("\"data\":{\"id\":\"user_").append(token(random, 27)).append("\",\"object\":\"user\",")
                .append("\"first_name\":\"").append(first).append("\",\"last_name\":\"").append(last).append("\",")
                .append("\"username\":null,\"image_url\":\"https://img.example.com/").append(token(random, 40)).append("\",")
                .append("\"primary_email_address_id\":\"idn_").append(token(random, 27)).append("\",")
                .append("\"email_addresses\":[{\"id\":\"idn_").append(token(random, 27))
                .append("\",\"object\":\"email_address\",\"email_address\":\"")
                .append(first.toLowerCase()).append('.').append(last.toLowerCase()).append("@example.com\",")
                .append("\"verification\":{\"status\":\"verified\",\"strategy\":\"email_code\"},\"linked_to\":[]}],")
                .append("\"two_factor_enabled\":false,\"banned\":false,\"locked\":false,")
                .append("\"created_at\":1717000000000,\"updated_at\":1718000000000,")
                .append("\"public_metadata\":{\"plan\":\"team\",\"roles\":[\"admin\",\"billing\"]},")
                .append("\"private_metadata\":{},\"unsafe_metadata\":{\"theme\":\"dark\",\"locale\":\"de-DE\"},")
                .append("\"sessions\":[");
        String close = "],\"note\":\"\"}}";
        boolean firstSession = true;
        while (true) {
            String session = session(random, city);
            int withSession = utf8Length(json) + (firstSession ? 0 : 1) + utf8Length(session) + close.length();
            if (withSession > size) {
                break;
            }
            json.append(firstSession ? "" : ",").append(session);
            firstSession = false;
        }
        // Fill the note with ASCII words up to the exact size.
        json.append("],\"note\":\"");
        int padding = size - utf8Length(json) - "\"}}".length();
        if (padding < 0) {
            throw new IllegalArgumentException("size too small: " + size);
        }
        StringBuilder note = new StringBuilder(padding + 16);
        while (note.length() < padding) {
            note.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        json.append(note, 0, padding).append("\"}}");
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        if (body.length != size) {
            throw new IllegalStateException("built " + body.length + " bytes instead of " + size);
        }
        boolean allAscii = json.chars().allMatch(c -> c < 0x80);
        if (allAscii != ascii) {
            throw new IllegalStateException("built " + (allAscii ? "ASCII" : "non-ASCII") + " text");
        }
        return body;
    }

    private static String session(Random random, String city) {
        return "{\"id\":\"sess_" + token(random, 27) + "\",\"status\":\"active\",\"last_active_at\":"
                + (1718000000000L + random.nextInt(1_000_000_000)) + ",\"client\":{\"ip\":\"203.0.113."
                + random.nextInt(256) + "\",\"city\":\"" + city + "\",\"user_agent\":\"" + AGENTS[random.nextInt(AGENTS.length)]
                + "\"}}";
    }

    private static String token(Random random, int length) {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    private static int utf8Length(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
