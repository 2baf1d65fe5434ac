// What is happening now: one centre's counters and lines (GET /api/v1/admin/centres/{c}/live), and every
// centre of the province side by side (GET /api/v1/admin/province). Both read again every few seconds while
// shown; a failed read keeps the last figures on screen and says that they are not current.
import { t, el } from './common.js';
import { api, path } from './admin-api.js';
import { tx, table, errorBox, operatorName, waitText, dateTime } from './admin-ui.js';
import { listCentres } from './admin-centres.js';

export const LIVE_REFRESH_MS = 3000;
export const PROVINCE_REFRESH_MS = 5000;

export async function liveView(ctx) {
  const centres = await listCentres();
  if (!centres.length) return [tx('h2', 'admin.live.title'), tx('p', 'admin.centres.none')];
  const centre = centres.find(c => c.id === ctx.id) || centres[0];
  const targets = new Map((centre.services || []).map(s => [s.code, s.targetWaitMinutes]));
  const zone = centre.timezone || 'Asia/Ho_Chi_Minh';

  const picker = el('select', { id: 'live-centre' }, ...centres.map(c => el('option', { value: c.id, text: c.name })));
  picker.value = centre.id;
  picker.addEventListener('change', () => {
    location.hash = `#/live/${encodeURIComponent(picker.value)}`;
  });
  const updated = el('p', { class: 'updated', id: 'live-updated' });
  const problem = el('div', { class: 'live-problem', role: 'alert' });
  const counters = el('div', { id: 'live-counters' });
  const services = el('div', { id: 'live-services' });
  const summary = el('p', { class: 'live-summary', id: 'live-summary' });

  const show = live => {
    const list = [...(live.counters || [])].sort((a, b) => a.number - b.number);
    const open = list.filter(c => c.open).length;
    summary.textContent = t('admin.live.summary', { open, total: list.length, waiting: (live.services || []).reduce((n, s) => n + (s.waiting || 0), 0) });
    counters.replaceChildren(table({
      caption: 'admin.live.counters',
      className: 'live-counters',
      columns: [{ label: 'admin.counter.number', class: 'num' }, { label: 'admin.counter.id' }, { label: 'admin.counter.operator' },
        { label: 'admin.live.state' }, { label: 'admin.live.officer' }, { label: 'admin.live.ticket' }],
      empty: 'admin.counters.none',
      rows: list.map(c => ({
        attrs: { class: c.open ? 'open' : 'closed', dataset: { counter: c.id, open: String(!!c.open) } },
        cells: [
          String(c.number), el('code', { text: c.id }), operatorName(c.operator),
          el('span', { class: `badge ${c.open ? 'online' : 'off'}`, text: t(c.open ? 'admin.live.open' : 'admin.live.closed') }),
          c.officer ? `${c.officer.name || c.officer.id} (${c.officer.id})` : (c.open ? t('admin.live.noOfficer') : '—'),
          c.ticket ? el('strong', { class: 'ticket', text: c.ticket }) : '—',
        ],
      })),
    }));
    services.replaceChildren(table({
      caption: 'admin.live.services',
      className: 'live-services',
      columns: [{ label: 'admin.service.code' }, { label: 'admin.service.name' }, { label: 'admin.live.waiting', class: 'num' },
        { label: 'admin.live.longest', class: 'num' }, { label: 'admin.live.openCounters', class: 'num' }],
      empty: 'admin.services.none',
      rows: (live.services || []).map(s => {
        const target = targets.get(s.code);
        const over = target && s.waiting > 0 && s.longestWaitSeconds > target * 60;
        const unserved = s.waiting > 0 && !s.openCounters;
        return {
          attrs: { class: [over ? 'over-target' : '', unserved ? 'unserved' : ''].join(' ').trim() || null, dataset: { service: s.code } },
          cells: [
            el('code', { text: s.code }), s.name || s.code, String(s.waiting ?? 0),
            el('span', {}, waitText(s.waiting ? s.longestWaitSeconds : 0), over ? el('span', { class: 'flag', text: ` ${t('admin.live.overTarget', { n: target })}` }) : null),
            el('span', {}, String(s.openCounters ?? 0), unserved ? el('span', { class: 'flag', text: ` ${t('admin.live.nobody')}` }) : null),
          ],
        };
      }),
    }));
    updated.textContent = t('admin.live.updated', { time: dateTime(live.at || Date.now(), zone, { seconds: true, date: false }), s: LIVE_REFRESH_MS / 1000 });
    problem.replaceChildren();
  };

  const load = async () => {
    try {
      const live = await api('GET', path`/api/v1/admin/centres/${centre.id}/live`);
      if (ctx.alive()) show(live);
    } catch (e) {
      if (ctx.alive() && e.status !== 401) problem.replaceChildren(tx('p', 'admin.live.stale'), errorBox(e));
    }
  };
  await load();
  ctx.every(LIVE_REFRESH_MS, load);

  return [
    el('h2', { text: t('admin.live.titleOf', { name: centre.name }) }),
    el('div', { class: 'toolbar' },
      el('label', { for: 'live-centre', class: 'inline-label' }, tx('span', 'admin.live.centre')), picker,
      el('a', { class: 'button-link', href: `#/centres/${encodeURIComponent(centre.id)}`, text: t('admin.centres.manage') })),
    updated, problem, summary,
    el('section', { class: 'panel', 'aria-labelledby': 'live-services-title' }, tx('h3', 'admin.live.services', { id: 'live-services-title' }), services),
    el('section', { class: 'panel', 'aria-labelledby': 'live-counters-title' }, tx('h3', 'admin.live.counters', { id: 'live-counters-title' }), counters),
  ];
}

