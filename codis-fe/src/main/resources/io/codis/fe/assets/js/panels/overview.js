// The Overview panel: product, coordinator, QPS, sessions, memory, keys, the dashboard link, and
// the OP/s chart of the cluster, one point per refresh.
import { lineChart, OPS_POINTS, Series } from '../chart.js';
import { el, fill } from '../dom.js';
import { humanBytes, keyCount, proxyStatus, thousands } from '../format.js';

/** The cluster's totals from stats: healthy proxies' QPS and sessions, index-0 servers' memory and keys. */
export function totals(stats) {
  let qps = 0;
  let sessions = 0;
  for (const proxy of stats.proxy?.models || []) {
    const entry = stats.proxy.stats?.[proxy.token];
    if (proxyStatus(entry) === 'HEALTHY') {
      qps += Number(entry.stats.ops?.qps || 0);
      sessions += Number(entry.stats.sessions?.alive || 0);
    }
  }
  let memory = 0;
  let keys = 0;
  for (const group of stats.group?.models || []) {
    const master = group.servers?.[0];
    const info = master && stats.group.stats?.[master.server]?.stats;
    if (info) {
      memory += Number(info.used_memory || 0);
      keys += keyCount(info);
    }
  }
  return { qps, sessions, memory, keys };
}

export class OverviewPanel {
  constructor() {
    this.ops = new Series(OPS_POINTS);
  }

  reset() {
    this.ops = new Series(OPS_POINTS);
    fill('overview-table', row('Product Name', 'NA', 'overview-product'));
    fill('ops-chart');
  }

  render({ product, overview, stats }) {
    const config = overview?.config || {};
    const name = String(config.coordinator_name || '');
    const coordinator = '[' + name.charAt(0).toUpperCase() + name.substring(1) + ']';
    const adminAddr = overview?.model?.admin_addr;
    const sum = stats ? totals(stats) : null;
    fill('overview-table',
      row('Product Name', product, 'overview-product'),
      row(coordinator, config.coordinator_addr || 'NA', 'overview-coordinator'),
      row('Codis QPS', sum ? thousands(sum.qps) : 'NA', 'overview-qps'),
      row('Sessions', sum ? thousands(sum.sessions) : 'NA', 'overview-sessions'),
      row('Redis Memory', sum ? humanBytes(sum.memory) : 'NA', 'overview-memory'),
      row('Redis Keys', sum ? thousands(sum.keys) : 'NA', 'overview-keys'),
      row('Dashboard', adminAddr
        ? el('a', { href: 'http://' + adminAddr + '/topom', target: '_blank', id: 'overview-dashboard-link' }, adminAddr)
        : 'NA', 'overview-dashboard'));
    if (sum) {
      this.ops.add(new Date(), sum.qps);
      fill('ops-chart', lineChart(this.ops));
    }
  }
}

function row(label, value, id) {
  return el('tr', {}, el('th', {}, label), el('td', { id }, value));
}
