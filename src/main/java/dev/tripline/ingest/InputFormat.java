package dev.tripline.ingest;

/**
 * How records are laid out in one input, decided from its first bytes: JSON Lines, a JSON array (one huge
 * one, or pretty-printed), or pretty-printed objects back to back as evtx dump tools write them.
 */
enum InputFormat {
    JSON_LINES, JSON_ARRAY, CONCATENATED_OBJECTS;

    /**
     * A first line that is only {@code {} is a pretty-printed object; {@code [} followed by {@code {} or
     * {@code ]} is an array of records; anything else (including {@code [1,2]} or text) is read line by
     * line, so each bad line is rejected on its own.
     */
    static InputFormat sniff(byte[] head, int length) {
        int i = skipWhitespaceAndBom(head, 0, length);
        if (i >= length) return JSON_LINES;
        if (head[i] == '[') {
            int j = skipWhitespace(head, i + 1, length);
            return j < length && (head[j] == '{' || head[j] == ']') ? JSON_ARRAY : JSON_LINES;
        }
        if (head[i] == '{') {
            for (int j = i + 1; j < length && head[j] != '\n'; j++) {
                if (!isWhitespace(head[j])) return JSON_LINES;
            }
            return CONCATENATED_OBJECTS;
        }
        return JSON_LINES;
    }

    private static int skipWhitespaceAndBom(byte[] b, int i, int length) {
        if (length - i >= 3 && b[i] == (byte) 0xEF && b[i + 1] == (byte) 0xBB && b[i + 2] == (byte) 0xBF) i += 3;
        return skipWhitespace(b, i, length);
    }

    private static int skipWhitespace(byte[] b, int i, int length) {
        while (i < length && (isWhitespace(b[i]) || b[i] == '\n')) i++;
        return i;
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
