// The calls the console makes, all through codis-fe: GET /topom and /api/topom/stats/{xauth},
// and PUT /api/topom/{action}/{xauth}/{args...} without a body, each with ?forward={product}.
import { sha256Hex } from './sha256.js';

/** The dashboard's xauth for a product: as the dashboard and the original UI compute it. */
export function xauthOf(product) {
  return sha256Hex('Codis-XAuth-[' + product + ']').substring(0, 32);
}

/** A failed call: status (800 carries the dashboard's {Cause, Stack}) and the answer's text. */
export class CallError extends Error {
  constructor(status, text, url) {
    super(describe(status, text));
    this.status = status;
    this.text = text;
    this.url = url;
  }

  /** What the error dialog shows: the pretty JSON of an 800/1500 answer, else the raw text. */
  get details() {
    if (this.status === 800 || this.status === 1500) {
      try {
        return JSON.stringify(JSON.parse(this.text), null, 4);
      } catch (ignored) {
        return this.text;
      }
    }
    return this.text || describe(this.status, this.text);
  }

  get cause() {
    try {
      return JSON.parse(this.text).Cause;
    } catch (ignored) {
      return undefined;
    }
  }
}

function describe(status, text) {
  if (status === 0) return 'the fe cannot be reached: ' + text;
  if (status === 502) return 'the dashboard cannot be reached (502 from codis-fe)';
  if (status === 403) return 'codis-fe does not know this product (403)';
  if (status === 800 || status === 1500) {
    try {
      return JSON.parse(text).Cause;
    } catch (ignored) { /* the raw text below */ }
  }
  return '[' + status + '] ' + (text || '').trim();
}

const TIMEOUT_MILLIS = 10000;

async function call(method, url) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MILLIS);
  let resp;
  try {
    resp = await fetch(encodeURI(url), { method, signal: abort.signal, headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new CallError(0, e.name === 'AbortError' ? 'no answer within ' + TIMEOUT_MILLIS / 1000 + ' s' : String(e), url);
  } finally {
    clearTimeout(timer);
  }
  const text = await resp.text();
  if (resp.status === 401) {
    window.location.assign('/login');
  }
  if (resp.status !== 200) {
    throw new CallError(resp.status, text, url);
  }
  return text === '' ? null : JSON.parse(text);
}

/** The product names codis-fe knows (the original's fe answers null when there are none). */
export async function listProducts() {
  return (await call('GET', '/list')) || [];
}

/** One product's dashboard, reached through codis-fe. */
export class Dashboard {
  constructor(product) {
    this.product = product;
    this.xauth = xauthOf(product);
  }

  overview() {
    return call('GET', '/topom?forward=' + this.product);
  }

  stats() {
    return call('GET', '/api/topom/stats/' + this.xauth + '?forward=' + this.product);
  }

  /** PUT /api/topom/{action}/{xauth}/{args...}, e.g. put('group/create', 1). */
  put(action, ...args) {
    const path = ['/api/topom', action, this.xauth, ...args.map(String)].join('/');
    return call('PUT', path + '?forward=' + this.product);
  }
}
