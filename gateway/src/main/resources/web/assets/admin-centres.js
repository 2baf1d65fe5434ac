// Centres (trung tâm), and for one centre its settings and opening hours (giờ làm việc), its services
// (lĩnh vực), counters (quầy) and devices (thiết bị). Every change is one call of the administration API;
// the view is then read again, so what it shows is what the gateway holds (and its gaps are up to date).
import { t, el } from './common.js';
import { api, path } from './admin-api.js';
import {
  tx, table, rowButton, openDialog, buildForm, errorBox, alertError, gapText, operatorName, operatorChoice, sessionsText,
} from './admin-ui.js';

const DEFAULT_SESSIONS = [{ from: '07:30', to: '11:30' }, { from: '13:30', to: '17:00' }];
const KNOWN_OPERATORS = ['POSTAL', 'BHXH', 'CONG_AN'];

export async function listCentres() {
  const answer = await api('GET', '/api/v1/admin/centres');
  return (answer && answer.centres) || [];
}

/** A centre's gaps as warnings, or a line saying it has none. */
function gapsBlock(centre) {
  const gaps = centre.gaps || [];
  if (!gaps.length) return tx('p', 'admin.gaps.none', { class: 'gaps-none' });
  return el('ul', { class: 'gaps', 'aria-label': t('admin.gaps.label') },
    ...gaps.map(g => el('li', { class: 'gap', dataset: { gap: typeof g === 'string' ? g : '' } },
      el('span', { class: 'gap-icon', 'aria-hidden': 'true', text: '⚠' }), ' ', gapText(g))));
}

// --- the list of centres ---

export async function centresView(ctx) {
  const centres = await listCentres();
  const out = [tx('h2', 'admin.centres.title')];
  if (ctx.isAdmin) {
    const add = tx('button', 'admin.centres.add', { type: 'button', class: 'primary', id: 'add-centre' });
    add.addEventListener('click', () => createCentre(ctx));
    out.push(el('div', { class: 'toolbar' }, add));
  }
  out.push(table({
    caption: 'admin.centres.title',
    className: 'centres',
    columns: [
      { label: 'admin.centre.id' }, { label: 'admin.centre.name' }, { label: 'admin.centres.services', class: 'num' },
      { label: 'admin.centres.counters', class: 'num' }, { label: 'admin.centre.sessions' },
      { label: 'admin.centres.warnings' }, { label: 'admin.actions' },
    ],
    empty: 'admin.centres.none',
    rows: centres.map(c => ({
      attrs: { dataset: { centre: c.id } },
      cells: [
        el('code', { text: c.id }),
        el('a', { href: `#/centres/${encodeURIComponent(c.id)}`, text: c.name }),
        String((c.services || []).length),
        String((c.counters || []).length),
        sessionsText(c.sessions),
        gapsBlock(c),
        el('div', { class: 'row-actions' },
          el('a', { class: 'row-action link', href: `#/centres/${encodeURIComponent(c.id)}`, 'aria-label': t('admin.centres.manageNamed', { name: c.name }), text: t('admin.centres.manage') }),
          el('a', { class: 'row-action link', href: `#/live/${encodeURIComponent(c.id)}`, 'aria-label': t('admin.centres.liveNamed', { name: c.name }), text: t('admin.centres.live') }),
          ctx.isAdmin ? rowButton('admin.delete', c.name, () => deleteCentre(ctx, c), 'danger') : null),
      ],
    })),
  }));
  return out;
}

function settingsFields({ creating }) {
  return [
    ...(creating ? [{ name: 'id', label: 'admin.centre.id', required: true, hint: 'admin.hint.id' }] : []),
    { name: 'name', label: 'admin.centre.name', required: true },
    { name: 'timezone', label: 'admin.centre.timezone', required: true, list: ['Asia/Ho_Chi_Minh'], hint: 'admin.hint.timezone' },
    { name: 'sessions', label: 'admin.centre.sessions', type: 'sessions', hint: 'admin.hint.sessions' },
    { name: 'ticketsOnlyInSessions', label: 'admin.centre.ticketsOnlyInSessions', type: 'checkbox', default: true },
    { name: 'showOfficerName', label: 'admin.centre.showOfficerName', type: 'checkbox', default: true },
  ];
}

