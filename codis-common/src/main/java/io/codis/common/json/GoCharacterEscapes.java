package io.codis.common.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Escapes strings the way Go's encoding/json does: {@code <}, {@code >}, {@code &}, U+2028 and
 * U+2029 as six-character unicode escapes with lowercase hex digits (backslash, u, 4 hex digits),
 * newline, return and tab as their short escapes, every other control character as a unicode
 * escape too; everything else (including non-ASCII) is written as is.
 */
final class GoCharacterEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;

    private final int[] asciiEscapes;

    GoCharacterEscapes() {
        asciiEscapes = standardAsciiEscapesForJSON();
        for (int c = 0; c < 0x20; c++) {
            asciiEscapes[c] = ESCAPE_CUSTOM;
        }
        asciiEscapes['<'] = ESCAPE_CUSTOM;
        asciiEscapes['>'] = ESCAPE_CUSTOM;
        asciiEscapes['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return asciiEscapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return switch (ch) {
            case '\n' -> new SerializedString("\\n");
            case '\r' -> new SerializedString("\\r");
            case '\t' -> new SerializedString("\\t");
            case '<', '>', '&', 0x2028, 0x2029 -> new SerializedString(unicodeEscape(ch));
            default -> ch < 0x20 ? new SerializedString(unicodeEscape(ch)) : null;
        };
    }

    private static String unicodeEscape(int ch) {
        return String.format("\\u%04x", ch);
    }
}
