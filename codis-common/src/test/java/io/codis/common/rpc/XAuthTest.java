package io.codis.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XAuthTest {

    @Test
    void dashboardXAuthDependsOnTheProductNameOnly() {
        assertThat(XAuth.dashboard("codis-demo")).isEqualTo("95b62887719520f17e312eaa76d28f2b");
    }

    @Test
    void proxyXAuthWithoutProductAuth() {
        assertThat(XAuth.proxy("codis-demo", "", "15fba3007f3c6ee0887749681cb82307"))
                .isEqualTo("66b18d3006f86cd50181f8707cb6a866");
    }

    @Test
    void proxyXAuthWithProductAuth() {
        assertThat(XAuth.proxy("codis-demo", "secret", "15fba3007f3c6ee0887749681cb82307"))
                .isEqualTo("fcf2eb4261ad9fe7cfb518835e185c64");
    }

    @Test
    void differentProductsGetDifferentXAuths() {
        assertThat(XAuth.dashboard("codis-demo2")).isNotEqualTo(XAuth.dashboard("codis-demo")).hasSize(32);
    }
}