async function createCentre(ctx) {
  const created = await openDialog({
    title: 'admin.centres.add',
    fields: settingsFields({ creating: true }),
    values: { timezone: 'Asia/Ho_Chi_Minh', sessions: DEFAULT_SESSIONS, ticketsOnlyInSessions: true, showOfficerName: true },
    submitLabel: 'admin.create',
    submit: values => api('POST', '/api/v1/admin/centres', { sessions: [], ...values }),
  });
  if (created) {
    ctx.saved(t('admin.centres.created', { name: created.name || created.id || '' }));
    location.hash = `#/centres/${encodeURIComponent(created.id || '')}`;
  }
}

async function deleteCentre(ctx, centre) {
  const done = await openDialog({
    title: 'admin.centres.deleteTitle',
    message: t('admin.centres.deleteQuestion', { name: centre.name, id: centre.id }),
    submitLabel: 'admin.delete',
    danger: true,
    submit: () => api('DELETE', path`/api/v1/admin/centres/${centre.id}`),
  });
  if (done) {
    ctx.saved(t('admin.deleted'));
    ctx.refresh('#add-centre');
  }
}

// --- one centre ---

export async function centreView(ctx) {
  const id = ctx.id;
  const [centre, devicesAnswer] = await Promise.all([
    api('GET', path`/api/v1/admin/centres/${id}`),
    api('GET', path`/api/v1/admin/centres/${id}/devices`).catch(e => e),
  ]);
  const devices = devicesAnswer instanceof Error ? devicesAnswer : (devicesAnswer && devicesAnswer.devices) || [];
  const out = [
    el('p', { class: 'breadcrumb' }, el('a', { href: '#/centres', text: t('admin.centres.title') }), ' › ', el('span', { text: centre.id })),
    el('h2', { text: centre.name }),
    el('div', { class: 'toolbar' },
      el('a', { class: 'button-link', href: `#/live/${encodeURIComponent(centre.id)}`, text: t('admin.centres.live') })),
    el('section', { class: 'panel', 'aria-labelledby': 'gaps-title' }, tx('h3', 'admin.gaps.title', { id: 'gaps-title' }), gapsBlock(centre)),
    settingsSection(ctx, centre),
    counterRulesSection(ctx, centre),
    servicesSection(ctx, centre),
    countersSection(ctx, centre),
    devicesSection(ctx, centre, devices),
  ];
  return out;
}

function settingsSection(ctx, centre) {
  const section = el('section', { class: 'panel', id: 'settings', 'aria-labelledby': 'settings-title' }, tx('h3', 'admin.centre.settings', { id: 'settings-title' }));
  // The same fields as when it was created, in the page rather than a dialog: the opening hours are edited often.
  const built = buildForm(settingsFields({ creating: false }), {
    name: centre.name, timezone: centre.timezone, sessions: centre.sessions || [],
    ticketsOnlyInSessions: centre.ticketsOnlyInSessions, showOfficerName: centre.showOfficerName,
  });
  const save = tx('button', 'admin.centre.saveSettings', { type: 'submit', class: 'primary', id: 'save-settings' });
  built.form.append(el('div', { class: 'form-buttons' }, save));
  built.form.addEventListener('submit', async event => {
    event.preventDefault();
    built.clearErrors();
    if (!built.check()) return;
    save.disabled = true;
    try {
      await api('PUT', path`/api/v1/admin/centres/${centre.id}`, { sessions: [], ...built.values() });
      ctx.saved();
      ctx.refresh('#save-settings');
    } catch (e) {
      built.showError(e);
    } finally {
      save.disabled = false;
    }
  });
  section.append(built.form);
  return section;
}

// --- counter rules (recall limit, parking, requeue, rating window) ---

