package io.codis.common.coordinator;

/** {@link Coordinator#create} found the node already there. */
public class NodeExistsException extends CoordinatorException {
    public NodeExistsException(String path) {
        super("node " + path + " already exists");
    }
}
