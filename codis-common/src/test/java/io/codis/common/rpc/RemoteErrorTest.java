package io.codis.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.codis.common.json.JsonCodec;
import org.junit.jupiter.api.Test;

class RemoteErrorTest {

    @Test
    void errorWithoutStackWritesNullStackAndEscapesLikeGo() {
        assertThat(JsonCodec.pretty(RemoteError.of("invalid xauth, please check product name & auth"))).isEqualTo("""
                {
                    "Cause": "invalid xauth, please check product name \\u0026 auth",
                    "Stack": null
                }""");
    }

    @Test
    void errorFromAnExceptionCarriesFramesOfTheGoShape() {
        RemoteError error = RemoteError.of(new IllegalStateException("group-[1] already exists"));

        assertThat(error.cause()).isEqualTo("group-[1] already exists");
        assertThat(error.stack()).isNotEmpty();
        assertThat(error.stack().get(0).name()).isEqualTo(RemoteErrorTest.class.getName() + ".errorFromAnExceptionCarriesFramesOfTheGoShape");
        assertThat(error.stack().get(0).file()).isEqualTo("RemoteErrorTest.java");
        assertThat(error.stack().get(0).line()).isPositive();
        assertThat(JsonCodec.compact(error.stack().get(0))).startsWith("{\"Name\":").contains("\"File\":", "\"Line\":");
    }

    @Test
    void readsMissingOrNullStack() {
        assertThat(JsonCodec.read("{\"Cause\": \"x\"}", RemoteError.class)).isEqualTo(RemoteError.of("x"));
        assertThat(JsonCodec.read("{\"Cause\": \"x\", \"Stack\": null}", RemoteError.class).stack()).isNull();
    }

    @Test
    void messageOfAnExceptionWithoutMessageIsItsClass() {
        assertThat(RemoteError.of(new NullPointerException()).cause()).isEqualTo("java.lang.NullPointerException");
    }
}
