package io.codis.common.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codis.common.coordinator.etcd.EtcdV2Coordinator;
import io.codis.common.coordinator.fs.FilesystemCoordinator;
import io.codis.common.testkit.TempDirs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoordinatorsTest {

    @Test
    void opensEachBackendByItsCodisName() {
        Path root = TempDirs.create("codis-fs-names-");
        try {
            for (String name : new String[] {"fs", "filesystem"}) {
                try (Coordinator fs = Coordinators.open(name, root.toString(), ":auth is not used", Duration.ZERO)) {
                    assertThat(fs).isInstanceOf(FilesystemCoordinator.class);
                }
            }
        } finally {
            TempDirs.delete(root);
        }
        // the etcd v2 client connects lazily, so no server is needed to see which one a name opens;
        // "zk" and "etcdv3" are opened by their backends' own tests
        try (Coordinator etcd = Coordinators.open("etcd", "127.0.0.1:2379", "", Duration.ofSeconds(1))) {
            assertThat(etcd).isInstanceOf(EtcdV2Coordinator.class);
        }
    }

    @Test
    void rejectsUnknownNames() {
        assertThatThrownBy(() -> Coordinators.open("consul", "127.0.0.1:8500", "", Duration.ZERO))
                .isInstanceOf(CoordinatorException.class)
                .hasMessage("invalid coordinator name = consul");
        assertThatThrownBy(() -> Coordinators.open("ZK", "127.0.0.1:2181", "", Duration.ZERO))
                .hasMessage("invalid coordinator name = ZK");
    }

    @Test
    void authMustBeUserColonPassword() {
        assertThat(CoordinatorAuth.parse("codis:s3cret")).contains(new CoordinatorAuth("codis", "s3cret"));
        assertThat(CoordinatorAuth.parse("codis:")).contains(new CoordinatorAuth("codis", ""));
        assertThat(CoordinatorAuth.parse("u:p:q")).contains(new CoordinatorAuth("u", "p:q"));
        assertThat(CoordinatorAuth.parse("")).isEmpty();
        assertThat(CoordinatorAuth.parse(null)).isEmpty();
        for (String bad : new String[] {":s3cret", "nocolon"}) {
            assertThatThrownBy(() -> CoordinatorAuth.parse(bad)).hasMessage("invalid auth");
            assertThatThrownBy(() -> Coordinators.open("etcd", "127.0.0.1:2379", bad, Duration.ZERO)).hasMessage("invalid auth");
        }
        assertThat(new CoordinatorAuth("codis", "s3cret").toString()).doesNotContain("s3cret");
        assertThat(new CoordinatorAuth("user", "pass").basicHeader()).isEqualTo("Basic dXNlcjpwYXNz");
    }
}
