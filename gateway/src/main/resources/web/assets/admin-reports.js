// Reports (báo cáo) of a centre or of the province over a period of local days, read from the gateway's report
// endpoints (GET /api/v1/centres/{c}/reports, GET /api/v1/reports; README "Reports for managers") and shown as one
// table: what each line is about, then its figures, durations as minutes:seconds, the totals last, and below it the
// same lines' ratings (Mức độ hài lòng), dossiers (Hồ sơ / BCCI) and out-of-order calls, parks and re-queues; or
// downloaded as the gateway's CSV. And the audit log (nhật ký thay đổi) of the administration, newest first.
import { t, lang, el } from './common.js';
import { api, path } from './admin-api.js';
import { tx, table, errorBox, dateTime, today, operatorName } from './admin-ui.js';
import { listCentres } from './admin-centres.js';

const CENTRE_DIMENSIONS = ['day', 'service', 'counter', 'officer', 'operator'];
/** Lines that are queues, with tickets flowing in and out: only they have issued, transferredIn and unfinished. */
const QUEUES = ['day', 'service', 'centre'];

/** The last report asked for, kept while the page is open (a language switch renders the view again). */
const chosen = { scope: 'centre', centre: null, from: null, to: null, by: 'day' };

/**
 * The report on the screen and the login that asked for it ({me}: the page's object of that login), so that a
 * language switch shows it again in the other language, and a later login never sees it.
 */
let shown = null;

/** The figures of every line, in the order of the columns: counts, then waits and service times. */
const FIGURES = [
  { key: 'issued', queue: true, value: f => count(f.issued) },
  { key: 'transferredIn', queue: true, value: f => count(f.transferredIn) },
  { key: 'calls', value: f => count(f.calls) },
  { key: 'recalls', value: f => count(f.recalls) },
  { key: 'served', value: f => count(f.served) },
  { key: 'noShows', value: f => count(f.noShows) },
  { key: 'transferredOut', value: f => count(f.transferredOut) },
  { key: 'unfinished', queue: true, value: f => count(f.unfinished) },
  { key: 'waitMean', value: f => minutesSeconds(f.wait && f.wait.meanSeconds) },
  { key: 'waitP90', value: f => minutesSeconds(f.wait && f.wait.p90Seconds) },
  { key: 'overTarget', value: f => overTarget(f.wait) },
  { key: 'serviceMean', value: f => minutesSeconds(f.serviceTime && f.serviceTime.meanSeconds) },
];

/** A line's ratings, dossiers (issue 14): empty objects from a gateway whose reports have none. */
const rated = f => f.ratings || {};
const dossiers = f => f.dossiers || {};

/**
 * Issue 14's figures, each section a table of its own below the report's, with the same lines: how citizens rated
 * the visits (Mức độ hài lòng), the dossiers received and returned by post (Hồ sơ / BCCI), and the calls out of the
 * line's order, parks and re-queues that make skipping the line auditable. {busy}: what makes a line stand out.
 */
const SECTIONS = [
  {
    id: 'ratings',
    busy: f => Number(rated(f).received) > 0,
    figures: [
      { key: 'ratings', value: f => count(rated(f).received) },
      { key: 'rated', value: f => percent(rated(f).ratedPercent) },
      { key: 'meanScore', value: f => score(rated(f).meanScore) },
      { key: 'satisfied', value: f => share(rated(f).satisfied, rated(f).satisfiedPercent) },
      ...[5, 4, 3, 2, 1].map(n => ({ key: `score${n}`, value: f => count(rated(f).byScore && rated(f).byScore[n]) })),
      { key: 'byPhone', value: f => count(rated(f).bySource && rated(f).bySource.PHONE) },
    ],
  },
  {
    id: 'dossiers',
    busy: f => Number(dossiers(f).received) > 0 || Number(dossiers(f).resultsCollected) > 0,
    figures: [
      { key: 'dossiers', value: f => count(dossiers(f).received) },
      { key: 'returnedByPost', value: f => count(dossiers(f).returnedByPost) },
      { key: 'resultsCollected', value: f => count(dossiers(f).resultsCollected) },
    ],
  },
  {
    id: 'operations',
    busy: f => ['outOfOrderCalls', 'parked', 'requeued'].some(k => Number(f[k]) > 0),
    figures: [
      { key: 'outOfOrderCalls', value: f => count(f.outOfOrderCalls) },
      { key: 'parked', value: f => count(f.parked) },
      { key: 'requeued', value: f => count(f.requeued) },
    ],
  },
];

