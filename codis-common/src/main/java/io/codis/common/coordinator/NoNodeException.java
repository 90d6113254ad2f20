package io.codis.common.coordinator;

/** A read or list that requires the node found it absent. */
public class NoNodeException extends CoordinatorException {
    public NoNodeException(String path) {
        super("node " + path + " doesn't exist");
    }
}
