// The console: the product sidebar, the selected product (kept in the URL fragment), the refresh
// ticker, and the panels rendered from the dashboard's overview and stats.
import { Dashboard, listProducts } from './dashboard.js';
import { confirmAction, showError } from './dialogs.js';
import { byId, el, fill } from './dom.js';
import { GroupPanel } from './panels/group.js';
import { OverviewPanel } from './panels/overview.js';
import { ProxyPanel } from './panels/proxy.js';
import { SentinelsPanel } from './panels/sentinels.js';
import { SlotsPanel } from './panels/slots.js';

const PRODUCTS_RELOAD_SECONDS = 30;

class Console {
  constructor() {
    this.products = [];
    this.dashboard = null;
    this.overview = null;
    this.stats = null;
    this.generation = 0;
    this.ticks = 0;
    this.refreshing = false;
    this.panels = [new OverviewPanel(this), new ProxyPanel(this), new SlotsPanel(this), new GroupPanel(this),
      new SentinelsPanel(this)];
    const interval = byId('refresh-interval');
    interval.addEventListener('input', () => { byId('refresh-interval-value').textContent = interval.value + ' s'; });
    window.addEventListener('hashchange', () => this.select(productOfFragment()));
  }

  async start() {
    fetch('/login', { method: 'HEAD' }).then(resp => { byId('logout-form').hidden = resp.status !== 200; }, () => {});
    await this.loadProducts();
    this.select(productOfFragment());
    setInterval(() => this.tick(), 1000);
  }

  async loadProducts() {
    try {
      this.products = await listProducts();
      this.setStatus('');
    } catch (e) {
      this.setStatus('codis-fe does not answer: ' + e.message);
      return;
    }
    fill('products', this.products.map(name => el('li', {},
      el('a', { href: '#' + name, id: 'product-' + name, class: name === this.dashboard?.product ? 'selected' : '' }, name))));
    byId('no-products').hidden = this.products.length > 0;
  }

  select(product) {
    this.generation++;
    this.dashboard = product ? new Dashboard(product) : null;
    this.overview = null;
    this.stats = null;
    document.querySelectorAll('#products a').forEach(a => a.classList.toggle('selected', a.id === 'product-' + product));
    byId('product-title').textContent = product || 'Codis';
    byId('console').hidden = !product;
    this.setAdminAddr(null);
    this.panels.forEach(panel => panel.reset());
    this.setStatus('');
    if (product) this.refresh();
  }

  tick() {
    this.ticks++;
    if (this.ticks % PRODUCTS_RELOAD_SECONDS === 0) this.loadProducts();
    if (this.ticks % Number(byId('refresh-interval').value) === 0) this.refresh();
  }

  /** Loads the overview (until it is known) and the stats, then renders; answers for another product are dropped. */
  async refresh() {
    if (!this.dashboard || this.refreshing) return;
    const generation = this.generation;
    const dashboard = this.dashboard;
    this.refreshing = true;
    try {
      if (!this.overview) {
        const overview = await dashboard.overview();
        if (generation !== this.generation) return;
        this.overview = overview;
        this.setAdminAddr(overview?.model?.admin_addr);
      }
      const stats = await dashboard.stats();
      if (generation !== this.generation) return;
      this.stats = stats;
      this.setStatus('');
      this.render();
    } catch (e) {
      if (generation === this.generation) {
        this.setStatus('Cannot reach the dashboard of ' + dashboard.product + ': ' + e.message
          + ' (retrying every ' + byId('refresh-interval').value + ' s)');
      }
    } finally {
      this.refreshing = false;
    }
  }

  render() {
    const context = {
      product: this.dashboard.product, overview: this.overview, stats: this.stats,
      adminAddr: this.overview?.model?.admin_addr,
    };
    for (const panel of this.panels) {
      try {
        panel.render(context);
      } catch (e) {
        console.error('rendering', panel, e);
      }
    }
  }

  /** Runs a PUT on the dashboard, after a confirmation when {@code message} is given; refreshes after it. */
  async act(put, message, dangerous = false) {
    if (message && !(await confirmAction(message, { dangerous }))) return;
    if ((await this.call(put)) !== undefined) {
      this.refresh();
    }
  }

  /** The answer of a call on the dashboard, or undefined after showing its error. */
  async call(put) {
    if (!this.dashboard) return undefined;
    try {
      const answer = await put(this.dashboard);
      return answer === undefined ? null : answer;
    } catch (e) {
      showError(e);
      return undefined;
    }
  }

  setAdminAddr(addr) {
    document.body.classList.toggle('no-dashboard', !addr);
  }

  setStatus(text) {
    const status = byId('dashboard-status');
    status.textContent = text;
    status.hidden = !text;
    document.body.classList.toggle('stale', Boolean(text));
  }
}

function productOfFragment() {
  return decodeURIComponent(window.location.hash.replace(/^#/, '')) || '';
}

new Console().start();
