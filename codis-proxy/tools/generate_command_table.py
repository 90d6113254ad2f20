#!/usr/bin/env python3
"""Generates codis-proxy's KnownCommands.java: the original Codis 3.2 command table plus every
command of the Redis 7 server it is pointed at, classified by the proxy's rules.

Run once against a stock redis-server 7.0 (the generated Java is committed; nothing depends on Redis
at run time):

    redis-server --port 7399 --save '' &
    python3 codis-proxy/tools/generate_command_table.py 7399 \
        /work/shared/codis-reference/proxy-dataplane.md \
        > codis-proxy/src/main/java/io/codis/proxy/command/KnownCommands.java

Classification decisions live in this script (the DECISIONS dict and classify()); change them here
and regenerate rather than editing the Java by hand.
"""
import re
import socket
import sys


class Redis:
    def __init__(self, port):
        self.sock = socket.create_connection(('127.0.0.1', port))
        self.file = self.sock.makefile('rb')

    def call(self, *args):
        out = b'*%d\r\n' % len(args)
        for a in args:
            a = a.encode()
            out += b'$%d\r\n%s\r\n' % (len(a), a)
        self.sock.sendall(out)
        return self._read()

    def _read(self):
        line = self.file.readline()[:-2]
        kind, rest = line[:1], line[1:]
        if kind == b'+':
            return rest.decode()
        if kind == b'-':
            raise RuntimeError(rest.decode())
        if kind == b':':
            return int(rest)
        if kind == b'$':
            n = int(rest)
            return None if n < 0 else self.file.read(n + 2)[:-2].decode('latin1')
        if kind == b'*':
            n = int(rest)
            return None if n < 0 else [self._read() for _ in range(n)]
        raise ValueError(line)


def pairs(flat):
    return {flat[i]: flat[i + 1] for i in range(0, len(flat), 2)}


# The original's effective flags, as the reference's "effective" column says.
ORIGINAL_ACCESS = {
    'rejected': 'NOT_ALLOWED',
    'master': 'WRITE',          # refined to MASTER_ONLY below from the master-only column
    'replica ok': 'READ_ONLY',
    'local': 'READ_ONLY',
    'forwarded, master': 'NOT_ALLOWED',   # the original's dead hyphenated entries: the clone rejects them
}

LOCAL = {
    'QUIT': 'QUIT', 'AUTH': 'AUTH', 'SELECT': 'SELECT', 'HELLO': 'HELLO', 'PING': 'PING', 'INFO': 'INFO',
    'SLOTSINFO': 'SLOTSINFO', 'SLOTSSCAN': 'SLOTSSCAN', 'SLOTSMAPPING': 'SLOTSMAPPING',
    'MGET': 'MGET', 'MSET': 'MSET', 'DEL': 'DEL', 'EXISTS': 'EXISTS', 'TOUCH': 'TOUCH', 'UNLINK': 'UNLINK',
    'TIME': 'TIME', 'ECHO': 'ECHO', 'CLIENT': 'CLIENT', 'COMMAND': 'COMMAND', 'RESET': 'RESET',
    # on a backend connection the session owns (proxy_max_owned_conns > 0), refused as the original otherwise
    'BLPOP': 'BLOCKING', 'BRPOP': 'BLOCKING', 'BRPOPLPUSH': 'BLOCKING', 'BLMOVE': 'BLOCKING', 'BLMPOP': 'BLOCKING',
    'BZPOPMIN': 'BLOCKING', 'BZPOPMAX': 'BLOCKING', 'BZMPOP': 'BLOCKING', 'WAIT': 'BLOCKING',
    'XREAD': 'XREAD', 'XREADGROUP': 'XREAD',
    'SCRIPT': 'EVERY_MASTER', 'FUNCTION': 'EVERY_MASTER',
    'MULTI': 'MULTI', 'EXEC': 'EXEC', 'DISCARD': 'DISCARD', 'WATCH': 'WATCH', 'UNWATCH': 'UNWATCH',
    # over every group's master, merged; KEYS only with proxy_allow_keys, refused as the original otherwise
    'SCAN': 'SCAN', 'DBSIZE': 'DBSIZE', 'RANDOMKEY': 'RANDOMKEY', 'KEYS': 'KEYS',
    'SUBSCRIBE': 'SUBSCRIBE', 'UNSUBSCRIBE': 'UNSUBSCRIBE', 'PSUBSCRIBE': 'PSUBSCRIBE',
    'PUNSUBSCRIBE': 'PUNSUBSCRIBE', 'PUBLISH': 'PUBLISH', 'PUBSUB': 'PUBSUB',
    'SSUBSCRIBE': 'SSUBSCRIBE', 'SUNSUBSCRIBE': 'SUNSUBSCRIBE', 'SPUBLISH': 'SPUBLISH',
    # CONFIG GET from the proxy's view; FLUSHDB/FLUSHALL to every group's master with proxy_allow_flush
    'CONFIG': 'CONFIG', 'FLUSHDB': 'FLUSH', 'FLUSHALL': 'FLUSH',
}

