// The Sentinels panel: Add Sentinel, SYNC of all sentinels, and one row per sentinel with its
// WATCHED and INFO links, the masters it watches, run-id differences from the groups, and removal.
import { badge, button, el, fill } from '../dom.js';
import { haConflicts, resyncConfirmation } from '../ha.js';
import { serverStatus, statusKind } from '../format.js';

export class SentinelsPanel {
  constructor(console) {
    this.console = console;
    document.getElementById('sentinel-add').addEventListener('click', () => {
      const addr = document.getElementById('sentinel-addr').value.trim();
      if (addr) this.console.act(d => d.put('sentinels/add', addr));
    });
  }

  reset() {
    fill('sentinel-header');
    fill('sentinel-rows');
  }

  render({ product, stats, adminAddr }) {
    const model = stats?.sentinels?.model || {};
    const servers = model.servers || [];
    const act = this.console.act.bind(this.console);
    document.getElementById('sentinel-table').hidden = servers.length === 0;
    fill('sentinel-header', el('tr', {},
      el('th', {}, button('SYNC', () => {
        const { message, dangerous } = resyncConfirmation('Resync All Sentinels: ', servers,
          haConflicts(stats.group?.models, stats.sentinels?.masters), 'sentinels');
        act(d => d.put('sentinels/resync-all'), message, dangerous);
      },
        { class: model.out_of_sync ? 'bad' : 'primary', title: 'RESYNC ALL SENTINELS & PROXIES', id: 'sentinel-resync-all' })),
      el('th', {}, 'Sentinels', model.out_of_sync ? el('span', { class: 'bad' }, ' (OUT OF SYNC)') : null),
      el('th', {}), el('th', {}, 'Status'), el('th', {}), el('th', {})));
    fill('sentinel-rows', servers.map(addr => this.row(product, addr, stats, adminAddr)));
  }

  row(product, addr, stats, adminAddr) {
    const act = this.console.act.bind(this.console);
    const entry = stats.sentinels.stats?.[addr];
    const status = serverStatus(entry);
    return el('tr', { dataset: { sentinel: addr, status } },
      el('td', {}, el('a', { href: 'http://' + adminAddr + '/api/topom/sentinels/info/' + addr + '/monitored',
        target: '_blank', class: 'link-button' }, 'WATCHED')),
      el('td', {}, el('a', { href: 'http://' + adminAddr + '/api/topom/sentinels/info/' + addr, target: '_blank',
        class: 'link-button' }, 'S'), ' ' + addr),
      el('td', {}, status === 'ERROR'
        ? button('×', () => act(d => d.put('sentinels/del', addr, 1), '[FORCE] Remove sentinel ' + addr, true), { class: 'bad' })
        : null),
      el('td', {}, status === 'HEALTHY' ? watched(product, entry.stats) : badge(status, statusKind(status))),
      el('td', { class: 'bad' }, status === 'HEALTHY' ? runIdDifferences(product, entry.sentinel, stats).map(line => el('div', {}, line)) : null),
      el('td', {}, button('−', () => act(d => d.put('sentinels/del', addr, 0), 'Remove sentinel ' + addr), { class: 'bad' })));
  }
}

/** masters=…,down=…,slaves=…,sentinels=… over the sentinel's master{N} lines of this product. */
export function watched(product, info) {
  const masters = Object.keys(info || {}).filter(key => /^master\d+$/.test(key)).map(key => parseFields(info[key]))
    .filter(fields => String(fields.name || '').startsWith(product + '-'));
  const average = field => (masters.length ? masters.reduce((sum, m) => sum + Number(m[field] || 0), 0) / masters.length : 0).toFixed(2);
  return 'masters=' + masters.length + ',down=' + masters.filter(m => m.status !== 'ok').length
    + ',slaves=' + average('slaves') + ',sentinels=' + average('sentinels');
}

function parseFields(text) {
  return Object.fromEntries(String(text).split(',').map(pair => {
    const eq = pair.indexOf('=');
    return eq < 0 ? [pair, ''] : [pair.substring(0, eq), pair.substring(eq + 1)];
  }));
}

/** Where the sentinel's view of a group and the group's servers differ by run_id. */
export function runIdDifferences(product, view, stats) {
  const lines = [];
  for (const group of stats.group?.models || []) {
    const watchedGroup = view?.[product + '-' + group.id];
    if (!watchedGroup) continue;
    const known = [watchedGroup.master, ...(watchedGroup.slaves || [])].filter(Boolean);
    const groupRunIds = new Map((group.servers || []).map(s => [s.server, stats.group.stats?.[s.server]?.stats?.run_id]));
    const sentinelRunIds = new Set(known.map(s => s.runid));
    for (const server of known) {
      if (![...groupRunIds.values()].includes(server.runid)) {
        lines.push('[+]group=' + group.id + ',server=' + server.ip + ':' + server.port + ',runid=' + (server.runid || 'NA'));
      }
    }
    for (const [addr, runId] of groupRunIds) {
      if (runId && !sentinelRunIds.has(runId)) {
        lines.push('[-]group=' + group.id + ',server=' + addr + ',runid=' + runId);
      }
    }
  }
  return lines;
}
