/**
 * The dashboard's core (the original's {@code Topom}): the product lock, online and closed, the cached
 * store and the one lock under which every operation sees a consistent view.
 */
package io.codis.dashboard.core;