# Where the proxy goes beyond the original's table (issue 17), with the reason printed in the Java.
BEYOND_ORIGINAL = {
    'RENAME': ('WRITE', 'keys of one backend: checked (CROSSSLOT)'),
    'RENAMENX': ('WRITE', 'keys of one backend: checked (CROSSSLOT)'),
    'MSETNX': ('WRITE', 'keys of one backend: checked (CROSSSLOT); not split, so atomic'),
    'BITOP': ('WRITE', 'keys of one backend: checked (CROSSSLOT)'),
    'OBJECT': ('READ_ONLY', 'only the subcommands on one key'),
    'TIME': ('READ_ONLY', 'local: the proxy\'s clock'),
    'ECHO': ('READ_ONLY', 'local'),
    'CLIENT': ('READ_ONLY', 'local: the proxy\'s own sessions'),
    'COMMAND': ('READ_ONLY', 'local: what the proxy allows'),
    'SCAN': ('READ_ONLY', 'local: every group\'s master, the cursor names the group'),
    'DBSIZE': ('READ_ONLY', 'local: the sum over every group\'s master'),
    'RANDOMKEY': ('READ_ONLY', 'local: from a random non-empty group'),
    'KEYS': ('NOT_ALLOWED', 'every group\'s master with proxy_allow_keys'),
    'SCRIPT': ('WRITE', 'to every group\'s master, merged'),
    'CONFIG': ('READ_ONLY', 'GET: the proxy\'s view'),
    'FLUSHALL': ('NOT_ALLOWED', 'every group\'s master with proxy_allow_flush'),
    'FLUSHDB': ('NOT_ALLOWED', 'every group\'s master with proxy_allow_flush'),
}

# Commands allowed only with one of these subcommands (argument 1); others are refused.
SUBCOMMANDS = {
    'OBJECT': ['ENCODING', 'FREQ', 'IDLETIME', 'REFCOUNT'],
    'MEMORY': ['USAGE'],
    'CLIENT': ['SETNAME', 'GETNAME', 'ID', 'INFO', 'LIST'],
    'SCRIPT': ['LOAD', 'EXISTS', 'FLUSH'],
    'FUNCTION': ['LOAD', 'DELETE', 'FLUSH', 'LIST', 'DUMP', 'RESTORE'],
}

# Allowed only with these subcommands, any other refused naming the command alone, as the original refuses it.
SUBCOMMANDS_ELSE_REFUSED_WHOLE = {
    'CONFIG': ['GET'],
}

# The original routes these by argument 3, whatever their key specs say.
ROUTED_BY_ARG_3 = {'ZINTERSTORE', 'ZUNIONSTORE', 'EVAL', 'EVALSHA'}

# Commands new in Redis 7 (not in the original table) whose classification is not plain from their
# Redis flags, with the reason printed next to them in the Java.
DECISIONS = {
    'XREAD': ('READ_ONLY', 'with BLOCK: on an owned backend link (proxy_max_owned_conns)'),
    'XREADGROUP': ('WRITE', 'with BLOCK: on an owned backend link (proxy_max_owned_conns)'),
    'HELLO': ('READ_ONLY', 'local: never switch a shared backend link to RESP3'),
    'RESET': ('READ_ONLY', 'local: resets the session, never a shared backend link'),
    'COPY': ('WRITE', 'keys of one backend: checked (CROSSSLOT)'),
    'SWAPDB': ('NOT_ALLOWED', 'keyspace-wide'),
    'FUNCTION': ('WRITE', 'to every group\'s master (LIST, DUMP: one), merged'),
    'MEMORY': ('READ_ONLY', 'only USAGE key; the others are admin (DOCTOR, PURGE...)'),
    'FCALL': ('WRITE', 'may write, like EVAL'),
    'LOLWUT': ('READ_ONLY', 'harmless read-only server command'),
    'XGROUP': ('WRITE', 'every subcommand with a key writes'),
    'XINFO': ('READ_ONLY', 'every subcommand is read-only'),
    'ACL': ('NOT_ALLOWED', 'server admin'),
    'MODULE': ('NOT_ALLOWED', 'server admin'),
}

