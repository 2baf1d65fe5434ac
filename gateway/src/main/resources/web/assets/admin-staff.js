// Staff accounts (cán bộ), for an ADMIN only: list, add, change roles and centres, reset a password or a PIN,
// enable or disable, delete. Passwords and PINs go to the gateway and are never shown again.
import { t, el } from './common.js';
import { api, path } from './admin-api.js';
import { tx, table, rowButton, openDialog, alertError, operatorName } from './admin-ui.js';
import { listCentres } from './admin-centres.js';

const ROLES = ['ADMIN', 'CENTRE_MANAGER', 'OFFICER'];

export async function staffView(ctx) {
  if (!ctx.isAdmin) return [tx('h2', 'admin.staff.title'), tx('p', 'admin.staff.adminOnly', { class: 'error', role: 'alert' })];
  const [answer, centres] = await Promise.all([api('GET', '/api/v1/admin/staff'), listCentres().catch(() => [])]);
  const staff = ((answer && answer.staff) || []).slice().sort((a, b) => a.username.localeCompare(b.username, 'vi', { numeric: true }));
  const add = tx('button', 'admin.staff.add', { type: 'button', class: 'primary', id: 'add-staff' });
  add.addEventListener('click', () => editStaff(ctx, centres, null));
  return [
    tx('h2', 'admin.staff.title'),
    el('div', { class: 'toolbar' }, add),
    table({
      caption: 'admin.staff.title',
      className: 'staff',
      columns: [{ label: 'admin.staff.username' }, { label: 'admin.staff.fullName' }, { label: 'admin.staff.operator' },
        { label: 'admin.staff.roles' }, { label: 'admin.staff.centres' }, { label: 'admin.staff.pin' },
        { label: 'admin.staff.state' }, { label: 'admin.actions' }],
      empty: 'admin.staff.none',
      rows: staff.map(s => ({
        attrs: { dataset: { staff: s.username, enabled: String(s.enabled !== false) } },
        cells: [
          el('code', { text: s.username }), s.fullName || '', s.operator ? operatorName(s.operator) : '—',
          (s.roles || []).map(r => t(`admin.role.${typeof r === 'string' ? r : r.role}`)).join(', '),
          (s.centres || []).join(', ') || '—',
          t(s.hasPin ? 'admin.staff.hasPin' : 'admin.staff.noPin'),
          el('span', { class: `badge ${s.enabled === false ? 'off' : 'on'}`, text: t(s.enabled === false ? 'admin.device.disabled' : 'admin.device.enabledYes') }),
          el('div', { class: 'row-actions' },
            rowButton('admin.edit', s.username, () => editStaff(ctx, centres, s)),
            rowButton('admin.staff.resetPassword', s.username, () => resetSecret(ctx, s, 'password')),
            rowButton('admin.staff.resetPin', s.username, () => resetSecret(ctx, s, 'pin')),
            s.username === ctx.me.username ? null
              : rowButton(s.enabled === false ? 'admin.enable' : 'admin.disable', s.username, () => toggle(ctx, s)),
            s.username === ctx.me.username ? null
              : rowButton('admin.delete', s.username, () => remove(ctx, s), 'danger')),
        ],
      })),
    }),
  ];
}

function fields(centres, creating) {
  const centreOptions = centres.map(c => ({ value: c.id, label: `${c.name} (${c.id})` }));
  return [
    ...(creating ? [{ name: 'username', label: 'admin.staff.username', required: true, hint: 'admin.hint.username', autocomplete: 'off' }] : []),
    { name: 'fullName', label: 'admin.staff.fullName', required: true },
    { name: 'operator', label: 'admin.staff.operator', list: ['POSTAL', 'BHXH', 'CONG_AN'], upper: true, hint: 'admin.hint.staffOperator' },
    { name: 'roles', label: 'admin.staff.roles', type: 'checkboxes', required: true, options: ROLES.map(r => ({ value: r, labelKey: `admin.role.${r}` })) },
    { name: 'centres', label: 'admin.staff.centres', type: 'checkboxes', options: centreOptions, hint: 'admin.hint.staffCentres' },
    ...(creating ? [
      { name: 'password', label: 'admin.staff.password', type: 'password', required: true, hint: 'admin.hint.staffPassword', autocomplete: 'new-password' },
      { name: 'pin', label: 'admin.staff.pinLabel', type: 'password', hint: 'admin.hint.pin', autocomplete: 'off', attrs: { inputmode: 'numeric', maxlength: 8 } },
      { name: 'enabled', label: 'admin.staff.enabledLabel', type: 'checkbox', default: true },
    ] : []),
  ];
}

async function editStaff(ctx, centres, account) {
  const creating = !account;
  const done = await openDialog({
    title: creating ? 'admin.staff.add' : null,
    titleText: creating ? null : t('admin.staff.editOf', { name: account.username }),
    fields: fields(centres, creating),
    values: account ? { ...account, roles: (account.roles || []).map(r => (typeof r === 'string' ? r : r.role)) } : { roles: ['OFFICER'], centres: centres.length === 1 ? [centres[0].id] : [] },
    submitLabel: creating ? 'admin.create' : 'admin.save',
    submit: values => {
      const body = { centres: [], ...values };
      return creating ? api('POST', '/api/v1/admin/staff', body) : api('PATCH', path`/api/v1/admin/staff/${account.username}`, body);
    },
  });
  if (done) {
    ctx.saved();
    ctx.refresh(`tr[data-staff="${CSS.escape(done.username || (account && account.username) || '')}"] .row-action`);
  }
}

async function resetSecret(ctx, account, which) {
  const pin = which === 'pin';
  const done = await openDialog({
    titleText: t(pin ? 'admin.staff.resetPinOf' : 'admin.staff.resetPasswordOf', { name: account.username }),
    fields: [pin
      ? { name: 'pin', label: 'admin.staff.newPin', type: 'password', required: true, hint: 'admin.hint.pin', attrs: { inputmode: 'numeric', maxlength: 8 } }
      : { name: 'password', label: 'admin.staff.newPassword', type: 'password', required: true, hint: 'admin.hint.staffPassword', autocomplete: 'new-password' }],
    submit: values => api('PATCH', path`/api/v1/admin/staff/${account.username}`, values),
  });
  if (done) {
    ctx.saved(t(pin ? 'admin.pinChanged' : 'admin.passwordChanged'));
    ctx.refresh(`tr[data-staff="${CSS.escape(account.username)}"] .row-action`);
  }
}

async function toggle(ctx, account) {
  try {
    await api('PATCH', path`/api/v1/admin/staff/${account.username}`, { enabled: account.enabled === false });
    ctx.saved(t(account.enabled === false ? 'admin.enabledDone' : 'admin.disabledDone', { name: account.username }));
    ctx.refresh(`tr[data-staff="${CSS.escape(account.username)}"] .row-action`);
  } catch (e) {
    if (e.status !== 401) alertError(e);
  }
}

async function remove(ctx, account) {
  const done = await openDialog({
    title: 'admin.deleteTitle',
    message: t('admin.staff.deleteQuestion', { name: account.fullName || account.username, username: account.username }),
    submitLabel: 'admin.delete',
    danger: true,
    submit: () => api('DELETE', path`/api/v1/admin/staff/${account.username}`),
  });
  if (done) {
    ctx.saved(t('admin.deleted'));
    ctx.refresh('#add-staff');
  }
}
