package io.codis.common.coordinator.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A parsed answer of the etcd v2 keys API: its {@code X-Etcd-Index}, its body, and the error it carries, if any. */
record EtcdV2Response(long etcdIndex, JsonNode body, Optional<EtcdV2Error> error) {

    boolean failedWith(int code) {
        return error.isPresent() && error.get().code() == code;
    }

    /** The {@code node} of a successful answer. */
    JsonNode node() {
        return body.path("node");
    }
}