# Container commands whose subcommands take a key at argument 2 (OBJECT ENCODING key, XINFO STREAM key...).
SUBCOMMAND_KEY_AT_2 = {'OBJECT', 'MEMORY', 'XINFO', 'XGROUP'}

# Keys Redis 7's key specs describe incompletely (its own getkeys function handles them).
KEY_SPEC_OVERRIDES = {
    'SORT': ['at(1)', 'sortStoreKey()'],
    'GEORADIUS': ['at(1)', 'geoStoreKey(6)'],
    'GEORADIUSBYMEMBER': ['at(1)', 'geoStoreKey(5)'],
    'SORT_RO': ['at(1)'],
    # MIGRATE ... "" ... KEYS k1 k2: rejected anyway, so only the one-key form is described
    'MIGRATE': ['at(3)'],
}

# Keys of the original's own commands, which Redis 7 does not know.
ORIGINAL_ONLY_KEYS = {
    'SLOTSRESTORE': ['range(1, -1, 3)'],
}


def classify_new(name, flags):
    if name in DECISIONS:
        return DECISIONS[name]
    if 'blocking' in flags:
        return 'NOT_ALLOWED', 'blocking: on an owned backend link (proxy_max_owned_conns)'
    if 'pubsub' in flags:
        return 'NOT_ALLOWED', 'pub/sub: on owned backend links (proxy_max_owned_conns)'
    if 'admin' in flags:
        return 'NOT_ALLOWED', 'server admin'
    if 'write' in flags:
        return 'WRITE', None
    if 'readonly' in flags:
        return 'READ_ONLY', None
    raise SystemExit('no decision for new command ' + name + ' ' + str(flags))


def key_spec_java(spec):
    spec = pairs(spec)
    if 'not_key' in spec['flags']:
        return None
    bs, fk = pairs(spec['begin_search']), pairs(spec['find_keys'])
    if bs['type'] == 'unknown' or fk['type'] == 'unknown':
        raise SystemExit('unknown key spec needs an override')
    bs_spec, fk_spec = pairs(bs['spec']), pairs(fk['spec'])
    if fk['type'] == 'keynum':
        if bs['type'] != 'index' or fk_spec['keystep'] != 1 or fk_spec['keynumidx'] != 0 or fk_spec['firstkey'] != 1:
            raise SystemExit('unexpected keynum spec ' + str(spec))
        return 'numKeysAt(%d)' % bs_spec['index']
    last, step, limit = fk_spec['lastkey'], fk_spec['keystep'], fk_spec['limit']
    if bs['type'] == 'index':
        if last == 0 and step == 1:
            return 'at(%d)' % bs_spec['index']
        if limit != 0:
            raise SystemExit('unexpected limit ' + str(spec))
        return 'range(%d, %d, %d)' % (bs_spec['index'], last, step)
    keyword = 'keyword("%s", %d)' % (bs_spec['keyword'], bs_spec['startfrom'])
    if last == 0 and step == 1:
        return keyword
    return 'keyword("%s", %d, %d, %d, %d)' % (bs_spec['keyword'], bs_spec['startfrom'], last, step, limit)


def redis_key_specs(name, info):
    if name in KEY_SPEC_OVERRIDES:
        return KEY_SPEC_OVERRIDES[name]
    if name in SUBCOMMAND_KEY_AT_2:
        return ['at(2)']
    return [j for j in (key_spec_java(s) for s in info[8]) if j is not None]


def original_table(reference_path):
    text = open(reference_path).read()
    section = text.split('## The command table', 1)[1].split('## Routing', 1)[0]
    rows = []
    for line in section.splitlines():
        m = re.match(r'^\| `([^`]+)` \|(.*)$', line)
        if m:
            cells = [c.strip() for c in m.group(2).split('|')]
            rows.append((m.group(1), cells))
    return rows


def java_line(name, access, keys, comment):
    args = ['"%s"' % name, access]
    method = 'command'
    if name in LOCAL:
        method = 'local'
        args.append('LocalCommand.' + LOCAL[name])
    if name in ROUTED_BY_ARG_3:
        method = 'routedByArg3'
    line = '%s(%s)' % (method, ', '.join(args + keys))
    if name in SUBCOMMANDS:
        line += '.only(%s)' % ', '.join('"%s"' % sub for sub in SUBCOMMANDS[name])
    if name in SUBCOMMANDS_ELSE_REFUSED_WHOLE:
        line += '.onlyElseRefusedWhole(%s)' % ', '.join('"%s"' % sub for sub in SUBCOMMANDS_ELSE_REFUSED_WHOLE[name])
    return line, comment


