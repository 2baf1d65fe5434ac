// The five faces and the reasons of a satisfaction rating, shared by the counter's rating pad (/rating) and the
// citizen's ticket page: the official wording, Vietnamese first, and the closed list of reason codes (protocol v1's
// RatingReason), offered only with the two lowest scores.
import { addTexts, t } from './i18n.js';
import { el } from './common.js';

addTexts({
  vi: {
    'rating.5': 'Rất hài lòng',
    'rating.4': 'Hài lòng',
    'rating.3': 'Bình thường',
    'rating.2': 'Không hài lòng',
    'rating.1': 'Rất không hài lòng',
    'rating.title': 'Đánh giá mức độ hài lòng',
    'rating.ask': 'Quý khách vui lòng đánh giá chất lượng phục vụ',
    'rating.ticket': 'Số thứ tự {number}',
    'rating.officer': 'Cán bộ phục vụ: {name}',
    'rating.idle': 'Kính chào quý khách',
    'rating.idleHint': 'Sau khi được phục vụ, quý khách vui lòng đánh giá mức độ hài lòng tại đây.',
    'rating.reasons': 'Quý khách chưa hài lòng vì (có thể chọn nhiều lý do):',
    'rating.send': 'Gửi đánh giá',
    'rating.back': 'Chọn lại',
    'rating.sending': 'Đang gửi đánh giá…',
    'rating.thanks': 'Cảm ơn quý khách đã đánh giá!',
    'rating.thanksHint': 'Ý kiến của quý khách giúp chúng tôi phục vụ tốt hơn.',
    'rating.already': 'Lượt phục vụ này đã được đánh giá. Cảm ơn quý khách!',
    'rating.closed': 'Đã hết thời gian đánh giá lượt phục vụ này.',
    'rating.phoneAsk': 'Bạn hài lòng với lượt phục vụ này chứ? Mời bạn đánh giá (một lần, trong 24 giờ).',
    'rating.phoneThanks': 'Cảm ơn bạn đã đánh giá!',
    'rating.phoneRated': 'Bạn đã đánh giá lượt phục vụ này.',
    'rating.reason.WAITED_TOO_LONG': 'Chờ quá lâu',
    'rating.reason.UNFRIENDLY': 'Cán bộ thiếu thân thiện',
    'rating.reason.UNCLEAR_GUIDANCE': 'Hướng dẫn không rõ ràng',
    'rating.reason.EXTRA_PAPERS': 'Yêu cầu thêm giấy tờ',
    'rating.reason.SLOW_PROCESSING': 'Giải quyết chậm',
    'rating.reason.OTHER': 'Lý do khác',
    'screens.rating': 'Thiết bị đánh giá tại quầy',
    'screens.rating.desc': 'Công dân đánh giá mức độ hài lòng sau khi được phục vụ (năm mức, từ “Rất hài lòng”).',
  },
  en: {
    'rating.5': 'Very satisfied',
    'rating.4': 'Satisfied',
    'rating.3': 'Neutral',
    'rating.2': 'Dissatisfied',
    'rating.1': 'Very dissatisfied',
    'rating.title': 'Rate our service',
    'rating.ask': 'Please rate the service you received',
    'rating.ticket': 'Ticket {number}',
    'rating.officer': 'Served by: {name}',
    'rating.idle': 'Welcome',
    'rating.idleHint': 'Once you have been served, please rate our service here.',
    'rating.reasons': 'What went wrong? (choose one or more)',
    'rating.send': 'Send rating',
    'rating.back': 'Choose again',
    'rating.sending': 'Sending your rating…',
    'rating.thanks': 'Thank you for your rating!',
    'rating.thanksHint': 'Your opinion helps us serve you better.',
    'rating.already': 'This visit has already been rated. Thank you!',
    'rating.closed': 'The time for rating this visit is over.',
    'rating.phoneAsk': 'How was your visit? Please rate it (once, within 24 hours).',
    'rating.phoneThanks': 'Thank you for your rating!',
    'rating.phoneRated': 'You have rated this visit.',
    'rating.reason.WAITED_TOO_LONG': 'Waited too long',
    'rating.reason.UNFRIENDLY': 'Unfriendly officer',
    'rating.reason.UNCLEAR_GUIDANCE': 'Unclear guidance',
    'rating.reason.EXTRA_PAPERS': 'Asked for extra papers',
    'rating.reason.SLOW_PROCESSING': 'Slow processing',
    'rating.reason.OTHER': 'Other',
    'screens.rating': 'Counter rating pad',
    'screens.rating.desc': 'Citizens rate the service once served (five levels, from “Very satisfied”).',
  },
});

/** Best first, as the official scale reads. */
export const SCORES = [5, 4, 3, 2, 1];
/** Each face's colour and mouth: drawn as SVG, so it looks the same on every tablet whatever its emoji font. */
const FACES = {
  5: { colour: '#1e9e5a', mouth: 'M 30 60 Q 50 82 70 60' },
  4: { colour: '#6cc070', mouth: 'M 32 62 Q 50 74 68 62' },
  3: { colour: '#d6b43a', mouth: 'M 32 66 L 68 66' },
  2: { colour: '#e08a3a', mouth: 'M 32 70 Q 50 58 68 70' },
  1: { colour: '#d04a3a', mouth: 'M 30 74 Q 50 52 70 74' },
};
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

/** A face for the score, 100×100, drawn with the DOM (no inline markup: the pages' CSP allows no inline style). */
export function face(score) {
  const { colour, mouth } = FACES[score];
  const icon = svg('svg', { viewBox: '0 0 100 100', class: 'face-icon', 'aria-hidden': 'true' });
  icon.append(svg('circle', { cx: 50, cy: 50, r: 44, fill: colour }),
    svg('circle', { cx: 35, cy: 40, r: 6, fill: '#10263d' }),
    svg('circle', { cx: 65, cy: 40, r: 6, fill: '#10263d' }),
    svg('path', { d: mouth, fill: 'none', stroke: '#10263d', 'stroke-width': 7, 'stroke-linecap': 'round' }));
  return icon;
}
export const REASONS = ['WAITED_TOO_LONG', 'UNFRIENDLY', 'UNCLEAR_GUIDANCE', 'EXTRA_PAPERS', 'SLOW_PROCESSING', 'OTHER'];
/** Reasons are asked only for these scores; the gateway refuses them with any other. */
export const MAX_SCORE_WITH_REASONS = 2;

/** Five large face buttons into container; onChoose(score) on a press. */
export function renderFaces(container, onChoose) {
  container.replaceChildren(...SCORES.map(score => {
    const button = el('button', { type: 'button', class: 'face', dataset: { score: String(score) } },
      face(score),
      el('span', { class: 'face-label' }, t('rating.' + score)));
    button.addEventListener('click', () => onChoose(score));
    return button;
  }));
}

/** Reason chips into container, toggling their code in the selected Set. */
export function renderReasons(container, selected) {
  container.replaceChildren(...REASONS.map(code => {
    const chip = el('button', { type: 'button', class: 'chip', dataset: { reason: code } }, t('rating.reason.' + code));
    chip.setAttribute('aria-pressed', String(selected.has(code)));
    chip.addEventListener('click', () => {
      if (selected.has(code)) selected.delete(code);
      else selected.add(code);
      chip.setAttribute('aria-pressed', String(selected.has(code)));
    });
    return chip;
  }));
}
