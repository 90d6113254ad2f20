package io.codis.proxy.command;

import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The names in the proxy's command table, for tests outside this package that must cover every one of them. */
public final class TableNames {

    private TableNames() {
    }

    /** Every command the proxy forwards or answers itself. */
    public static SortedSet<String> allowed() {
        return names(spec -> !spec.isNotAllowed());
    }

    /** Every command the proxy refuses with {@code command '{NAME}' is not allowed}. */
    public static SortedSet<String> notAllowed() {
        return names(CommandSpec::isNotAllowed);
    }

    private static SortedSet<String> names(Predicate<CommandSpec> filter) {
        SortedSet<String> names = new TreeSet<>();
        KnownCommands.all().stream().filter(filter).forEach(spec -> names.add(spec.name()));
        return names;
    }
}