const COUNTER_RULES = [
  { name: 'recallLimit', min: 0, max: 20 },
  { name: 'parkTimeoutMinutes', min: 1, max: 240 },
  { name: 'requeueGraceMinutes', min: 0, max: 240 },
  { name: 'requeueAfter', min: 0, max: 100 },
  { name: 'ratingWindowSeconds', min: 30, max: 1800 },
  // remote tickets and the "turn is near" notice (README "Remote tickets and 'your turn is near'")
  { name: 'remotePerPhone', min: 0, max: 10 },
  { name: 'remoteGraceMinutes', min: 0, max: 60 },
  { name: 'turnNearAhead', min: 1, max: 50 },
];

function counterRulesSection(ctx, centre) {
  const section = el('section', { class: 'panel', id: 'counter-rules', 'aria-labelledby': 'counter-rules-title' },
    tx('h3', 'admin.rules.title', { id: 'counter-rules-title' }), tx('p', 'admin.rules.intro', { class: 'hint' }));
  const built = buildForm(COUNTER_RULES.map(r => ({
    name: r.name, label: `admin.rules.${r.name}`, hint: `admin.rules.${r.name}.hint`, type: 'number', required: true,
    attrs: { min: r.min, max: r.max, inputmode: 'numeric' },
  })), centre.counterRules || {});
  const save = tx('button', 'admin.rules.save', { type: 'submit', class: 'primary', id: 'save-counter-rules' });
  built.form.append(el('div', { class: 'form-buttons' }, save));
  built.form.addEventListener('submit', async event => {
    event.preventDefault();
    built.clearErrors();
    if (!built.check()) return;
    save.disabled = true;
    try {
      // PATCH: the centre's writer applies it like any other setting, from the next counter command on
      await api('PATCH', path`/api/v1/admin/centres/${centre.id}`, { counterRules: built.values() });
      ctx.saved();
      ctx.refresh('#save-counter-rules');
    } catch (e) {
      built.showError(e);
    } finally {
      save.disabled = false;
    }
  });
  section.append(built.form);
  return section;
}

// --- services ---

function serviceFields(centre, creating) {
  const operators = knownOperators(centre);
  return [
    { name: 'code', label: 'admin.service.code', required: true, readonly: !creating, hint: creating ? 'admin.hint.id' : null, upper: true },
    { name: 'name', label: 'admin.service.name', required: true },
    { name: 'prefix', label: 'admin.service.prefix', required: true, hint: 'admin.hint.prefix', upper: true, attrs: { maxlength: 2 } },
    { name: 'servedBy', label: 'admin.service.servedBy', type: 'checkboxes', required: true, other: 'admin.operator.other',
      options: operators.map(o => ({ value: o, label: operatorChoice(o) })) },
    { name: 'targetWaitMinutes', label: 'admin.service.target', type: 'number', required: true, attrs: { min: 1, max: 600, inputmode: 'numeric' } },
    { name: 'expectedServiceMinutes', label: 'admin.service.expected', type: 'number', attrs: { min: 1, max: 600, inputmode: 'numeric' }, hint: 'admin.hint.expected' },
  ];
}

function knownOperators(centre) {
  const all = new Set(KNOWN_OPERATORS);
  for (const s of centre.services || []) for (const o of s.servedBy || []) all.add(o);
  for (const c of centre.counters || []) if (c.operator) all.add(c.operator);
  return [...all];
}

function servicesSection(ctx, centre) {
  const services = centre.services || [];
  const add = tx('button', 'admin.services.add', { type: 'button', class: 'primary', id: 'add-service' });
  add.addEventListener('click', () => editService(ctx, centre, null));
  return el('section', { class: 'panel', id: 'services', 'aria-labelledby': 'services-title' },
    tx('h3', 'admin.services.title', { id: 'services-title' }),
    el('div', { class: 'toolbar' }, add),
    table({
      caption: 'admin.services.title',
      columns: [
        { label: 'admin.service.code' }, { label: 'admin.service.name' }, { label: 'admin.service.prefix' },
        { label: 'admin.service.servedBy' }, { label: 'admin.service.targetShort', class: 'num' },
        { label: 'admin.service.expectedShort', class: 'num' }, { label: 'admin.service.booking' }, { label: 'admin.actions' },
      ],
      empty: 'admin.services.none',
      rows: services.map(s => ({
        attrs: { dataset: { service: s.code } },
        cells: [
          el('code', { text: s.code }), s.name, s.prefix, (s.servedBy || []).map(operatorName).join(', '),
          String(s.targetWaitMinutes ?? '—'), String(s.expectedServiceMinutes ?? '—'), bookingCell(centre, s),
          el('div', { class: 'row-actions' },
            rowButton('admin.edit', `${s.code} – ${s.name}`, () => editService(ctx, centre, s)),
            rowButton('admin.delete', `${s.code} – ${s.name}`, () => removeThing(ctx, {
              question: t('admin.services.deleteQuestion', { code: s.code, name: s.name }),
              url: path`/api/v1/admin/centres/${centre.id}/services/${s.code}`,
              focus: '#add-service',
            }), 'danger')),
        ],
      })),
    }));
}

