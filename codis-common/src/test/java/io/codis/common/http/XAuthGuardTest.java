package io.codis.common.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class XAuthGuardTest {
    private final AtomicBoolean closed = new AtomicBoolean();
    private final XAuthGuard guard = new XAuthGuard("66b18d3006f86cd50181f8707cb6a866", closed::get, "use of closed proxy");

    @Test
    void acceptsTheExpectedXAuth() {
        assertThatCode(() -> guard.verify("66b18d3006f86cd50181f8707cb6a866")).doesNotThrowAnyException();
    }

    @Test
    void refusesMissingAndWrongXAuthWithTheOriginalTexts() {
        assertThatThrownBy(() -> guard.verify("")).isInstanceOf(ApiError.class)
                .hasMessage("missing xauth, please check product name & auth");
        assertThatThrownBy(() -> guard.verify("95b62887719520f17e312eaa76d28f2b")).isInstanceOf(ApiError.class)
                .hasMessage("invalid xauth, please check product name & auth");
    }

    @Test
    void aClosedProcessIsRefusedFirst() {
        closed.set(true);
        assertThatThrownBy(() -> guard.verify("66b18d3006f86cd50181f8707cb6a866")).isInstanceOf(ApiError.class)
                .hasMessage("use of closed proxy");
    }
}
