package io.codis.common.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodePathsTest {

    @Test
    void acceptsAbsolutePathsOnly() {
        assertThat(NodePaths.validate("/codis3/demo/topom")).isEqualTo("/codis3/demo/topom");
        assertThat(NodePaths.validate("/")).isEqualTo("/");
        for (String bad : new String[] {null, "", "codis3", "/codis3/", "/a//b", "/a/./b", "/a/../b"}) {
            assertThatThrownBy(() -> NodePaths.validate(bad)).as(bad).isInstanceOf(CoordinatorException.class)
                    .hasMessageStartingWith("invalid path = " + bad);
        }
    }

    @Test
    void takesPathsApart() {
        assertThat(NodePaths.parent("/codis3/demo/topom")).isEqualTo("/codis3/demo");
        assertThat(NodePaths.parent("/codis3")).isEqualTo("/");
        assertThat(NodePaths.parent("/")).isEqualTo("/");
        assertThat(NodePaths.name("/codis3/demo")).isEqualTo("demo");
        assertThat(NodePaths.join("/codis3", "demo")).isEqualTo("/codis3/demo");
        assertThat(NodePaths.join("/", "codis3")).isEqualTo("/codis3");
        assertThat(NodePaths.ancestors("/a/b/c")).containsExactly("/a", "/a/b");
        assertThat(NodePaths.ancestors("/a")).isEmpty();
    }

    @Test
    void tellsWhatLiesBelow() {
        assertThat(NodePaths.isAtOrBelow("/a/b", "/a")).isTrue();
        assertThat(NodePaths.isAtOrBelow("/a", "/a")).isTrue();
        assertThat(NodePaths.isAtOrBelow("/ab", "/a")).isFalse();
        assertThat(NodePaths.isAtOrBelow("/x", "/")).isTrue();
        assertThat(NodePaths.childToward("/a", "/a/b/c")).isEqualTo("/a/b");
        assertThat(NodePaths.childToward("/a", "/a/b")).isEqualTo("/a/b");
        assertThat(NodePaths.childToward("/", "/a/b")).isEqualTo("/a");
    }
}
