// Where the sentinels and the groups disagree on a master: a replica (index > 0) that the sentinels
// report as its group's master (stats.sentinels.masters, gid -> addr) is the group's "real master",
// and the original's dialogs warn (the red JUST DO IT kind) before actions that would override it.
import { pretty } from './dialogs.js';

/** The index (> 0) of the group's server the sentinels report as master, or -1. */
export function realMasterIndex(group, masters) {
  const haMaster = masters?.[String(group.id)];
  const servers = group.servers || [];
  return haMaster ? servers.findIndex((s, index) => index > 0 && s.server === haMaster) : -1;
}

/** Every group whose real master is not its logical master (index 0). */
export function haConflicts(groups, masters) {
  return (groups || []).flatMap(group => {
    const index = realMasterIndex(group, masters);
    return index < 0 ? [] : [{ group: group.id, logical_master: group.servers[0].server, ha_real_master: group.servers[index].server }];
  });
}

/** The group as the dialogs show it: its id and its servers' addresses. */
export function groupSummary(group) {
  return { id: group.id, servers: (group.servers || []).map(s => s.server) };
}

/**
 * The confirmation of an action that resyncs proxies or sentinels to the groups' logical masters:
 * {message, dangerous}, listing the conflicts when there are some.
 */
export function resyncConfirmation(title, subject, conflicts, target) {
  if (conflicts.length === 0) return { message: title + pretty(subject), dangerous: false };
  return {
    message: title + pretty(subject) + '\n\nHA: real master & logical master area conflicting: ' + pretty(conflicts)
      + '\n\nPlease fix these before resync ' + target + '.',
    dangerous: true,
  };
}

/**
 * The confirmation of an action on one server of a group: {message, dangerous}; dangerous when it
 * goes against the group's real master ({@code against(realMasterAddr)} true), with the original's warning.
 */
export function serverConfirmation(title, group, masters, against, question) {
  const message = title + pretty(groupSummary(group));
  const index = realMasterIndex(group, masters);
  if (index < 0 || !against(group.servers[index].server)) return { message, dangerous: false };
  return {
    message: message + '\n\nHA: server[' + index + ']=' + group.servers[index].server
      + ' should be the real group master, ' + question + ' ??',
    dangerous: true,
  };
}