/**
 * The service's booking capacity per slot, and next to it the gateway's suggestion (suggestedBookingCapacity: what
 * the counters serve in a slot, halved for walk-ins), so that a capacity far above it shows before citizens book.
 */
function bookingCell(centre, service) {
  const offered = ((centre.booking && centre.booking.services) || []).find(b => b.service === service.code);
  const suggestion = (centre.suggestedBookingCapacity || {})[service.code];
  return el('span', {
    class: 'booking-capacity', title: t('admin.service.bookingHint', { minutes: suggestion ? suggestion.slotMinutes : 30 }),
    dataset: { capacity: offered ? String(offered.capacity) : '', suggested: suggestion ? String(suggestion.capacity) : '' },
  }, el('span', { class: 'offered', text: offered
    ? t('admin.service.bookingSlot', { n: offered.capacity, minutes: offered.slotMinutes }) : t('admin.service.bookingNone') }),
  suggestion ? el('small', { class: 'suggested',
    text: t('admin.service.bookingSuggested', { n: suggestion.capacity, minutes: suggestion.slotMinutes }) }) : null);
}

async function editService(ctx, centre, service) {
  const creating = !service;
  const done = await openDialog({
    title: creating ? 'admin.services.add' : 'admin.services.edit',
    fields: serviceFields(centre, creating),
    values: service || { servedBy: ['POSTAL'], targetWaitMinutes: 20, expectedServiceMinutes: 8 },
    submitLabel: creating ? 'admin.create' : 'admin.save',
    submit: values => (creating
      ? api('POST', path`/api/v1/admin/centres/${centre.id}/services`, values)
      : api('PUT', path`/api/v1/admin/centres/${centre.id}/services/${service.code}`, values)),
  });
  if (done) {
    ctx.saved();
    ctx.refresh(`tr[data-service="${CSS.escape(done.code || (service && service.code) || '')}"] .row-action`);
  }
}

// --- counters ---

function counterFields(centre, creating) {
  const services = (centre.services || []).map(s => ({ value: s.code, label: `${s.code} – ${s.name}` }));
  return [
    { name: 'id', label: 'admin.counter.id', required: true, readonly: !creating, hint: creating ? 'admin.hint.counterId' : null },
    { name: 'number', label: 'admin.counter.number', type: 'number', required: true, hint: 'admin.hint.counterNumber', attrs: { min: 1, max: 9999, inputmode: 'numeric' } },
    { name: 'operator', label: 'admin.counter.operator', required: true, list: knownOperators(centre), upper: true, hint: 'admin.hint.operator' },
    { name: 'primary', label: 'admin.counter.primary', type: 'checkboxes', required: true, options: services, exclusiveWith: 'secondary', hint: 'admin.hint.primary' },
    { name: 'secondary', label: 'admin.counter.secondary', type: 'checkboxes', options: services, exclusiveWith: 'primary', hint: 'admin.hint.secondary' },
  ];
}

