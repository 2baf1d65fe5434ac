// The console's mark on a ticket taken from a phone (README "Remote tickets"): while its citizen has not confirmed at
// the kiosk, the counter's Gọi số tiếp theo (CALL_NEXT) passes it over, so an officer reading the line must know why
// the first number was not called, and that calling it by number (Gọi theo số) confirms it: the officer then sees the
// citizen, or marks them absent. A confirmed one is an ordinary ticket and gets no mark. The data is the counter
// queue's own (CounterQueue.next[].remote, retained on counters/{id}/queue).
import { el, t, formatTime } from './common.js';

/** The mark for one waiting ticket, or null when it needs none. */
export function remoteMark(ticket, config) {
  const remote = ticket.remote;
  if (!remote || remote.confirmed) return null;
  const passed = !!remote.passedAt;
  const text = t(passed ? 'console.remotePassed' : 'console.remoteUnconfirmed');
  const title = passed && remote.expiresAfter && config
    ? t('console.remoteExpiresHint', { time: formatTime(config, remote.expiresAfter) })
    : t('console.remoteHint');
  return el('span', { class: 'remote', dataset: { passed: String(passed) }, title, text });
}
