/** The proxy following its product's sentinels (proxy-dataplane.md "Following sentinel switches"). */
package io.codis.proxy.sentinel;