export async function provinceView(ctx) {
  const updated = el('p', { class: 'updated', id: 'province-updated' });
  const problem = el('div', { class: 'live-problem', role: 'alert' });
  const body = el('div', { id: 'province-table' });
  const operators = byOperator => {
    const entries = Object.entries(byOperator || {}).filter(([, n]) => n > 0);
    if (!entries.length) return t('admin.province.noneOpen');
    return entries.map(([op, n]) => `${operatorName(op)}: ${n}`).join(' · ');
  };
  const show = answer => {
    const centres = (answer && answer.centres) || [];
    const total = centres.reduce((sum, c) => ({
      waiting: sum.waiting + (c.waiting || 0),
      longest: Math.max(sum.longest, c.longestWaitSeconds || 0),
      devices: sum.devices + (c.devices || 0),
      offline: sum.offline + (c.devicesOffline || 0),
    }), { waiting: 0, longest: 0, devices: 0, offline: 0 });
    const rows = centres.map(c => ({
      attrs: { dataset: { centre: c.id }, class: c.devicesOffline ? 'has-offline' : null },
      cells: [
        el('a', { href: `#/live/${encodeURIComponent(c.id)}`, text: c.name || c.id }),
        String(c.waiting ?? 0),
        waitText(c.waiting ? c.longestWaitSeconds : 0),
        operators(c.countersOpenByOperator),
        el('span', { class: c.devicesOffline ? 'warn' : '' }, t('admin.province.offlineOf', { n: c.devicesOffline ?? 0, total: c.devices ?? 0 })),
      ],
    }));
    if (centres.length > 1) {
      rows.push({
        attrs: { class: 'total' },
        cells: [t('admin.province.total'), String(total.waiting), waitText(total.waiting ? total.longest : 0), '',
          t('admin.province.offlineOf', { n: total.offline, total: total.devices })],
      });
    }
    body.replaceChildren(table({
      caption: 'admin.province.title',
      columns: [{ label: 'admin.province.centre' }, { label: 'admin.live.waiting', class: 'num' }, { label: 'admin.live.longest', class: 'num' },
        { label: 'admin.province.countersOpen' }, { label: 'admin.province.devicesOffline', class: 'num' }],
      empty: 'admin.centres.none',
      rows,
    }));
    updated.textContent = t('admin.live.updated', { time: dateTime(Date.now(), 'Asia/Ho_Chi_Minh', { seconds: true, date: false }), s: PROVINCE_REFRESH_MS / 1000 });
    problem.replaceChildren();
  };
  const load = async () => {
    try {
      const answer = await api('GET', '/api/v1/admin/province');
      if (ctx.alive()) show(answer);
    } catch (e) {
      if (ctx.alive() && e.status !== 401) problem.replaceChildren(tx('p', 'admin.live.stale'), errorBox(e));
    }
  };
  await load();
  ctx.every(PROVINCE_REFRESH_MS, load);
  return [tx('h2', 'admin.province.title'), updated, problem, body];
}
