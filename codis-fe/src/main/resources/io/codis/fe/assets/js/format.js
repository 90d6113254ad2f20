// How values of the dashboard's stats are shown, and the states derived from them.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.50 KB" (base 1024, 2 decimals). */
export function humanBytes(value) {
  let size = Number(value);
  if (!Number.isFinite(size)) return 'NA';
  let unit = 0;
  while (size >= 1024 && unit < UNITS.length - 1) {
    size /= 1024;
    unit++;
  }
  return size.toFixed(2) + ' ' + UNITS[unit];
}

/** 1234567 → "1,234,567". */
export function thousands(value) {
  return Number(value).toLocaleString('en-US');
}

/** PENDING, TIMEOUT, ERROR or HEALTHY of a proxy from stats.proxy.stats[token]. */
export function proxyStatus(entry) {
  if (!entry) return 'PENDING';
  if (entry.timeout) return 'TIMEOUT';
  if (entry.error) return 'ERROR';
  return entry.stats && entry.stats.online ? 'HEALTHY' : 'PENDING';
}

/** PENDING, TIMEOUT, ERROR or HEALTHY of a Redis server or sentinel from its stats entry. */
export function serverStatus(entry) {
  if (!entry) return 'PENDING';
  if (entry.timeout) return 'TIMEOUT';
  if (entry.error) return 'ERROR';
  return 'HEALTHY';
}

/** The db{N} fields of a server's INFO, in order: [["db0", "keys=1,expires=0,avg_ttl=0"], ...]. */
export function dbFields(info) {
  return Object.keys(info || {})
    .filter(name => /^db\d+$/.test(name))
    .sort((a, b) => Number(a.substring(2)) - Number(b.substring(2)))
    .map(name => [name, info[name]]);
}

/** The number of keys of a server's INFO: the sum of keys= of its db{N} fields. */
export function keyCount(info) {
  return dbFields(info).reduce((sum, [, value]) => {
    const match = /(?:^|,)keys=(\d+)/.exec(value);
    return sum + (match ? Number(match[1]) : 0);
  }, 0);
}

export function statusKind(status) {
  return { HEALTHY: 'ok', TIMEOUT: 'warn', ERROR: 'bad', PENDING: 'muted' }[status] || 'muted';
}

/** Consecutive numbers as ranges: [1,2,3,7] → [[1,3],[7,7]]. */
export function ranges(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const out = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] + 1 === n) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/** The colour of a group on the slot map and charts. */
export function groupColour(gid) {
  if (!gid) return '#d0d4d9';
  const hue = (gid * 137.508) % 360;
  return 'hsl(' + hue.toFixed(0) + ', 62%, 52%)';
}