/** What a line is about, by the report's dimension: its columns, and the key that names its row. */
const SUBJECTS = {
  day: {
    key: l => l.day,
    columns: [
      { key: 'day', value: l => dateText(l.day) },
      { key: 'weekday', value: l => weekdayText(l) },
    ],
  },
  service: {
    key: l => l.service,
    columns: [
      { key: 'code', value: l => l.service },
      { key: 'service', value: l => l.name || l.service, wide: true },
      { key: 'target', num: true, value: l => minutesSeconds(l.targetWaitMinutes == null ? null : l.targetWaitMinutes * 60) },
    ],
  },
  counter: {
    key: l => l.counter,
    columns: [
      { key: 'counter', value: l => (l.number > 0 ? t('counter.numbered', { n: l.number }) : l.counter) },
      { key: 'code', value: l => l.counter },
      { key: 'operator', value: l => operatorName(l.operator) },
    ],
  },
  operator: {
    key: l => l.operator,
    columns: [
      { key: 'operator', value: l => operatorName(l.operator) },
      { key: 'counters', num: true, value: l => count(l.counters) },
    ],
  },
  officer: {
    key: l => l.officer || '',
    columns: [
      { key: 'officer', value: l => officerName(l), wide: true },
      { key: 'username', value: l => l.officer || '—' },
    ],
  },
  centre: {
    key: l => l.centre,
    columns: [
      { key: 'centre', value: l => l.name || l.centre, wide: true },
      { key: 'code', value: l => l.centre },
    ],
  },
};

/**
 * The report's address. withLang: for the link itself (what a person opens or saves); api() adds the language to
 * the calls it makes, and the gateway takes a parameter given twice for no language at all.
 */
function reportUrl(values, format, withLang = false) {
  const query = new URLSearchParams({ from: values.from, to: values.to, by: values.scope === 'province' ? 'centre' : values.by });
  if (format) query.set('format', format);
  if (withLang && lang() === 'en') query.set('lang', 'en');
  return values.scope === 'province'
    ? `/api/v1/reports?${query}`
    : `${path`/api/v1/centres/${values.centre}/reports`}?${query}`;
}

/** Today at the centre by the gateway's clock (see README, Times: a desk computer's own may be wrong), else by this one's. */
async function gatewayToday(centre) {
  const zone = (centre && centre.timezone) || 'Asia/Ho_Chi_Minh';
  try {
    const response = await fetch(`/api/v1/pages/config${centre ? `?c=${encodeURIComponent(centre.id)}` : ''}`, { cache: 'no-store' });
    const server = response.ok ? Date.parse((await response.json()).serverTime) : NaN;
    if (!Number.isNaN(server)) return today(zone, server);
  } catch (e) {
    // the computer's own clock, then
  }
  return today(zone);
}

