// The citizen's page for taking a number from their phone (/lay-so?c=…, README "Remote tickets"): choose a service,
// give a mobile number, and go to the ticket's own page, which follows the line live and shows the code to confirm
// at the kiosk. One requestId per tap, kept for the retries of that tap: a lost answer never gives two tickets.
import { initPage, loadConfig, requestedCentre, t, uuid, showError, clearError, errorMessage, onLanguageChange }
  from './common.js';

const state = { config: null, requestId: null, attempt: null };

initPage();
onLanguageChange(() => state.config && fillServices());
main();

async function main() {
  try {
    state.config = await loadConfig();
  } catch (e) {
    showError(document.getElementById('error'), e.code || 'UNKNOWN_CENTRE', e.message);
    return;
  }
  document.getElementById('centre-name').textContent = state.config.centreName;
  fillServices();
  const form = document.getElementById('remote-form');
  // a changed choice is another request: it gets a new id
  form.addEventListener('input', () => { state.requestId = null; });
  form.addEventListener('submit', event => {
    event.preventDefault();
    take();
  });
}

function fillServices() {
  const select = document.getElementById('service');
  const chosen = select.value;
  select.replaceChildren(...state.config.services.map(s => {
    const option = document.createElement('option');
    option.value = s.code;
    option.textContent = s.name;
    return option;
  }));
  if (chosen) select.value = chosen;
}

async function take() {
  const error = document.getElementById('error');
  clearError(error);
  const button = document.getElementById('take');
  const phone = document.getElementById('phone').value.trim();
  if (!phone) {
    showError(error, 'INVALID_FIELD', t('remotePage.phoneMissing'));
    document.getElementById('phone').focus();
    return;
  }
  state.requestId = state.requestId || uuid();
  button.disabled = true;
  button.textContent = t('remotePage.taking');
  const centre = requestedCentre() || state.config.centre;
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      let response;
      try {
        response = await fetch(`/api/v1/centres/${encodeURIComponent(centre)}/remote-tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ requestId: state.requestId, service: document.getElementById('service').value, phone }),
        });
      } catch (e) {
        continue; // the same requestId again: the gateway answers a retry with the same ticket
      }
      const body = await response.json().catch(() => ({}));
      if (response.status === 201) {
        location.assign(body.ticketPage);
        return;
      }
      const code = (body.error && body.error.code) || 'INTERNAL';
      if (response.status === 503) continue;
      if (code !== 'DUPLICATE_REQUEST') state.requestId = null; // a refused request may be corrected and sent anew
      showError(error, code, errorMessage(state.config, code, body.error && body.error.message));
      if (body.error && body.error.field === 'phone') document.getElementById('phone').focus();
      return;
    }
    showError(error, 'UNAVAILABLE', errorMessage(state.config, 'UNAVAILABLE'));
  } finally {
    button.disabled = false;
    button.textContent = t('remotePage.take');
  }
}
