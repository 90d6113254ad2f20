// Small SVG pictures drawn from the stats: a line chart of [time, value] points (the OP/s charts)
// and a horizontal bar (the per-group memory, keys and slots).
import { el } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

/** Points kept in the OP/s charts: a minute at the fastest refresh. */
export const OPS_POINTS = 60;

/** A series of [time, value] points that keeps its last {@code capacity}. */
export class Series {
  constructor(capacity) {
    this.capacity = capacity;
    this.points = [];
  }

  add(time, value) {
    this.points.push([time, Number(value) || 0]);
    this.points = this.points.slice(-this.capacity);
  }

  get max() {
    return Math.max(0, ...this.points.map(p => p[1]));
  }
}

/**
 * A line chart of a series, y from 0 to its largest value; {@code labels}: the largest value and
 * the time of the last point written beside it (off for sparklines).
 */
export function lineChart(series, { width = 600, height = 160, pad = 36, labels = true, id } = {}) {
  const top = Math.max(1, series.max);
  const points = series.points;
  const x = i => pad + (i * (width - 2 * pad)) / Math.max(1, series.capacity - 1);
  const y = v => height - pad / 2 - (v / top) * (height - pad);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  svg.setAttribute('class', labels ? 'chart' : 'sparkline');
  if (id) svg.setAttribute('id', id);
  const line = points.map((p, i) => (i ? 'L' : 'M') + x(i).toFixed(1) + ',' + y(p[1]).toFixed(1)).join(' ');
  let text = '';
  if (labels) {
    text = '<text x="2" y="' + (y(top) + 4) + '" class="label">' + top.toLocaleString('en-US') + '</text>'
      + '<text x="2" y="' + (y(0) + 4) + '" class="label">0</text>'
      + (points.length ? '<text x="' + (width - pad) + '" y="' + (height - 2) + '" class="label" text-anchor="end">'
        + points[points.length - 1][0].toLocaleTimeString('en-GB') + '</text>' : '');
  }
  svg.innerHTML = '<line x1="' + pad + '" y1="' + y(0) + '" x2="' + (width - pad) + '" y2="' + y(0) + '" class="axis"/>'
    + text + '<path d="' + line + '" class="series"/>';
  svg.dataset.last = points.length ? String(points[points.length - 1][1]) : '';
  svg.dataset.max = String(series.max);
  return svg;
}

/** A bar {@code value / max} of the width, in {@code colour}, with {@code label} beside it. */
export function bar(value, max, colour, label, kind) {
  const share = max > 0 ? Math.min(100, (100 * value) / max) : 0;
  return el('div', { class: 'bar', dataset: { kind, value: String(value) } },
    el('span', { class: 'bar-track' }, el('span', { class: 'bar-fill', style: 'width:' + share.toFixed(1) + '%;background:' + colour })),
    el('span', { class: 'bar-label' }, label));
}
