// The Group panel: New Group, Add Server, the all-groups actions, bars comparing the groups (slots,
// memory and keys of each group's master), and one table per group with its servers: PROMOTE / SYNC,
// INFO link, master link, replica flag, sync action, memory, keys, removal.
import { bar } from '../chart.js';
import { badge, button, el, fill } from '../dom.js';
import { haConflicts, serverConfirmation } from '../ha.js';
import { dbFields, groupColour, humanBytes, keyCount, serverStatus, statusKind, thousands } from '../format.js';

export class GroupPanel {
  constructor(console) {
    this.console = console;
    const value = id => document.getElementById(id).value.trim();
    document.getElementById('group-create').addEventListener('click', () => {
      if (value('group-id')) this.console.act(d => d.put('group/create', value('group-id')));
    });
    document.getElementById('server-add').addEventListener('click', () => {
      const [gid, addr, dc] = [value('server-group'), value('server-addr'), value('server-datacenter')];
      if (!gid || !addr) return;
      this.console.act(d => (dc ? d.put('group/add', gid, addr, dc) : d.put('group/add', gid, addr)));
    });
  }

  reset() {
    fill('group-actions');
    fill('group-bars');
    fill('group-tables');
  }

  render({ stats, adminAddr }) {
    const groups = [...(stats?.group?.models || [])].sort((a, b) => a.id - b.id);
    const masters = stats?.sentinels?.masters || {};
    const act = this.console.act.bind(this.console);
    fill('group-actions', groups.length === 0 ? null : [
      button('GROUPS: SYNC ALL', () => {
        const inConflict = haConflicts(groups, masters).length > 0;
        act(d => d.put('group/resync-all'), 'Resync All Groups: group-[' + groups.map(g => g.id).join(',') + ']'
          + (inConflict ? ' (in conflict with HA)' : ''), inConflict);
      }, { id: 'group-resync-all', class: 'primary' }),
      button('REPLICA(S): ENABLE ALL', () => act(d => d.put('group/replica-groups-all', 1)), { id: 'group-replica-enable-all' }),
      button('REPLICA(S): DISABLE ALL', () => act(d => d.put('group/replica-groups-all', 0)), { id: 'group-replica-disable-all' }),
    ]);
    fill('group-bars', groups.length === 0 ? null : groupBars(groups, stats));
    const hasSentinels = (stats?.sentinels?.model?.servers || []).length > 0;
    fill('group-tables', groups.map(group => this.table(group, stats, masters, adminAddr, hasSentinels)));
  }

  table(group, stats, masters, adminAddr, hasSentinels) {
    const haMaster = masters[String(group.id)];
    const servers = group.servers || [];
    const promoting = Boolean(group.promoting?.state);
    const act = this.console.act.bind(this.console);
    const haOutside = haMaster && !servers.some(s => s.server === haMaster);
    const header = el('tr', {},
      el('th', { class: promoting ? 'bad' : '' }, promoting ? '[ ' + group.id + ' ]' : group.id),
      el('th', {}, 'Server', haOutside ? el('span', { class: 'bad' }, ' [HA: ' + haMaster + ']') : null),
      el('th', {}, 'Data Center'),
      el('th', {}, group.out_of_sync ? el('span', { class: 'bad' }, '(OUT OF SYNC)') : 'Master'),
      el('th', {}), el('th', {}), el('th', {}),
      el('th', {}, 'Memory'),
      el('th', {}, 'Keys'),
      el('th', {}, servers.length === 0 && !promoting
        ? button('REMOVE GROUP-' + group.id, () => act(d => d.put('group/remove', group.id)),
          { class: 'bad', id: 'group-remove-' + group.id })
        : null));
    const rows = servers.map((server, index) => this.row(group, server, index, stats, masters, adminAddr, hasSentinels));
    return el('table', { class: 'group', id: 'group-' + group.id, dataset: { gid: group.id } },
      el('thead', {}, header), el('tbody', {}, rows));
  }

