package io.codis.common.cli;

/**
 * Refuses a command-line feature that this build does not have yet, instead of accepting it and
 * doing nothing.
 */
public final class NotImplementedYet {
    private NotImplementedYet() {
    }

    public static FatalError feature(String what) {
        return new FatalError(what + " is not implemented in this build yet");
    }
}
