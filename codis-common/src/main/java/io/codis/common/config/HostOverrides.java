package io.codis.common.config;

/**
 * The advertised addresses given on the command line ({@code --host-admin}, {@code --host-proxy})
 * instead of the listen addresses of the config file; empty when not given.
 */
record HostOverrides(String admin, String proxy) {
    static final HostOverrides NONE = new HostOverrides("", "");

    HostOverrides {
        admin = admin == null ? "" : admin;
        proxy = proxy == null ? "" : proxy;
    }

    HostOverrides withAdmin(String address) {
        return new HostOverrides(address, proxy);
    }

    HostOverrides withProxy(String address) {
        return new HostOverrides(admin, address);
    }
}
