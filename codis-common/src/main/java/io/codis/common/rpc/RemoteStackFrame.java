package io.codis.common.rpc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One frame of a {@link RemoteError}'s stack: {@code {"Name", "File", "Line"}} exactly as Go clients decode it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"Name", "File", "Line"})
public record RemoteStackFrame(
        @JsonProperty("Name") String name,
        @JsonProperty("File") String file,
        @JsonProperty("Line") int line) {

    public RemoteStackFrame {
        name = name == null ? "" : name;
        file = file == null ? "" : file;
    }

    static RemoteStackFrame of(StackTraceElement element) {
        return new RemoteStackFrame(element.getClassName() + "." + element.getMethodName(),
                element.getFileName(), Math.max(element.getLineNumber(), 0));
    }
}