export async function reportsView(ctx) {
  const centres = await listCentres().catch(() => []);
  chosen.centre = chosen.centre && centres.some(c => c.id === chosen.centre) ? chosen.centre : (centres[0] && centres[0].id) || '';
  if (!chosen.from || !chosen.to) {
    const day = await gatewayToday(centres.find(c => c.id === chosen.centre));
    chosen.from = chosen.from || day;
    chosen.to = chosen.to || day;
  }

  const form = el('form', { class: 'admin-form report-form', id: 'report-form', novalidate: true });
  const scope = el('fieldset', { class: 'checks inline' }, tx('legend', 'admin.reports.scope'),
    ...['centre', 'province'].map(s => el('label', { class: 'check' },
      el('input', { type: 'radio', name: 'scope', value: s, checked: chosen.scope === s }), tx('span', `admin.reports.scope.${s}`))));
  const field = (id, key, control, error) => el('div', { class: 'field' }, el('label', { for: id }, tx('span', key)), control, error);
  const centre = el('select', { id: 'report-centre', name: 'centre' }, ...centres.map(c => el('option', { value: c.id, text: c.name })));
  centre.value = chosen.centre;
  // One error line under both dates: a period is refused as a whole (too long, or ending before it starts).
  const datesError = el('p', { class: 'field-error', id: 'report-dates-error', role: 'alert', hidden: true });
  const date = (id, name, value) => el('input', { id, name, type: 'date', value, required: true, 'aria-required': 'true', 'aria-describedby': 'report-dates-error' });
  const from = date('report-from', 'from', chosen.from);
  const to = date('report-to', 'to', chosen.to);
  const dates = el('fieldset', { class: 'report-dates', id: 'report-dates' }, tx('legend', 'admin.reports.period'),
    el('div', { class: 'report-dates-inputs' }, field('report-from', 'admin.reports.from', from), field('report-to', 'admin.reports.to', to)),
    datesError);
  const byError = el('p', { class: 'field-error', id: 'report-by-error', role: 'alert', hidden: true });
  const by = el('select', { id: 'report-by', name: 'by', 'aria-describedby': 'report-by-error' },
    ...CENTRE_DIMENSIONS.map(d => tx('option', `admin.reports.by.${d}`, { value: d })));
  by.value = chosen.by;
  const centreField = field('report-centre', 'admin.reports.centre', centre);
  const byField = field('report-by', 'admin.reports.by', by, byError);
  const show = tx('button', 'admin.reports.show', { type: 'submit', class: 'primary', id: 'report-show' });
  const csv = tx('a', 'admin.reports.csv', { class: 'button-link', id: 'report-csv', download: '' });
  form.append(scope, centreField, dates, byField, el('div', { class: 'form-buttons' }, show, csv));
  // Not a live region: a whole table read out at once helps nobody. The report's heading takes the focus instead.
  const result = el('div', { id: 'report-result' });
  if (shown && shown.me !== ctx.me) shown = null;
  if (shown) result.replaceChildren(...renderReport(shown.report, shown.values));

  const values = () => ({
    scope: form.elements.scope.value, centre: centre.value, from: from.value, to: to.value, by: by.value,
  });
  const sync = () => {
    Object.assign(chosen, values());
    const province = chosen.scope === 'province';
    centreField.hidden = province;
    byField.hidden = province;
    csv.href = reportUrl(chosen, 'csv', true);
    return { ...chosen };
  };
  const clearErrors = () => {
    for (const [error, inputs] of [[datesError, [from, to]], [byError, [by]]]) {
      error.hidden = true;
      error.replaceChildren();
      delete error.dataset.code;
      for (const input of inputs) input.removeAttribute('aria-invalid');
    }
  };
  /** An error next to its input: the dates' (or by's) when the gateway names one of them, else above the result. */
  const showError = (e, asked) => {
    const inDates = e.field === 'from' || e.field === 'to';
    if (!inDates && e.field !== 'by') {
      result.replaceChildren(errorBox(e, { role: 'alert' }));
      return;
    }
    // The gateway's message for a bad parameter is general; the page knows when the period ends before it starts.
    const backwards = inDates && e.code === 'INVALID_REQUEST' && asked.from && asked.to && asked.from > asked.to;
    const error = inDates ? datesError : byError;
    error.replaceChildren(el('span', { class: 'error-message', text: backwards ? t('admin.reports.fromAfterTo') : e.message }));
    if (e.detail) error.append(' ', el('span', { class: 'error-detail', lang: 'en', text: e.detail }));
    error.dataset.code = e.code;
    error.hidden = false;
    // A period too long or backwards is both dates' fault; the one the gateway names gets the focus.
    const named = e.field === 'from' ? from : e.field === 'to' ? to : by;
    const wrong = inDates && (backwards || e.code === 'RANGE_TOO_LONG') ? [from, to] : [named];
    for (const input of wrong) input.setAttribute('aria-invalid', 'true');
    named.focus();
    result.replaceChildren();
  };
  /** Dates left empty (or not a whole date) are said at once; the gateway judges the rest. */
  const datesGiven = asked => {
    if (asked.from && asked.to) return true;
    showError({ code: 'INVALID_REQUEST', field: asked.from ? 'to' : 'from', message: t('admin.form.required') }, asked);
    return false;
  };
  form.addEventListener('input', sync);
  form.addEventListener('change', sync);
  sync();

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const asked = sync();
    clearErrors();
    if (!datesGiven(asked)) return;
    result.replaceChildren(tx('p', 'admin.loading', { role: 'status' }));
    show.disabled = true;
    try {
      const report = await api('GET', reportUrl(asked));
      if (!ctx.alive()) return;
      shown = { me: ctx.me, values: asked, report };
      result.replaceChildren(...renderReport(report, asked));
      document.getElementById('report-heading').focus();
    } catch (e) {
      if (ctx.alive() && e.status !== 401) showError(e, asked);
    } finally {
      show.disabled = false;
    }
  });
  // The CSV is fetched rather than followed, so that a refused period is said next to the dates, not downloaded.
  csv.addEventListener('click', async event => {
    event.preventDefault();
    const asked = sync();
    clearErrors();
    if (!datesGiven(asked)) return;
    try {
      const response = await api('GET', reportUrl(asked, 'csv'), undefined, { accept: 'text/csv', raw: true });
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') || '');
      const href = URL.createObjectURL(await response.blob());
      const save = el('a', { href, download: name ? name[1] : 'bao-cao.csv', hidden: true });
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60000);
    } catch (e) {
      if (ctx.alive() && e.status !== 401) showError(e, asked);
    }
  });
  const none = centres.length ? null : tx('p', 'admin.reports.noCentre', { class: 'updated' });
  return [tx('h2', 'admin.reports.title'), none, form, result];
}