function countersSection(ctx, centre) {
  const counters = [...(centre.counters || [])].sort((a, b) => a.number - b.number);
  const names = new Map((centre.services || []).map(s => [s.code, s.name]));
  const skills = list => el('span', { class: 'skills' }, ...(list || []).map(code =>
    el('abbr', { class: 'skill', title: names.get(code) || code, text: code })));
  const add = tx('button', 'admin.counters.add', { type: 'button', class: 'primary', id: 'add-counter' });
  add.addEventListener('click', () => editCounter(ctx, centre, null));
  return el('section', { class: 'panel', id: 'counters', 'aria-labelledby': 'counters-title' },
    tx('h3', 'admin.counters.title', { id: 'counters-title' }),
    el('div', { class: 'toolbar' }, add),
    table({
      caption: 'admin.counters.title',
      columns: [
        { label: 'admin.counter.number', class: 'num' }, { label: 'admin.counter.id' }, { label: 'admin.counter.operator' },
        { label: 'admin.counter.primary' }, { label: 'admin.counter.secondary' }, { label: 'admin.actions' },
      ],
      empty: 'admin.counters.none',
      rows: counters.map(c => ({
        attrs: { dataset: { counter: c.id } },
        cells: [
          String(c.number), el('code', { text: c.id }), operatorName(c.operator), skills(c.primary), skills(c.secondary),
          el('div', { class: 'row-actions' },
            rowButton('admin.edit', t('counter.numbered', { n: c.number }), () => editCounter(ctx, centre, c)),
            rowButton('admin.delete', t('counter.numbered', { n: c.number }), () => removeThing(ctx, {
              question: t('admin.counters.deleteQuestion', { id: c.id, n: c.number }),
              url: path`/api/v1/admin/centres/${centre.id}/counters/${c.id}`,
              focus: '#add-counter',
            }), 'danger')),
        ],
      })),
    }));
}

async function editCounter(ctx, centre, counter) {
  const creating = !counter;
  const next = Math.max(0, ...(centre.counters || []).map(c => c.number || 0)) + 1;
  const done = await openDialog({
    title: creating ? 'admin.counters.add' : 'admin.counters.edit',
    fields: counterFields(centre, creating),
    values: counter || { id: `Q${String(next).padStart(2, '0')}`, number: next, operator: 'POSTAL', primary: [], secondary: [] },
    submitLabel: creating ? 'admin.create' : 'admin.save',
    submit: values => {
      const body = { secondary: [], ...values };
      return creating
        ? api('POST', path`/api/v1/admin/centres/${centre.id}/counters`, body)
        : api('PUT', path`/api/v1/admin/centres/${centre.id}/counters/${counter.id}`, body);
    },
  });
  if (done) {
    ctx.saved();
    ctx.refresh(`tr[data-counter="${CSS.escape(done.id || (counter && counter.id) || '')}"] .row-action`);
  }
}

// --- devices ---

const ROLES = ['KIOSK', 'COUNTER', 'DISPLAY', 'RATING_PAD'];

function devicesSection(ctx, centre, devices) {
  const add = tx('button', 'admin.devices.add', { type: 'button', class: 'primary', id: 'add-device' });
  add.addEventListener('click', () => addDevice(ctx, centre));
  const section = el('section', { class: 'panel', id: 'devices', 'aria-labelledby': 'devices-title' },
    tx('h3', 'admin.devices.title', { id: 'devices-title' }), el('div', { class: 'toolbar' }, add));
  if (devices instanceof Error) {
    section.append(errorBox(devices));
    return section;
  }
  const sorted = [...devices].sort((a, b) => a.id.localeCompare(b.id, 'vi', { numeric: true }));
  section.append(table({
    caption: 'admin.devices.title',
    columns: [
      { label: 'admin.device.id' }, { label: 'admin.device.role' }, { label: 'admin.device.counter' },
      { label: 'admin.device.enabled' }, { label: 'admin.device.online' }, { label: 'admin.device.paper' },
      { label: 'admin.actions' },
    ],
    empty: 'admin.devices.none',
    rows: sorted.map(d => ({
      attrs: { dataset: { device: d.id, online: String(!!d.online), enabled: String(d.enabled !== false) } },
      cells: [
        el('code', { text: d.id }),
        t(`admin.role.${d.role}`),
        d.counter || '—',
        el('span', { class: `badge ${d.enabled === false ? 'off' : 'on'}`, text: t(d.enabled === false ? 'admin.device.disabled' : 'admin.device.enabledYes') }),
        el('span', { class: `badge ${d.online ? 'online' : 'offline'}`, text: t(d.online ? 'admin.device.onlineYes' : 'admin.device.offline') }),
        d.paper ? el('span', { class: `badge paper-${d.paper}`, text: t(`admin.paper.${d.paper}`) }) : '—',
        el('div', { class: 'row-actions' },
          rowButton('admin.device.resetPassword', d.id, () => resetDevicePassword(ctx, centre, d)),
          rowButton(d.enabled === false ? 'admin.enable' : 'admin.disable', d.id, () => toggleDevice(ctx, centre, d)),
          rowButton('admin.delete', d.id, () => removeThing(ctx, {
            question: t('admin.devices.deleteQuestion', { id: d.id }),
            url: path`/api/v1/admin/centres/${centre.id}/devices/${d.id}`,
            focus: '#add-device',
          }), 'danger')),
      ],
    })),
  }));
  return section;
}

