// The Overview panel: product, coordinator, QPS, sessions, memory, keys, the dashboard link, and
// the OP/s chart of the cluster, one point per refresh.
import { el, fill } from '../dom.js';
import { humanBytes, keyCount, proxyStatus, thousands } from '../format.js';

const POINTS = 60;

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
    this.points = [];
  }

  reset() {
    this.points = [];
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
      this.points.push([new Date(), sum.qps]);
      this.points = this.points.slice(-POINTS);
      drawChart('ops-chart', this.points);
    }
  }
}

function row(label, value, id) {
  return el('tr', {}, el('th', {}, label), el('td', { id }, value));
}

/** A line chart of [time, value] points as SVG, y from 0 to the largest value. */
export function drawChart(id, points) {
  const width = 600;
  const height = 160;
  const pad = 36;
  const max = Math.max(1, ...points.map(p => p[1]));
  const x = i => pad + (points.length < 2 ? 0 : (i * (width - 2 * pad)) / (POINTS - 1));
  const y = v => height - pad / 2 - (v / max) * (height - pad);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  svg.setAttribute('class', 'chart');
  const line = points.map((p, i) => (i ? 'L' : 'M') + x(i).toFixed(1) + ',' + y(p[1]).toFixed(1)).join(' ');
  svg.innerHTML = '<line x1="' + pad + '" y1="' + y(0) + '" x2="' + (width - pad) + '" y2="' + y(0) + '" class="axis"/>'
    + '<text x="2" y="' + (y(max) + 4) + '" class="label">' + max.toLocaleString('en-US') + '</text>'
    + '<text x="2" y="' + (y(0) + 4) + '" class="label">0</text>'
    + (points.length ? '<text x="' + (width - pad) + '" y="' + (height - 2) + '" class="label" text-anchor="end">'
      + points[points.length - 1][0].toLocaleTimeString('en-GB') + '</text>' : '')
    + '<path d="' + line + '" class="series"/>';
  svg.dataset.last = points.length ? String(points[points.length - 1][1]) : '';
  fill(id, svg);
}
