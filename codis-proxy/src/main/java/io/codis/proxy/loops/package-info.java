/**
 * How many of the data plane's event loops take new clients, and the tuner that changes that number
 * with the process's CPU usage ({@code --ncpu}, {@code --max-ncpu}).
 */
package io.codis.proxy.loops;
