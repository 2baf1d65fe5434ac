// Reports (báo cáo) for a centre or the whole province over a period, shown as a table or downloaded as CSV
// (the gateway's report endpoints: GET /api/v1/centres/{c}/reports, GET /api/v1/reports), and the audit log
// (nhật ký thay đổi) of the administration, newest first.
import { t, lang, el } from './common.js';
import { api, path } from './admin-api.js';
import { tx, table, errorBox, dateTime, today } from './admin-ui.js';
import { listCentres } from './admin-centres.js';

const CENTRE_DIMENSIONS = ['day', 'service', 'counter', 'officer', 'operator'];

/** The last report asked for, kept while the page is open (a language switch renders the view again). */
const chosen = { scope: 'centre', centre: null, from: null, to: null, by: 'day' };

/** Column names of the report figures, as the CSV's Vietnamese header names them (README, Daily report). */
const COLUMN_KEYS = [
  'issued', 'transferredIn', 'calls', 'recalls', 'served', 'noShows', 'transferredOut', 'unfinished',
  'wait.tickets', 'wait.meanMinutes', 'wait.p90Minutes', 'wait.overTarget', 'wait.overTargetPercent',
  'serviceTime.meanMinutes', 'targetWaitMinutes', 'counters',
];

function reportUrl(values, format) {
  const query = new URLSearchParams({ from: values.from, to: values.to, by: values.scope === 'province' ? 'centre' : values.by });
  // The download is a link (the browser sends the session cookie); api() adds the language to the JSON call itself.
  if (format) query.set('format', format);
  if (format && lang() === 'en') query.set('lang', 'en');
  return values.scope === 'province'
    ? `/api/v1/reports?${query}`
    : `${path`/api/v1/centres/${values.centre}/reports`}?${query}`;
}

export async function reportsView(ctx) {
  const centres = await listCentres().catch(() => []);
  const zone = (centres[0] && centres[0].timezone) || 'Asia/Ho_Chi_Minh';
  chosen.centre = chosen.centre && centres.some(c => c.id === chosen.centre) ? chosen.centre : (centres[0] && centres[0].id) || '';
  chosen.from = chosen.from || today(zone);
  chosen.to = chosen.to || today(zone);

  const form = el('form', { class: 'admin-form report-form', id: 'report-form', novalidate: true });
  const scope = el('fieldset', { class: 'checks inline' }, tx('legend', 'admin.reports.scope'),
    ...['centre', 'province'].map(s => el('label', { class: 'check' },
      el('input', { type: 'radio', name: 'scope', value: s, checked: chosen.scope === s }), tx('span', `admin.reports.scope.${s}`))));
  const field = (id, key, control) => el('div', { class: 'field' }, el('label', { for: id }, tx('span', key)), control);
  const centre = el('select', { id: 'report-centre', name: 'centre' }, ...centres.map(c => el('option', { value: c.id, text: c.name })));
  centre.value = chosen.centre;
  const from = el('input', { id: 'report-from', name: 'from', type: 'date', value: chosen.from, required: true });
  const to = el('input', { id: 'report-to', name: 'to', type: 'date', value: chosen.to, required: true });
  const by = el('select', { id: 'report-by', name: 'by' }, ...CENTRE_DIMENSIONS.map(d => tx('option', `admin.reports.by.${d}`, { value: d })));
  by.value = chosen.by;
  const centreField = field('report-centre', 'admin.reports.centre', centre);
  const byField = field('report-by', 'admin.reports.by', by);
  const show = tx('button', 'admin.reports.show', { type: 'submit', class: 'primary' });
  const csv = tx('a', 'admin.reports.csv', { class: 'button-link', id: 'report-csv', download: '' });
  form.append(scope, centreField, field('report-from', 'admin.reports.from', from), field('report-to', 'admin.reports.to', to), byField,
    el('div', { class: 'form-buttons' }, show, csv));
  const result = el('div', { id: 'report-result', 'aria-live': 'polite' });

  const values = () => ({
    scope: form.elements.scope.value, centre: centre.value, from: from.value, to: to.value, by: by.value,
  });
  const sync = () => {
    Object.assign(chosen, values());
    const province = chosen.scope === 'province';
    centreField.hidden = province;
    byField.hidden = province;
    csv.href = reportUrl(chosen, 'csv');
  };
  form.addEventListener('input', sync);
  form.addEventListener('change', sync);
  sync();
  form.addEventListener('submit', async event => {
    event.preventDefault();
    sync();
    if (!chosen.from || !chosen.to) {
      result.replaceChildren(errorBox({ code: 'INVALID_REQUEST', message: t('admin.form.required') }, { role: 'alert' }));
      (chosen.from ? to : from).focus();
      return;
    }
    result.replaceChildren(tx('p', 'admin.loading'));
    show.disabled = true;
    try {
      const report = await api('GET', reportUrl(chosen));
      if (ctx.alive()) result.replaceChildren(...renderReport(report, chosen));
    } catch (e) {
      if (ctx.alive() && e.status !== 401) result.replaceChildren(errorBox(e, { role: 'alert' }));
    } finally {
      show.disabled = false;
    }
  });
  return [tx('h2', 'admin.reports.title'), form, result];
}

/**
 * Any report as tables: every list of lines in it (services, counters, days, centres …) as one table, nested
 * figures as columns (wait.meanMinutes), the seconds left out where the minutes are shown; totals first.
 */
