package io.codis.common.json;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

/**
 * The layout of Go's {@code json.MarshalIndent(v, "", "    ")}: four-space indent, {@code ": "}
 * between a key and its value, one array element or object member per line, {@code []} and
 * {@code {}} for empty containers, no trailing newline.
 */
final class GoPrettyPrinter {
    private GoPrettyPrinter() {
    }

    static DefaultPrettyPrinter create() {
        Separators separators = new Separators("", ':', Separators.Spacing.AFTER,
                ',', Separators.Spacing.NONE, "",
                ',', Separators.Spacing.NONE, "");
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }
}
