/**
 * The product's proxies (the original's {@code topom_proxy}): registering, putting online, reinit and
 * removing them, and pushing slot views to all of them at once.
 */
package io.codis.dashboard.proxy;
