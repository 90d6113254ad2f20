// The Proxy panel: New Proxy, and one row per proxy with its stats, its OP/s over the last minute,
// SYNC, and removal.
import { lineChart, OPS_POINTS, Series } from '../chart.js';
import { badge, button, el, fill } from '../dom.js';
import { pretty } from '../dialogs.js';
import { haConflicts, resyncConfirmation } from '../ha.js';
import { proxyStatus, statusKind } from '../format.js';

export class ProxyPanel {
  constructor(console) {
    this.console = console;
    document.getElementById('proxy-create').addEventListener('click', () => {
      const addr = document.getElementById('proxy-addr').value.trim();
      if (addr) this.console.act(d => d.put('proxy/create', addr));
    });
  }

  reset() {
    /** token -> the OP/s seen at each refresh */
    this.ops = new Map();
    fill('proxy-rows');
  }

  render({ stats, adminAddr }) {
    const models = [...(stats?.proxy?.models || [])].sort((a, b) => a.id - b.id);
    document.getElementById('proxy-table').hidden = models.length === 0;
    const now = new Date();
    const ops = new Map();
    for (const proxy of models) {
      const entry = stats.proxy.stats?.[proxy.token];
      const series = this.ops.get(proxy.token) || new Series(OPS_POINTS);
      series.add(now, proxyStatus(entry) === 'HEALTHY' ? entry.stats.ops?.qps : 0);
      ops.set(proxy.token, series);
    }
    this.ops = ops;
    const conflicts = haConflicts(stats.group?.models, stats.sentinels?.masters);
    fill('proxy-rows', models.map(proxy => this.row(proxy, stats.proxy.stats?.[proxy.token], adminAddr, conflicts)));
  }

  row(proxy, entry, adminAddr, conflicts) {
    const status = proxyStatus(entry);
    const info = entry?.stats || {};
    const switched = Boolean(info.sentinels?.switched);
    const primaryOnly = Boolean(info.backend?.primary_only);
    const act = this.console.act.bind(this.console);
    const switchedAttrs = switched ? { class: 'switched', title: 'HA: MASTER SWITCHED' } : {};
    let sync = null;
    if (status === 'HEALTHY' || status === 'PENDING' || switched) {
      sync = button('SYNC', () => {
        const { message, dangerous } = resyncConfirmation('Reinit and Start proxy: ', proxy, conflicts,
          'proxy-[' + proxy.token + ']');
        act(d => d.put('proxy/reinit', proxy.token), message, dangerous);
      },
      { class: status === 'HEALTHY' && !switched ? 'ok' : 'bad', title: 'RESYNC ALL SLOTS to ' + proxy.proxy_addr });
    }
    // May wrap after a comma (<wbr>) where the row is too wide for the page.
    const commands = status === 'HEALTHY'
      ? ['total=' + info.ops?.total, 'fails=' + info.ops?.fails, 'rsp.errs=' + (info.ops?.redis?.errors ?? 0), 'qps=' + info.ops?.qps]
        .flatMap((field, i) => (i ? [',', el('wbr'), field] : [field]))
      : badge(status, statusKind(status));
    return el('tr', { id: 'proxy-' + proxy.id, dataset: { token: proxy.token, status } },
      el('td', {}, proxy.id),
      el('td', {},
        el('a', { href: 'http://' + adminAddr + '/proxy', target: '_blank', class: 'link-button' }, 'F'),
        el('a', { href: 'http://' + adminAddr + '/proxy/stats', target: '_blank',
          class: 'link-button' + (primaryOnly ? ' primary-only' : ''), title: primaryOnly ? 'BACKEND: PRIMARY ONLY' : undefined }, 'S')),
      el('td', switchedAttrs, proxy.proxy_addr),
      el('td', switchedAttrs, proxy.admin_addr),
      el('td', {}, sync),
      el('td', {}, proxy.datacenter || ''),
      el('td', {}, status === 'ERROR'
        ? button('×', () => act(d => d.put('proxy/remove', proxy.token, 1),
          '[FORCE] Remove and Shutdown proxy: ' + pretty(proxy), true),
        { class: 'bad', title: 'FORCE REMOVE PROXY ' + proxy.proxy_addr, id: 'proxy-force-remove-' + proxy.id })
        : null),
      el('td', {}, info.sessions ? 'total=' + info.sessions.total + ',alive=' + info.sessions.alive : 'NA'),
      el('td', { class: 'commands' }, commands),
      el('td', { class: 'ops', title: 'OP/s of ' + proxy.proxy_addr + ' over the last minute, at most '
        + this.ops.get(proxy.token).max.toLocaleString('en-US') },
      lineChart(this.ops.get(proxy.token), { width: 90, height: 28, pad: 2, labels: false })),
      el('td', {}, button('−', () => act(d => d.put('proxy/remove', proxy.token, 0),
        'Remove and Shutdown proxy: ' + pretty(proxy)),
      { class: 'bad', title: 'REMOVE PROXY ' + proxy.proxy_addr })));
  }
}