/** The report as a heading, a line on its period, the table, and what its columns mean. */
function renderReport(report, values) {
  const by = values.scope === 'province' ? 'centre' : report.by || values.by;
  const subject = SUBJECTS[by];
  const queues = QUEUES.includes(by);
  const figures = FIGURES.filter(f => queues || !f.queue);
  const zone = report.timezone || 'Asia/Ho_Chi_Minh';
  const out = [];
  out.push(el('h3', { id: 'report-heading', tabindex: '-1', text: t(`admin.reports.heading.${by}`, { name: report.centreName || report.centre || '' }) }));
  const period = report.from === report.to
    ? t('admin.reports.oneDay', { date: dateText(report.from) })
    : t('admin.reports.days', { from: dateText(report.from), to: dateText(report.to), n: report.days });
  const facts = [period];
  if (report.generatedAt) facts.push(t('admin.reports.generatedAt', { time: dateTime(report.generatedAt, zone) }));
  if (report.periodOver === false) facts.push(t('admin.reports.notOver'));
  out.push(el('p', { class: 'updated report-period', text: facts.join(' · ') }));
  const totals = report.totals || {};
  if (!queues) {
    // Counters, operators and officers work the queues; how many tickets came in is the centre's.
    out.push(el('p', { class: 'report-flows', id: 'report-flows', text: t('admin.reports.flows', {
      issued: count(totals.issued), transferredIn: count(totals.transferredIn), unfinished: count(totals.unfinished),
    }) }));
  }

  const header = el('tr', {},
    ...subject.columns.map(c => tx('th', `admin.report.col.${c.key}`, { scope: 'col', class: c.num ? 'num' : null, dataset: { col: c.key } })),
    ...figures.map(f => tx('th', `admin.report.col.${f.key}`, { scope: 'col', class: 'num', title: t(`admin.report.title.${f.key}`), dataset: { col: f.key } })));
  const lines = report.lines || [];
  const rows = lines.map(line => el('tr', { class: busy(line) ? null : 'idle', dataset: { key: subject.key(line) } },
    ...subject.columns.map(c => el('td', { class: [c.num && 'num', c.wide && 'wide'].filter(Boolean).join(' ') || null, dataset: { col: c.key }, text: c.value(line) })),
    ...figures.map(f => el('td', { class: 'num', dataset: { col: f.key }, text: f.value(line) }))));
  if (!rows.length) {
    rows.push(el('tr', { class: 'empty' }, el('td', { colspan: subject.columns.length + figures.length }, tx('span', 'admin.reports.noLines'))));
  }
  const total = el('tr', { class: 'total' },
    tx('th', 'admin.reports.total', { scope: 'row', colspan: subject.columns.length }),
    ...figures.map(f => el('td', { class: 'num', dataset: { col: f.key }, text: f.value(totals) })));
  out.push(el('div', { class: 'table-wrap' }, el('table', { class: `admin-table report report-${by}`, id: 'report-table', 'aria-labelledby': 'report-heading' },
    el('thead', {}, header), el('tbody', {}, ...rows), el('tfoot', {}, total))));
  out.push(tx('p', 'admin.reports.notes', { class: 'report-notes' }));
  for (const section of SECTIONS) out.push(...renderSection(section, subject, lines, totals));
  return out;
}

