package io.codis.proxy.session;

import io.codis.proxy.command.LocalCommand;

/** What a session needs to know about one request's command (from the command table). */
record CommandInfo(String name, boolean notAllowed, boolean needsMaster, LocalCommand local, int keyIndex) {
}
