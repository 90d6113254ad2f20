/**
 * Client sessions: {@link io.codis.proxy.session.Sessions} builds each accepted connection's pipeline
 * (RespRequestDecoder, then a loop-confined session that routes, answers local commands, splits
 * multi-key commands and writes replies in request order).
 */
package io.codis.proxy.session;