  row(group, server, index, stats, masters, adminAddr, hasSentinels) {
    const act = this.console.act.bind(this.console);
    const haMaster = masters[String(group.id)];
    const entry = stats?.group?.stats?.[server.server];
    const status = serverStatus(entry);
    const info = entry?.stats || {};
    const promoting = Boolean(group.promoting?.state);
    const first = group.servers[0]?.server;
    const expectedMaster = index === 0 ? 'NO:ONE' : first + ':up';
    const master = info.master_addr ? info.master_addr + ':' + info.master_link_status : 'NO:ONE';
    const isHaMaster = haMaster === server.server;
    /** The action after its confirmation, the red kind when it goes against the group's real master. */
    const confirmed = (put, title, against, question) => () => {
      const { message, dangerous } = serverConfirmation(title, group, masters, against, question);
      act(put, message, dangerous);
    };
    const promote = confirmed(d => d.put('group/promote', group.id, server.server),
      'Promote server ' + server.server + ' from Group-[' + group.id + ']: ', real => real !== server.server,
      'do you really want to promote ' + server.server);
    let action = null;
    if (promoting) {
      if (group.promoting.index === index) {
        action = button('PROMOTE', promote, { class: 'bad', id: 'promote-' + server.server });
      }
    } else if (index > 0) {
      action = button('PROMOTE', promote, { class: isHaMaster ? 'ok' : 'warn', id: 'promote-' + server.server });
    } else {
      action = button('SYNC', confirmed(d => d.put('group/resync', group.id), 'Resync Group-[' + group.id + ']: ',
        () => true, 'do you really want to resync group-[' + group.id + ']'),
      { class: group.out_of_sync ? 'bad' : 'primary', title: 'RESYNC SLOTS of GROUP-' + group.id, id: 'group-resync-' + group.id });
    }
    const pending = server.action?.state === 'pending';
    const syncAction = pending
      ? button('−', () => act(d => d.put('group/action/remove', server.server)), { title: 'CANCEL ACTION', disabled: promoting })
      : button('SLAVEOF', () => act(d => d.put('group/action/create', server.server)),
        { title: 'SLAVEOF ' + (index === 0 ? 'NO ONE' : first), disabled: promoting, id: 'slaveof-' + server.server });
    const state = pending ? server.action.state + ':' + server.action.index : (server.action?.state || '');
    const canRemove = index > 0 || group.servers.length === 1;
    const keys = status === 'HEALTHY'
      ? (dbFields(info).length ? dbFields(info).map(([name, value]) => el('div', {}, name + ':' + value)) : 'NA')
      : badge(status, statusKind(status));
    return el('tr', { class: haClass(index, isHaMaster, haMaster, hasSentinels), dataset: { server: server.server, index } },
      el('td', {}, action),
      el('td', {},
        el('a', { href: 'http://' + adminAddr + '/api/topom/group/info/' + server.server, target: '_blank', class: 'link-button' }, 'S'),
        ' ' + server.server + (isHaMaster ? ' [HA]' : '')),
      el('td', {}, server.datacenter || ''),
      el('td', {}, master === expectedMaster ? master : el('span', { class: 'bad' }, master)),
      el('td', {}, el('input', { type: 'checkbox', checked: Boolean(server.replica_group), disabled: promoting,
        title: 'replica group', onchange: e => act(d => d.put('group/replica-groups', group.id, server.server, e.target.checked ? 1 : 0)) })),
      el('td', {}, syncAction),
      el('td', {}, state),
      el('td', {}, status === 'HEALTHY'
        ? humanBytes(info.used_memory) + ' / ' + (Number(info.maxmemory) > 0 ? humanBytes(info.maxmemory) : 'INF.') : ''),
      el('td', { class: 'keys', dataset: { keys: status === 'HEALTHY' ? keyCount(info) : '' } }, keys),
      el('td', {}, canRemove
        ? button('−', confirmed(d => d.put('group/del', group.id, server.server),
          'Remove server ' + server.server + ' from Group-[' + group.id + ']: ', real => real === server.server,
          'do you really want to remove it'),
        { class: 'bad', title: 'REMOVE SERVER ' + server.server, disabled: promoting })
        : null));
  }
}

/** One row per group: its slots, and the memory and keys of its master (index 0), as bars. */
export function groupBars(groups, stats) {
  const slots = new Map();
  for (const slot of stats?.slots || []) slots.set(slot.group_id, (slots.get(slot.group_id) || 0) + 1);
  const rows = groups.map(group => {
    const master = group.servers?.[0]?.server;
    const entry = master ? stats.group?.stats?.[master] : undefined;
    const info = serverStatus(entry) === 'HEALTHY' ? entry.stats : null;
    return { gid: group.id, slots: slots.get(group.id) || 0, memory: info ? Number(info.used_memory || 0) : null,
      keys: info ? keyCount(info) : null };
  });
  const max = kind => Math.max(0, ...rows.map(r => r[kind] || 0));
  const sum = kind => rows.reduce((total, r) => total + (r[kind] || 0), 0);
  const share = (value, kind) => (sum(kind) > 0 ? ' (' + Math.round((100 * value) / sum(kind)) + ' %)' : '');
  return [
    el('tr', {}, el('th', {}), el('th', {}, 'Slots'), el('th', {}, 'Memory of the master'), el('th', {}, 'Keys of the master')),
    ...rows.map(r => {
      const colour = groupColour(r.gid);
      return el('tr', { dataset: { gid: r.gid } },
        el('th', {}, 'Group-' + r.gid),
        el('td', {}, bar(r.slots, max('slots'), colour, r.slots + share(r.slots, 'slots'), 'slots')),
        el('td', {}, bar(r.memory ?? 0, max('memory'), colour, r.memory === null ? 'NA' : humanBytes(r.memory), 'memory')),
        el('td', {}, bar(r.keys ?? 0, max('keys'), colour, r.keys === null ? 'NA' : thousands(r.keys) + share(r.keys, 'keys'), 'keys')));
    }),
  ];
}

function haClass(index, isHaMaster, haMaster, hasSentinels) {
  if (!hasSentinels) return '';
  if (!haMaster) return 'ha_undefined';
  if (index === 0) return isHaMaster ? 'ha_master' : 'ha_not_master';
  return isHaMaster ? 'ha_real_master' : 'ha_slave';
}