/** One of issue 14's sections: its heading, a table of the report's lines with its figures, what they mean. */
function renderSection(section, subject, lines, totals) {
  const heading = `report-${section.id}-heading`;
  const header = el('tr', {},
    ...subject.columns.map(c => tx('th', `admin.report.col.${c.key}`, { scope: 'col', class: c.num ? 'num' : null, dataset: { col: c.key } })),
    ...section.figures.map(f => tx('th', `admin.report.col.${f.key}`, { scope: 'col', class: 'num', title: t(`admin.report.title.${f.key}`), dataset: { col: f.key } })));
  const rows = lines.map(line => el('tr', { class: section.busy(line) ? null : 'idle', dataset: { key: subject.key(line) } },
    ...subject.columns.map(c => el('td', { class: [c.num && 'num', c.wide && 'wide'].filter(Boolean).join(' ') || null, dataset: { col: c.key }, text: c.value(line) })),
    ...section.figures.map(f => el('td', { class: 'num', dataset: { col: f.key }, text: f.value(line) }))));
  if (!rows.length) {
    rows.push(el('tr', { class: 'empty' }, el('td', { colspan: subject.columns.length + section.figures.length }, tx('span', 'admin.reports.noLines'))));
  }
  const total = el('tr', { class: 'total' },
    tx('th', 'admin.reports.total', { scope: 'row', colspan: subject.columns.length }),
    ...section.figures.map(f => el('td', { class: 'num', dataset: { col: f.key }, text: f.value(totals) })));
  return [
    el('h3', { id: heading, class: 'report-section-heading', text: t(`admin.reports.section.${section.id}`) }),
    el('div', { class: 'table-wrap' }, el('table', { class: 'admin-table report report-section', id: `report-${section.id}`, 'aria-labelledby': heading },
      el('thead', {}, header), el('tbody', {}, ...rows), el('tfoot', {}, total))),
    tx('p', `admin.reports.notes.${section.id}`, { class: 'report-notes' }),
  ];
}

/** Whether anything happened on the line: a line of nothing is shown paler, to let the busy ones stand out. */
function busy(line) {
  return ['issued', 'transferredIn', 'calls', 'unfinished'].some(k => Number(line[k]) > 0);
}

function locale() {
  return lang() === 'en' ? 'en-GB' : 'vi-VN';
}

/** A count as the page's language writes it (1.234 in Vietnamese); a dash where there is none. */
function count(n) {
  return n === null || n === undefined ? '—' : new Intl.NumberFormat(locale()).format(n);
}

/** A duration in seconds as minutes:seconds, rounded to the second (754.321 → 12:34); a dash for nothing measured. */
function minutesSeconds(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(Number(seconds))) return '—';
  const s = Math.max(0, Math.round(Number(seconds)));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Waits over target, and their share of the waits counted: "3 (27,3 %)". */
function overTarget(wait) {
  if (!wait || wait.overTarget === null || wait.overTarget === undefined) return '—';
  if (wait.overTargetPercent === null || wait.overTargetPercent === undefined) return count(wait.overTarget);
  const percent = new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(wait.overTargetPercent);
  return t('admin.reports.overTarget', { n: count(wait.overTarget), p: percent });
}

/** A percentage as the page's language writes it: "62,5 %"; a dash where there is nothing to divide by. */
function percent(p) {
  if (p === null || p === undefined) return '—';
  return t('admin.reports.percent', { p: new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(p) });
}

/** A count and its share: "3 (60 %)"; the count alone when there is no share. */
function share(n, p) {
  if (n === null || n === undefined) return '—';
  if (p === null || p === undefined) return count(n);
  return t('admin.reports.overTarget', { n: count(n), p: new Intl.NumberFormat(locale(), { maximumFractionDigits: 1 }).format(p) });
}

/** A mean score to two decimals: "4,67" in Vietnamese. */
function score(mean) {
  if (mean === null || mean === undefined) return '—';
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(mean);
}

/** A local day (YYYY-MM-DD) as the page's language writes a date: 03/03/2025. */
function dateText(day) {
  if (!day) return '—';
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** The day of the week: the gateway's Vietnamese name (Thứ Hai … Chủ nhật), or the English one. */
function weekdayText(line) {
  if (lang() !== 'en' && line.weekday) return line.weekday;
  const d = new Date(`${line.day}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? line.weekday || '' : new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(d);
}

/** An officer's full name; the line of counters nobody was bound to; an officer whose account is gone, by username. */
function officerName(line) {
  if (!line.officer) return t('admin.reports.nobody');
  return line.name || t('admin.reports.noAccount', { username: line.officer });
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
