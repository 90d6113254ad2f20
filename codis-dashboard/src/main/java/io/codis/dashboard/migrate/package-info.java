/**
 * The data mover: moves the keys of the slots leaving one source Redis to their targets with stock
 * Redis 7 commands ({@code SCAN}, {@code MIGRATE … KEYS}, chunked copies for big keys), never
 * overwriting a key, one {@link io.codis.dashboard.migrate.SourcePass} per source and pass.
 */
package io.codis.dashboard.migrate;
