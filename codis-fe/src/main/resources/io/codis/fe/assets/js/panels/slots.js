// The Slots panel: Migrate Range, Migrate Some, the slot map (1024 cells coloured by group,
// migrating slots marked), the slot-action settings and the auto-rebalance with its preview.
import { button, el, fill } from '../dom.js';
import { groupColour, ranges, thousands } from '../format.js';

const SLOTS = 1024;

export class SlotsPanel {
  constructor(console) {
    this.console = console;
    this.showActions = false;
    const value = id => document.getElementById(id).value.trim();
    const act = this.console.act.bind(this.console);
    document.getElementById('range-migrate').addEventListener('click', () => {
      const [beg, end, gid] = [value('range-begin'), value('range-end'), value('range-group')];
      if (beg && end && gid) {
        act(d => d.put('slots/action/create-range', beg, end, gid), 'Migrate Slots-[' + beg + ',' + end + '] to Group-[' + gid + ']');
      }
    });
    document.getElementById('some-migrate').addEventListener('click', () => {
      const [n, from, to] = [value('some-number'), value('some-from'), value('some-to')];
      if (n && from && to) {
        act(d => d.put('slots/action/create-some', from, to, n), 'Migrate ' + n + ' Slots from Group-[' + from + '] to Group-[' + to + ']');
      }
    });
    document.getElementById('action-enable').addEventListener('click', () => act(d => d.put('slots/action/disabled', 0)));
    document.getElementById('action-disable').addEventListener('click', () => act(d => d.put('slots/action/disabled', 1)));
    document.getElementById('action-interval-update').addEventListener('click', () => {
      const interval = value('action-interval');
      if (interval) act(d => d.put('slots/action/interval', interval));
    });
    document.getElementById('action-show').addEventListener('change', e => {
      this.showActions = e.target.checked;
      this.renderActions(this.lastStats);
    });
    document.getElementById('rebalance').addEventListener('click', () => this.rebalance());
  }

  reset() {
    this.lastStats = null;
    this.progress = new MigrationWatch();
    document.getElementById('migration-progress').hidden = true;
    fill('slot-map');
    fill('slot-legend');
    fill('slot-actions');
    fill('action-status', 'NA');
  }

  render({ stats }) {
    this.lastStats = stats;
    const slots = stats?.slots || [];
    this.renderMap(slots);
    const action = stats?.slot_action || {};
    document.getElementById('action-state').textContent = action.disabled ? 'Action : Disabled' : 'Action : Enabled';
    document.getElementById('action-enable').disabled = !action.disabled;
    document.getElementById('action-disable').disabled = Boolean(action.disabled);
    document.getElementById('action-interval').placeholder = action.interval ?? '';
    document.getElementById('action-status').textContent = action.progress?.status || '';
    this.renderActions(stats);
    this.renderProgress(slots, action.migration);
  }

  renderProgress(slots, migration) {
    const p = this.progress.update(slots, migration, Date.now());
    document.getElementById('migration-progress').hidden = p.total === 0;
    if (p.total === 0) return;
    const bar = document.getElementById('migration-bar');
    bar.max = p.total;
    bar.value = p.done;
    document.getElementById('migration-pending').textContent = p.pending;
    document.getElementById('migration-running').textContent = p.running;
    document.getElementById('migration-done').textContent = p.done;
    document.getElementById('migration-keys').textContent = p.keysMoved === null ? 'NA' : thousands(p.keysMoved);
    document.getElementById('migration-rate').textContent = p.keysPerSec === null ? 'NA' : thousands(Math.round(p.keysPerSec));
    document.getElementById('migration-eta').textContent = p.secondsLeft === null ? 'NA' : Math.ceil(p.secondsLeft) + ' s';
    const moving = migration?.slots || [];
    document.getElementById('migration-slots').hidden = moving.length === 0;
    fill('migration-slot-rows', moving.map(slot => el('tr', { dataset: { slot: slot.id } },
      el('td', {}, 'slot-' + String(slot.id).padStart(4, '0')),
      el('td', {}, thousands(slot.keys_moved) + ' keys moved'),
      el('td', {}, thousands(slot.keys_per_sec) + ' keys/s'),
      el('td', {}, slot.status || ''))));
  }

