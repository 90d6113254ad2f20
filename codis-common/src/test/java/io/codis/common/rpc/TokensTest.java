package io.codis.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void referenceWorkedExample() {
        assertThat(Tokens.compute(List.of("02:42:ac:11:00:02"), "codis-demo", "0.0.0.0:19000", "[::]:11080"))
                .isEqualTo("15fba3007f3c6ee0887749681cb82307");
    }

    @Test
    void macListIsSortedBeforeHashing() {
        String sorted = Tokens.compute(List.of("02:42:ac:11:00:02", "aa:bb:cc:dd:ee:ff"), "p", "a");
        String unsorted = Tokens.compute(List.of("aa:bb:cc:dd:ee:ff", "02:42:ac:11:00:02"), "p", "a");

        // md5("Codis-Token@[02:42:ac:11:00:02 aa:bb:cc:dd:ee:ff]-{p}-{a}")
        assertThat(sorted).isEqualTo("ad5f6c56eba1781293a79b1a57c54f46");
        assertThat(unsorted).isEqualTo(sorted);
    }

    @Test
    void noMacsHashAsAnEmptyList() {
        // md5("Codis-Token@[]-{p}")
        assertThat(Tokens.compute(List.of(), "p")).isEqualTo("78ccf8405717950557499566066eba0c");
    }

    @Test
    void tokensAreStableOnThisHostAndDependOnEverySegment() {
        String proxy = Tokens.proxy("codis-demo", "0.0.0.0:19000", "[::]:11080");

        assertThat(proxy).matches("[0-9a-f]{32}");
        assertThat(Tokens.proxy("codis-demo", "0.0.0.0:19000", "[::]:11080")).isEqualTo(proxy);
        assertThat(Tokens.proxy("codis-demo", "0.0.0.0:19001", "[::]:11080")).isNotEqualTo(proxy);
        assertThat(Tokens.dashboard("codis-demo", "[::]:18080")).isEqualTo(Tokens.dashboard("codis-demo", "[::]:18080"))
                .isNotEqualTo(Tokens.dashboard("codis-demo2", "[::]:18080"));
    }

    @Test
    void localMacsAreLowercaseColonSeparatedAndSorted() {
        List<String> macs = Tokens.localMacAddresses();

        assertThat(macs).allMatch(mac -> mac.matches("[0-9a-f]{2}(:[0-9a-f]{2})+"))
                .isSorted()
                .noneMatch(mac -> mac.matches("(00:)+00"));
    }
}