function renderReport(report, values) {
  const out = [];
  const heading = values.scope === 'province'
    ? t('admin.reports.headingProvince', { from: values.from, to: values.to })
    : t('admin.reports.heading', { name: report.centreName || values.centre, from: values.from, to: values.to });
  out.push(el('h3', { text: heading }));
  if (report.generatedAt) out.push(el('p', { class: 'updated', text: t('admin.reports.generatedAt', { time: dateTime(report.generatedAt, report.timezone || 'Asia/Ho_Chi_Minh') }) }));
  const lists = Object.entries(report).filter(([, v]) => Array.isArray(v) && v.length && v.every(x => x && typeof x === 'object'));
  if (report.totals && typeof report.totals === 'object') {
    out.push(linesTable('totals', [{ ...report.totals }]));
  }
  for (const [name, lines] of lists) out.push(linesTable(name, lines));
  if (!lists.length && !report.totals) out.push(tx('p', 'admin.reports.empty'));
  return out;
}

function flatten(object, prefix = '', into = {}) {
  for (const [key, value] of Object.entries(object)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) flatten(value, name, into);
    else if (!Array.isArray(value)) into[name] = value;
  }
  return into;
}

function linesTable(name, lines) {
  const rows = lines.map(line => flatten(line));
  const columns = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  // Seconds beside minutes are for programs; a person reads the minutes.
  const shown = columns.filter(c => !(c.endsWith('Seconds') && columns.includes(c.replace(/Seconds$/, 'Minutes'))));
  const label = key => {
    const known = `admin.report.col.${key}`;
    const text = t(known);
    return text === known ? key : text;
  };
  const caption = t(`admin.report.list.${name}`);
  return table({
    captionText: caption === `admin.report.list.${name}` ? name : caption,
    className: `report report-${name}`,
    columns: shown.map(key => ({ labelText: label(key), class: typeof rows[0][key] === 'number' ? 'num' : null })),
    rows: rows.map(row => ({ cells: shown.map(key => (row[key] === null || row[key] === undefined ? '—' : String(row[key]))) })),
  });
}

// --- audit ---

export async function auditView(ctx) {
  const centres = await listCentres().catch(() => []);
  const filter = el('select', { id: 'audit-centre' }, tx('option', 'admin.audit.allCentres', { value: '' }),
    ...centres.map(c => el('option', { value: c.id, text: c.name })));
  const entries = [];
  const body = el('div', { id: 'audit-table' });
  const more = tx('button', 'admin.audit.more', { type: 'button', class: 'secondary', id: 'audit-more', hidden: true });
  const problem = el('div', { role: 'alert' });
  const PAGE = 50;
  const zoneOf = id => (centres.find(c => c.id === id) || {}).timezone || 'Asia/Ho_Chi_Minh';

  const show = () => {
    body.replaceChildren(table({
      caption: 'admin.audit.title',
      className: 'audit',
      columns: [{ label: 'admin.audit.at' }, { label: 'admin.audit.user' }, { label: 'admin.audit.action' },
        { label: 'admin.audit.resource' }, { label: 'admin.audit.centre' }, { label: 'admin.audit.change' }],
      empty: 'admin.audit.none',
      rows: entries.map(e => ({
        attrs: { dataset: { audit: String(e.id) } },
        cells: [dateTime(e.at, zoneOf(e.centre), { seconds: true }), e.username || '—', actionText(e.action),
          el('code', { class: 'resource', text: e.resource || '' }), e.centre || '—', change(e)],
      })),
    }));
  };
  const load = async append => {
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (filter.value) query.set('centre', filter.value);
    if (append && entries.length) query.set('before', String(entries[entries.length - 1].id));
    try {
      const answer = await api('GET', `/api/v1/admin/audit?${query}`);
      if (!ctx.alive()) return;
      const page = ((answer && answer.entries) || []).slice().sort((a, b) => b.id - a.id);
      if (!append) entries.length = 0;
      entries.push(...page);
      more.hidden = page.length < PAGE;
      problem.replaceChildren();
      show();
    } catch (e) {
      if (ctx.alive() && e.status !== 401) problem.replaceChildren(errorBox(e));
    }
  };
  filter.addEventListener('change', () => load(false));
  more.addEventListener('click', () => load(true));
  await load(false);
  return [tx('h2', 'admin.audit.title'),
    el('div', { class: 'toolbar' }, el('label', { for: 'audit-centre', class: 'inline-label' }, tx('span', 'admin.audit.centre')), filter),
    problem, body, more];
}

function actionText(action) {
  const key = `admin.audit.action.${action}`;
  const text = t(key);
  return text === key ? action || '—' : text;
}

/** What changed: the fields that differ between before and after, then both in full on request. */
function change(entry) {
  const { before, after } = entry;
  const summary = [];
  if (before && after && typeof before === 'object' && typeof after === 'object') {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const a = JSON.stringify(before[key]);
      const b = JSON.stringify(after[key]);
      if (a !== b) summary.push(`${key}: ${short(a)} → ${short(b)}`);
    }
  }
  const details = el('details', {}, tx('summary', 'admin.audit.details'),
    el('div', { class: 'audit-json' },
      el('div', {}, tx('strong', 'admin.audit.before'), el('pre', { text: before == null ? '—' : JSON.stringify(before, null, 2) })),
      el('div', {}, tx('strong', 'admin.audit.after'), el('pre', { text: after == null ? '—' : JSON.stringify(after, null, 2) }))));
  return el('div', { class: 'audit-change' }, summary.length ? el('ul', {}, ...summary.map(s => el('li', { text: s }))) : null, details);
}

function short(json) {
  if (json === undefined) return '—';
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}
