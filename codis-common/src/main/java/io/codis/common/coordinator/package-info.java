/**
 * Coordinator clients: where a product's topology lives. Open one with
 * {@link io.codis.common.coordinator.Coordinators#open}; every backend implements
 * {@link io.codis.common.coordinator.Coordinator} and passes the same contract test. Where the
 * backends differ, they follow the original Codis 3.2:
 * <ul>
 *   <li>{@code fs}: delete is recursive, list is sorted, no ephemeral nodes ("not supported"),
 *       watches poll every 200 ms; every operation holds {@code ROOT/data.lck}.</li>
 *   <li>{@code zk}: delete is not recursive ("node has children"), list order is ZooKeeper's,
 *       directories are nodes with empty data; watches need ZooKeeper 3.6 or newer.</li>
 *   <li>{@code etcd} (v2 keys API, as Codis 3.2): directories are etcd's own, so reading a
 *       directory fails ("etcd: not a file") and deleting one too; values are UTF-8 text.</li>
 *   <li>{@code etcdv3}: directories are implied by deeper keys; not visible to the original tools.</li>
 * </ul>
 */
package io.codis.common.coordinator;
