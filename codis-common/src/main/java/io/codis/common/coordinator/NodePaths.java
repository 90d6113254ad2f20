package io.codis.common.coordinator;

import java.util.ArrayList;
import java.util.List;

/** Checks and takes apart the absolute, slash-separated node paths every backend shares. */
public final class NodePaths {
    private NodePaths() {
    }

    /**
     * Returns {@code path} when it is absolute, has no empty, "." or ".." segment and no trailing
     * slash ("/" alone is the root); fails with a {@link CoordinatorException} otherwise.
     */
    public static String validate(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            throw new CoordinatorException("invalid path = " + path + ", must be absolute");
        }
        if (path.equals("/")) {
            return path;
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new CoordinatorException("invalid path = " + path);
            }
        }
        return path;
    }

    /** The parent of a validated path; the root's parent is the root. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** The last segment of a validated path; empty for the root. */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code parent + "/" + child}, without doubling the root's slash. */
    public static String join(String parent, String child) {
        return parent.equals("/") ? "/" + child : parent + "/" + child;
    }

    /** The proper ancestors of a validated path, outermost first, without the root: /a/b/c → [/a, /a/b]. */
    public static List<String> ancestors(String path) {
        List<String> ancestors = new ArrayList<>();
        for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
            ancestors.add(path.substring(0, slash));
        }
        return ancestors;
    }

    /** Whether {@code candidate} is {@code path} itself or lies below it. */
    public static boolean isAtOrBelow(String candidate, String path) {
        if (path.equals("/")) {
            return candidate.startsWith("/");
        }
        return candidate.equals(path) || candidate.startsWith(path + "/");
    }

    /** The direct child of {@code parent} on the way to the descendant {@code below}: (/a, /a/b/c) → /a/b. */
    public static String childToward(String parent, String below) {
        int start = parent.equals("/") ? 1 : parent.length() + 1;
        int slash = below.indexOf('/', start);
        return slash < 0 ? below : below.substring(0, slash);
    }
}