def main():
    port, reference = int(sys.argv[1]), sys.argv[2]
    redis = Redis(port)
    info = {c[0].upper(): c for c in redis.call('COMMAND', 'INFO')}
    version = pairs_info(redis.call('INFO', 'server'))['redis_version']

    original = []
    for name, cells in original_table(reference):
        not_allow, write, master_only, may_write, effective = cells[:5]
        effective = effective.strip('*')
        access = ORIGINAL_ACCESS[effective]
        if access == 'WRITE' and master_only == 'x' and write != 'x':
            access = 'MASTER_ONLY'
        comment = None
        if name in BEYOND_ORIGINAL:
            access, comment = BEYOND_ORIGINAL[name]
        if effective == 'forwarded, master':
            comment = 'dead entry in the original: rejected here'
        if name in info:
            keys = redis_key_specs(name, info[name])
        else:
            keys = ORIGINAL_ONLY_KEYS.get(name, [])
        original.append(java_line(name, access, keys, comment))
    original_names = {name for name, _ in original_table(reference)}

    added = []
    for name in sorted(info):
        if name in original_names:
            continue
        access, comment = classify_new(name, info[name][2])
        added.append(java_line(name, access, redis_key_specs(name, info[name]), comment))

    out = sys.stdout
    out.write(HEADER % {'version': version, 'original': len(original), 'added': len(added)})
    lines = [('            // The original Codis 3.2 table: its flags, with keys from Redis %s\'s key specs' % version, None)]
    lines += [('            ' + l, c) for l, c in original]
    lines += [('            // Redis %s commands the original does not list, classified by the same rules' % version, None)]
    lines += [('            ' + l, c) for l, c in added]
    entries = [i for i, (l, _) in enumerate(lines) if not l.strip().startswith('//')]
    for i, (line, comment) in enumerate(lines):
        if line.strip().startswith('//'):
            out.write(line + '\n')
            continue
        sep = '' if i == entries[-1] else ','
        out.write(line + sep + (' // ' + comment if comment else '') + '\n')
    out.write(FOOTER)


def pairs_info(text):
    return dict(l.split(':', 1) for l in text.splitlines() if ':' in l)


HEADER = '''package io.codis.proxy.command;

import static io.codis.proxy.command.AccessMode.MASTER_ONLY;
import static io.codis.proxy.command.AccessMode.NOT_ALLOWED;
import static io.codis.proxy.command.AccessMode.READ_ONLY;
import static io.codis.proxy.command.AccessMode.WRITE;
import static io.codis.proxy.command.KeySpec.at;
import static io.codis.proxy.command.KeySpec.keyword;
import static io.codis.proxy.command.KeySpec.numKeysAt;
import static io.codis.proxy.command.KeySpec.range;
import static io.codis.proxy.command.StoreOptionKey.geoStoreKey;
import static io.codis.proxy.command.StoreOptionKey.sortStoreKey;

import java.util.List;

/**
 * Every command the proxy knows: the original Codis 3.2 table (%(original)d entries, its flags) and the
 * %(added)d commands of Redis %(version)s it lacks, with their keys from Redis' key specs.
 *
 * <p>Generated by {@code codis-proxy/tools/generate_command_table.py} from Redis %(version)s's
 * {@code COMMAND INFO}; the classification decisions are in that script.
 */
final class KnownCommands {

    private KnownCommands() {
    }

    static List<CommandSpec> all() {
        return List.of(
'''

FOOTER = '''        );
    }

    private static CommandSpec command(String name, AccessMode access, KeyFinder... keys) {
        return CommandSpec.known(name, access, LocalCommand.NONE, CommandSpec.ROUTE_BY_FIRST_KEY, keys);
    }

    private static CommandSpec local(String name, AccessMode access, LocalCommand local, KeyFinder... keys) {
        return CommandSpec.known(name, access, local, CommandSpec.ROUTE_BY_FIRST_KEY, keys);
    }

    /** The original routes ZINTERSTORE, ZUNIONSTORE, EVAL and EVALSHA by argument 3. */
    private static CommandSpec routedByArg3(String name, AccessMode access, KeyFinder... keys) {
        return CommandSpec.known(name, access, LocalCommand.NONE, 3, keys);
    }
}
'''

if __name__ == '__main__':
    main()
