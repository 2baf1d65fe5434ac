// Dossier codes (mã hồ sơ) on the pages: the shape the gateway accepts (kiosk-protocol's DossierCodes), so that a
// page refuses a typo before sending it, and the texts the kiosk and the counter console show about dossiers. A USB
// barcode scanner types the code from the receipt and presses Enter, as a keyboard does.
import { addTexts } from './i18n.js';

/** Upper-case letters, digits, '.', '-' and '/', starting with a letter or digit, 6 to 40 characters. */
export const DOSSIER_CODE = /^[A-Z0-9][A-Z0-9./-]{5,39}$/;
/** The most dossiers one COMPLETE or TRANSFER may carry. */
export const MAX_DOSSIERS = 10;

/** What was typed or scanned, as a code: trimmed, in upper case (a typed code may come in lower case). */
export function normaliseCode(text) {
  return String(text || '').trim().toUpperCase();
}

export function validCode(code) {
  return DOSSIER_CODE.test(code);
}

/** "2025-03-03" → "03/03/2025", the centre's local day of a visit as the gateway gives it. */
export function dayText(isoDate) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : (isoDate || '');
}

addTexts({
  vi: {
    'dossier.entryTitle': 'Hồ sơ tiếp nhận',
    'dossier.entryHint': 'Quét mã vạch trên phiếu hẹn hoặc gõ mã hồ sơ rồi nhấn Enter; có thể nhập nhiều hồ sơ.',
    'dossier.code': 'Mã hồ sơ',
    'dossier.add': 'Thêm',
    'dossier.remove': 'Bỏ',
    'dossier.byPost': 'Trả kết quả qua bưu điện (BCCI)',
    'dossier.invalid': 'Mã hồ sơ không hợp lệ: 6–40 ký tự gồm chữ in hoa, chữ số, dấu chấm, gạch ngang hoặc gạch chéo.',
    'dossier.duplicate': 'Hồ sơ {code} đã có trong danh sách.',
    'dossier.tooMany': 'Mỗi lượt chỉ ghi tối đa {n} hồ sơ.',
    'dossier.historyTitle': 'Hồ sơ của công dân',
    'dossier.linked': 'Mã hồ sơ: {codes}',
    'dossier.noEarlier': 'Chưa có lượt tiếp nhận nào trước đây cho hồ sơ này.',
    'dossier.kind.RECEIVED': 'Tiếp nhận',
    'dossier.kind.COLLECTING': 'Đến nhận kết quả',
    'dossier.returnByPost': 'Trả kết quả qua bưu điện',
    'dossier.returnAtCounter': 'Nhận kết quả tại quầy',
    'dossier.counter': 'quầy {n}',
    'dossier.noOfficer': 'không có cán bộ',
    'dossier.kioskTitle': 'Nhập mã hồ sơ',
    'dossier.kioskHint': 'Quét mã vạch trên phiếu hẹn trả kết quả, hoặc gõ mã hồ sơ. Có thể bỏ qua bước này.',
    'dossier.kioskTake': 'Lấy số',
    'dossier.kioskSkip': 'Bỏ qua',
  },
  en: {
    'dossier.entryTitle': 'Dossiers received',
    'dossier.entryHint': 'Scan the barcode on the receipt or type the dossier code, then press Enter; several are allowed.',
    'dossier.code': 'Dossier code',
    'dossier.add': 'Add',
    'dossier.remove': 'Remove',
    'dossier.byPost': 'Return the result by post (BCCI)',
    'dossier.invalid': 'Not a dossier code: 6–40 upper-case letters, digits, dots, hyphens or slashes.',
    'dossier.duplicate': 'Dossier {code} is already in the list.',
    'dossier.tooMany': 'At most {n} dossiers per visit.',
    'dossier.historyTitle': "The citizen's dossier",
    'dossier.linked': 'Dossier code: {codes}',
    'dossier.noEarlier': 'No earlier visit is recorded for this dossier.',
    'dossier.kind.RECEIVED': 'Received',
    'dossier.kind.COLLECTING': 'Came to collect',
    'dossier.returnByPost': 'Result returned by post',
    'dossier.returnAtCounter': 'Result collected at the counter',
    'dossier.counter': 'counter {n}',
    'dossier.noOfficer': 'no officer',
    'dossier.kioskTitle': 'Enter your dossier code',
    'dossier.kioskHint': 'Scan the barcode on your receipt, or type the dossier code. You may skip this step.',
    'dossier.kioskTake': 'Take a number',
    'dossier.kioskSkip': 'Skip',
  },
});
