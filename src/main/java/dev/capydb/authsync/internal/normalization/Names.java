package dev.capydb.authsync.internal.normalization;

/**
 * A display name split into {@code first_name} and {@code last_name} as the table's contract says:
 * the first whitespace-separated token, and the rest (inner spacing kept) or {@code null}.
 */
record Names(String first, String last) {

    private static final Names NONE = new Names(null, null);

    static Names split(String name) {
        if (name == null || name.isBlank()) {
            return NONE;
        }
        String trimmed = name.strip();
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.codePointAt(end))) {
            end += Character.charCount(trimmed.codePointAt(end));
        }
        String rest = trimmed.substring(end).strip();
        return new Names(trimmed.substring(0, end), rest.isEmpty() ? null : rest);
    }
}