async function addDevice(ctx, centre) {
  const counters = [...(centre.counters || [])].sort((a, b) => a.number - b.number);
  const done = await openDialog({
    title: 'admin.devices.add',
    fields: [
      { name: 'id', label: 'admin.device.id', required: true, hint: 'admin.hint.deviceId' },
      { name: 'role', label: 'admin.device.role', type: 'select', required: true, options: ROLES.map(r => ({ value: r, labelKey: `admin.role.${r}` })) },
      { name: 'counter', label: 'admin.device.counter', type: 'select', required: true, showIf: v => v.role === 'COUNTER' || v.role === 'RATING_PAD',
        options: [{ value: '', labelKey: 'admin.choose' }, ...counters.map(c => ({ value: c.id, label: `${t('counter.numbered', { n: c.number })} (${c.id})` }))] },
      { name: 'password', label: 'admin.device.password', type: 'password', required: true, hint: 'admin.hint.devicePassword', autocomplete: 'new-password' },
      { name: 'enabled', label: 'admin.device.enabledLabel', type: 'checkbox', default: true },
    ],
    values: { role: 'COUNTER' },
    submitLabel: 'admin.create',
    submit: values => api('POST', path`/api/v1/admin/centres/${centre.id}/devices`, values),
  });
  if (done) {
    ctx.saved(t('admin.devices.created', { id: done.id || '' }));
    ctx.refresh(`tr[data-device="${CSS.escape(done.id || '')}"] .row-action`);
  }
}

async function resetDevicePassword(ctx, centre, device) {
  const done = await openDialog({
    titleText: t('admin.device.resetPasswordOf', { id: device.id }),
    fields: [{ name: 'password', label: 'admin.device.newPassword', type: 'password', required: true, hint: 'admin.hint.devicePasswordReset', autocomplete: 'new-password' }],
    submit: values => api('PATCH', path`/api/v1/admin/centres/${centre.id}/devices/${device.id}`, values),
  });
  if (done) {
    ctx.saved(t('admin.passwordChanged'));
    ctx.refresh(`tr[data-device="${CSS.escape(device.id)}"] .row-action`);
  }
}

async function toggleDevice(ctx, centre, device) {
  try {
    await api('PATCH', path`/api/v1/admin/centres/${centre.id}/devices/${device.id}`, { enabled: device.enabled === false });
    ctx.saved(t(device.enabled === false ? 'admin.enabledDone' : 'admin.disabledDone', { name: device.id }));
    ctx.refresh(`tr[data-device="${CSS.escape(device.id)}"] .row-action`);
  } catch (e) {
    if (e.status !== 401) alertError(e);
  }
}

/** Asks, then deletes: a refusal (a counter with a citizen at it, a service with tickets) stays in the dialog. */
async function removeThing(ctx, { question, url, focus }) {
  const done = await openDialog({
    title: 'admin.deleteTitle',
    message: question,
    submitLabel: 'admin.delete',
    danger: true,
    submit: () => api('DELETE', url),
  });
  if (done) {
    ctx.saved(t('admin.deleted'));
    ctx.refresh(focus);
  }
}
