package io.codis.admin.dashboard;

import io.codis.common.status.DashboardStats;
import io.codis.common.status.ProxyStatusLines;
import io.codis.common.status.GroupStatusLines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.codis.common.json.JsonCodec;
import org.junit.jupiter.api.Test;

/** {@code --proxy-status} and {@code --group-status} lines, byte for byte, from the reference's Stats JSON. */
class StatusLinesTest {

    @Test
    void proxyStatusIsTheReferenceExample() {
        assertThat(ProxyStatusLines.of(ReferenceJson.stats())).containsExactly(
                "[ ] proxy-1 [T] 15fba3007f3c6ee0887749681cb82307 [A] 10.2.16.200:11080 [P] 10.2.16.200:19000",
                "[E] proxy-2 [T] 6f1c2d6cbb7a9d3a0f1e5f0c2a9e3b77 [A] 10.2.16.201:11080 [P] 10.2.16.201:19000");
    }

    @Test
    void groupStatusIsTheReferenceExample() {
        assertThat(GroupStatusLines.of(ReferenceJson.stats())).containsExactly(
                "[ ] group-1 [0] 10.2.16.201:6379      ==> NO:ONE",
                "[ ] group-1 [1] 10.2.16.202:6379      ==> 10.2.16.201:6379:up",
                "[X] group-2 [0] 10.2.16.203:6379      ==> 10.2.16.204:6379:up",
                "[E] group-2 [1] 10.2.16.204:6379");
    }

    @Test
    void proxyIdsAreZeroPaddedAndAddressesRightPaddedSoLinesCanEndInSpaces() {
        String json = """
                {"proxy": {"models": [
                  {"id": 7, "token": "aaaa", "admin_addr": "h:1", "proxy_addr": "host-a:19000"},
                  {"id": 12, "token": "bbbb", "admin_addr": "longer-host:11080", "proxy_addr": "b:1"},
                  {"id": 13, "token": "cccc", "admin_addr": "c:2", "proxy_addr": "c:3"}],
                 "stats": {"aaaa": {"unixtime": 1, "timeout": true},
                           "bbbb": {"unixtime": 1}}}}
                """;
        assertThat(ProxyStatusLines.of(DashboardStats.of(JsonCodec.readTree(json.getBytes())))).containsExactly(
                "[T] proxy-07 [T] aaaa [A] h:1               [P] host-a:19000",
                "[T] proxy-12 [T] bbbb [A] longer-host:11080 [P] b:1         ",
                "[?] proxy-13 [T] cccc [A] c:2               [P] c:3         ");
    }

    @Test
    void groupStatusPadsGidIndexAndAddressAndMarksUnexpectedMasters() {
        String json = """
                {"group": {"models": [
                  {"id": 3, "servers": [{"server": "a:1"}, {"server": "b:22"}, {"server": "c:3"},
                     {"server": "d:4"}, {"server": "e:5"}, {"server": "f:6"}, {"server": "g:7"},
                     {"server": "h:8"}, {"server": "i:9"}, {"server": "j:10"}, {"server": "k:11"}]},
                  {"id": 10, "servers": []}],
                 "stats": {"a:1": {"stats": {"master_addr": "", "role": "master"}, "unixtime": 1},
                           "b:22": {"stats": {"master_addr": "a:1", "master_link_status": "down"}, "unixtime": 1},
                           "c:3": {"stats": {"master_addr": "a:1", "master_link_status": "up"}, "unixtime": 1},
                           "d:4": {"stats": {"role": "master"}, "unixtime": 1},
                           "e:5": {"unixtime": 1, "timeout": true}}}}
                """;
        assertThat(GroupStatusLines.of(DashboardStats.of(JsonCodec.readTree(json.getBytes())))).containsExactly(
                "[ ] group-03 [00] a:1       ==> NO:ONE",
                "[X] group-03 [01] b:22      ==> a:1:down",
                "[ ] group-03 [02] c:3       ==> a:1:up",
                "[X] group-03 [03] d:4       ==> NO:ONE",
                "[T] group-03 [04] e:5 ",
                "[?] group-03 [05] f:6 ",
                "[?] group-03 [06] g:7 ",
                "[?] group-03 [07] h:8 ",
                "[?] group-03 [08] i:9 ",
                "[?] group-03 [09] j:10",
                "[?] group-03 [10] k:11");
    }

    @Test
    void noStatsAtAllPrintsNoLines() {
        ObjectNode empty = JsonCodec.mapper().createObjectNode();
        assertThat(ProxyStatusLines.of(DashboardStats.of(empty))).isEmpty();
        assertThat(GroupStatusLines.of(DashboardStats.of(empty))).isEmpty();
    }
}
