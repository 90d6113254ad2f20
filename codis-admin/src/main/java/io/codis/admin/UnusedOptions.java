package io.codis.admin;

import io.codis.common.cli.FatalError;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options given on one codis-admin command line, checked against the form chosen: like the
 * original's usage patterns, a form refuses an option it does not use instead of ignoring it
 * ({@code option --addr is not used by --create-group}).
 */
public final class UnusedOptions {
    private final Set<String> given;

    private UnusedOptions(Set<String> given) {
        this.given = given;
    }

    /** The options matched on the command line of {@code spec}, by their longest names. */
    public static UnusedOptions of(CommandSpec spec) {
        Set<String> names = new LinkedHashSet<>();
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            names.add(option.longestName());
        }
        return new UnusedOptions(names);
    }

    /**
     * Refuses any option given besides {@code -v}, {@code target}, the options that name the
     * {@code form} (e.g. {@code --slot-action --create}) and {@code used}.
     */
    public void refuse(String target, String form, Collection<String> used) {
        List<String> formWords = List.of(form.split(" "));
        for (String name : given) {
            if (!name.equals("-v") && !name.equals(target) && !formWords.contains(name) && !used.contains(name)) {
                throw new FatalError("option " + name + " is not used by " + form);
            }
        }
    }

    /** As {@link #refuse(String, String, Collection)}. */
    public void refuse(String target, String form, String... used) {
        refuse(target, form, List.of(used));
    }
}
