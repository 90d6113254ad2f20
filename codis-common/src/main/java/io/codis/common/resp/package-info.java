/**
 * The RESP codec of the proxy's hot path (Netty {@code ByteBuf} based, zero copy).
 *
 * <ul>
 *   <li>Client side: {@link io.codis.common.resp.RespRequestParser} (core, incremental) or its
 *       pipeline stage {@link io.codis.common.resp.RespRequestDecoder} turn inbound bytes into
 *       {@link io.codis.common.resp.RespRequest}s: the raw request bytes to forward as they came,
 *       and the arguments for routing, all retained slices of the inbound buffer.</li>
 *   <li>Backend side: {@link io.codis.common.resp.RespReplyFramer} or
 *       {@link io.codis.common.resp.RespReplyDecoder} cut replies (RESP2 and RESP3) into
 *       {@link io.codis.common.resp.RespReply} frames without decoding them.</li>
 *   <li>{@link io.codis.common.resp.RespWriter} writes the replies the proxy makes itself.</li>
 *   <li>Malformed input raises {@link io.codis.common.resp.RespProtocolException}, which says
 *       whether the client gets an error reply before the connection is closed.</li>
 * </ul>
 *
 * Requests and replies are reference counted: their holder releases them exactly once.
 */
package io.codis.common.resp;
