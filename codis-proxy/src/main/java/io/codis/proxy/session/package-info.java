/**
 * Client sessions: {@link io.codis.proxy.session.Sessions} builds each accepted connection's pipeline
 * (RespRequestDecoder, then a loop-confined session that reads requests and writes replies in request
 * order). Beside it what a session does with a request: dispatch, the local commands (with HELLO and
 * SLOTSMAPPING), the multi-key split and its merge; the backend choice is in {@code io.codis.proxy.forward}.
 */
package io.codis.proxy.session;
