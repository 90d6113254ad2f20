package io.codis.common.http;

/**
 * The {@code [%p]} tag of the original's log lines (the address of the object that logs); here the
 * identity hash of the Java object, e.g. {@code [0x1b2c3d4e]}.
 */
public final class ObjectTag {
    private ObjectTag() {
    }

    public static String of(Object owner) {
        return "[0x" + Integer.toHexString(System.identityHashCode(owner)) + "]";
    }
}