  renderMap(slots) {
    const counts = new Map();
    const cells = [];
    for (let sid = 0; sid < SLOTS; sid++) {
      const slot = slots[sid] || { id: sid, group_id: 0 };
      const gid = slot.group_id || 0;
      counts.set(gid, (counts.get(gid) || 0) + 1);
      const target = slot.action?.target_id;
      const state = slot.action?.state || '';
      const title = 'Slot-' + sid + ' · Group-' + gid + (state ? ' · ' + state + ' --> Group-' + target : '');
      cells.push(el('div', {
        class: 'slot' + (state ? ' moving ' + state : ''), title,
        style: 'background:' + groupColour(gid) + (state ? ';outline-color:' + groupColour(target) : ''),
        dataset: { slot: sid, group: gid, state, target: state ? target : '' },
      }));
    }
    fill('slot-map', cells);
    fill('slot-legend', [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([gid, count]) =>
      el('span', { class: 'legend', dataset: { group: gid } },
        el('i', { style: 'background:' + groupColour(gid) }), gid ? 'Group-' + gid + ':' + count : 'Offline:' + count)));
  }

  renderActions(stats) {
    const moving = (stats?.slots || []).filter(slot => slot.action?.state);
    document.getElementById('slot-actions-table').hidden = !this.showActions;
    fill('slot-actions', this.showActions ? moving.map(slot => el('tr', { dataset: { slot: slot.id } },
      el('td', {}, slot.id),
      el('td', {}, slot.group_id),
      el('td', {}, slot.action.target_id),
      el('td', {}, slot.action.index),
      el('td', { class: slot.action.state === 'pending' ? '' : 'bad' }, slot.action.state),
      el('td', {}, slot.action.state === 'pending'
        ? button('−', () => this.console.act(d => d.put('slots/action/remove', slot.id)), { class: 'bad' }) : null))) : []);
  }

  async rebalance() {
    const plan = await this.console.call(d => d.put('slots/rebalance', 0));
    if (plan === undefined) return;
    const byGroup = new Map();
    for (const [sid, gid] of Object.entries(plan || {})) {
      if (!byGroup.has(gid)) byGroup.set(gid, []);
      byGroup.get(gid).push(Number(sid));
    }
    const lines = [...byGroup.entries()].sort((a, b) => a[0] - b[0]).map(([gid, sids]) =>
      'group-[' + gid + '] <== ' + ranges(sids).map(([a, b]) => '[' + a + ',' + b + ']').join(','));
    this.console.act(d => d.put('slots/rebalance', 1), 'Preview of Auto-Rebalance: \n' + (lines.join('\n') || '(nothing to move)'));
  }
}

/**
 * The slots of the current migration as the console saw them: every slot seen with an action since
 * the last time none had one; done = seen and no longer moving. Keys moved are counted from the
 * dashboard's total ({@code slot_action.migration.keys_moved}) when the watch began; keys/s and the
 * time left are measured from the moment the first slot left pending (the look before it was seen so).
 */
export class MigrationWatch {
  constructor() {
    this.clear();
  }

  clear() {
    this.seen = new Set();
    this.startedAt = null;
    this.lastLook = null;
    this.keysAtStart = null;
  }

  update(slots, migration, now) {
    const moving = slots.filter(slot => slot.action?.state);
    if (moving.length === 0 && this.seen.size > 0 && [...this.seen].every(sid => !slots[sid]?.action?.state)) {
      const done = this.seen.size;
      this.clear();
      return { total: 0, pending: 0, running: 0, done, keysMoved: null, keysPerSec: null, secondsLeft: null };
    }
    const keysNow = migration ? Number(migration.keys_moved || 0) : null;
    if (moving.length > 0 && (this.keysAtStart === null || (keysNow !== null && keysNow < this.keysAtStart))) {
      this.keysAtStart = keysNow; // a new migration, or the dashboard restarted and counts from 0 again
    }
    moving.forEach(slot => this.seen.add(slot.id));
    const pending = moving.filter(slot => slot.action.state === 'pending').length;
    const running = moving.length - pending;
    const done = this.seen.size - moving.length;
    // The first slot left pending after the previous look at most: count from then.
    if (this.startedAt === null && (running > 0 || done > 0)) this.startedAt = this.lastLook ?? now;
    this.lastLook = now;
    const elapsed = this.startedAt === null ? 0 : (now - this.startedAt) / 1000;
    const keysMoved = keysNow === null || this.keysAtStart === null ? null : keysNow - this.keysAtStart;
    const keysPerSec = keysMoved === null ? null : (elapsed > 0 ? keysMoved / elapsed : 0);
    const secondsLeft = done > 0 && elapsed > 0 ? (elapsed / done) * moving.length : null;
    return { total: this.seen.size, pending, running, done, keysMoved, keysPerSec, secondsLeft };
  }
}
