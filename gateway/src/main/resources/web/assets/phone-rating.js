// Rating from the citizen's own phone, on the ticket page: once the ticket is DONE, and for 24 h, the five faces
// once (GET .../tickets/by-token/{token}/rating says whether it may still be rated); the rating is POSTed with the
// ticket's token, through the same single writer as a counter pad's, and a retry keeps its requestId.
import { t, el, uuid, lang, errorMessage, showError } from './common.js';
import { renderFaces, renderReasons, MAX_SCORE_WITH_REASONS } from './rating-faces.js';

/** Offers the rating in section (once per page); config words the errors. */
export async function offerRating(section, base, config) {
  if (section.dataset.offered) return;
  section.dataset.offered = 'true';
  const url = base + '/rating';
  let status;
  try {
    const response = await fetch(url, { cache: 'no-store' });
    status = response.ok ? await response.json() : null;
  } catch (e) {
    status = null;
  }
  if (!status) return;
  if (status.rated) {
    section.replaceChildren(el('p', { class: 'rated', text: t('rating.phoneRated') }));
    section.hidden = false;
    return;
  }
  if (!status.rateable) return;
  const reasons = new Set();
  let request = null;
  const faces = el('div', { class: 'faces' });
  const chips = el('div', { class: 'chips' });
  const error = el('p', { class: 'error', hidden: true });
  const ask = () => {
    renderFaces(faces, choose);
    section.replaceChildren(el('p', { class: 'ask', text: t('rating.phoneAsk') }), faces, error);
  };
  const choose = score => {
    if (score > MAX_SCORE_WITH_REASONS) {
      send(score, []);
      return;
    }
    reasons.clear();
    renderReasons(chips, reasons);
    const sendButton = el('button', { type: 'button', class: 'primary', text: t('rating.send') });
    sendButton.addEventListener('click', () => send(score, [...reasons]));
    const back = el('button', { type: 'button', text: t('rating.back') });
    back.addEventListener('click', ask);
    section.replaceChildren(el('p', { class: 'ask', text: t('rating.reasons') }),
      el('p', { class: 'chosen', text: t('rating.' + score) }), chips,
      el('div', { class: 'actions' }, sendButton, back), error);
  };
  const send = async (score, chosen) => {
    // The same rating sent again (a lost answer) keeps its requestId, so it is never counted twice.
    const body = { requestId: uuid(), score };
    if (chosen.length > 0) body.reasons = chosen;
    if (!request || request.score !== score || JSON.stringify(request.reasons) !== JSON.stringify(body.reasons)) {
      request = body;
    }
    try {
      const response = await fetch(url + '?lang=' + lang(), {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request),
      });
      const reply = await response.json().catch(() => ({}));
      if (response.ok && reply.accepted) {
        section.replaceChildren(el('p', { class: 'thanks', text: t('rating.phoneThanks') }));
        return;
      }
      const code = (reply.error && reply.error.code) || 'INTERNAL';
      if (code === 'ALREADY_RATED') {
        section.replaceChildren(el('p', { class: 'rated', text: t('rating.phoneRated') }));
        return;
      }
      showError(error, code, code === 'RATING_CLOSED' ? t('rating.closed')
        : errorMessage(config, code, reply.error && reply.error.message));
    } catch (e) {
      showError(error, 'NETWORK', t('error.NETWORK'));
    }
  };
  ask();
  section.hidden = false;
}
