package io.codis.common.coordinator.zookeeper;

import io.codis.common.coordinator.CoordinatorAuth;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

/**
 * The ACLs Codis puts on the nodes it creates: directories get every permission, leaves
 * READ|WRITE|ADMIN; for the digest identity of the client's "user:password" when it has one,
 * for anyone otherwise. (Mutable-style lists: ZooKeeper asks them whether they contain null.)
 */
final class ZookeeperAcls implements ACLProvider {
    private static final int LEAF_PERMS = ZooDefs.Perms.READ | ZooDefs.Perms.WRITE | ZooDefs.Perms.ADMIN;

    private final List<ACL> directory;
    private final List<ACL> leaf;

    ZookeeperAcls(Optional<CoordinatorAuth> auth) {
        Id id = auth.map(ZookeeperAcls::digestId).orElse(ZooDefs.Ids.ANYONE_ID_UNSAFE);
        this.directory = Collections.singletonList(new ACL(ZooDefs.Perms.ALL, id));
        this.leaf = Collections.singletonList(new ACL(LEAF_PERMS, id));
    }

    List<ACL> leaf() {
        return leaf;
    }

    @Override
    public List<ACL> getDefaultAcl() {
        return directory;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
        return directory;
    }

    private static Id digestId(CoordinatorAuth auth) {
        try {
            return new Id("digest", DigestAuthenticationProvider.generateDigest(auth.text()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1 is missing from this JVM", e);
        }
    }
}
