// Spoken announcements for the hall: one at a time, in the order given, never overlapping.
// With a Vietnamese voice: "Mời công dân có số thứ tự A không hai ba đến quầy số năm".
// Without one (or before the browser lets the page make sound): a chime and the banner, held a few seconds.

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** "A023" → "A không hai ba": the letters as they are, then every digit in Vietnamese words. */
export function spokenTicket(number) {
  const words = [];
  let letters = '';
  for (const ch of String(number)) {
    if (ch >= '0' && ch <= '9') {
      if (letters) words.push(letters);
      letters = '';
      words.push(DIGITS[ch.charCodeAt(0) - 48]);
    } else {
      letters += ch;
    }
  }
  if (letters) words.push(letters);
  return words.join(' ');
}

/** A whole number in Vietnamese words, 0–999: 5 "năm", 15 "mười lăm", 21 "hai mươi mốt", 24 "hai mươi tư". */
export function vietnameseNumber(n) {
  n = Math.trunc(n);
  if (n < 0 || n > 999) return String(n);
  if (n < 10) return DIGITS[n];
  if (n < 100) {
    const tens = Math.floor(n / 10), unit = n % 10;
    const head = tens === 1 ? 'mười' : DIGITS[tens] + ' mươi';
    if (unit === 0) return head;
    if (unit === 5) return head + ' lăm';
    if (unit === 1 && tens > 1) return head + ' mốt';
    if (unit === 4 && tens > 1) return head + ' tư';
    return head + ' ' + DIGITS[unit];
  }
  const hundreds = Math.floor(n / 100), rest = n % 100;
  const head = DIGITS[hundreds] + ' trăm';
  if (rest === 0) return head;
  if (rest < 10) return head + ' linh ' + DIGITS[rest];
  return head + ' ' + vietnameseNumber(rest);
}

/** What is said for a call. */
export function announcementText(call) {
  const sentence = `Mời công dân có số thứ tự ${spokenTicket(call.ticket)} đến quầy số ${vietnameseNumber(call.counterNumber)}`;
  return call.recall ? 'Xin nhắc lại. ' + sentence : sentence;
}

/** The hall's two soft tones (880 then 660 Hz, about 1.3 s), on a running audio context; the ticket page uses them too. */
export function playChime(ctx) {
  const now = ctx.currentTime;
  [[880, 0], [660, 0.45]].forEach(([frequency, offset]) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, now + offset);
    gain.gain.exponentialRampToValueAtTime(0.3, now + offset + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.8);
    osc.connect(gain).connect(ctx.destination);
    osc.start(now + offset);
    osc.stop(now + offset + 0.85);
  });
}

export class Announcer {
  /**
   * show(call) puts the call on the banner; hide() takes it down; record(entry) is told of every
   * announcement as it starts. needsGesture(true|false) says whether sound waits for a tap.
   */
  constructor({ show, hide, record, needsGesture }) {
    this.show = show;
    this.hide = hide;
    this.record = record;
    this.needsGesture = needsGesture || (() => {});
    this.queue = [];
    this.busy = false;
    this.voice = null;
    this.audio = null;
    this.soundAllowed = false;
    this.findVoice();
    if ('speechSynthesis' in window) {
      speechSynthesis.addEventListener?.('voiceschanged', () => this.findVoice());
    }
  }

  findVoice() {
    if (!('speechSynthesis' in window)) return;
    const voices = speechSynthesis.getVoices();
    this.voice = voices.find(v => /^vi([-_]VN)?$/i.test(v.lang)) || voices.find(v => /^vi/i.test(v.lang)) || null;
  }

  /** Called from a user gesture (the "enable sound" button): browsers allow audio from here on. */
  unlock() {
    try {
      this.audioContext().resume();
    } catch (e) { /* no WebAudio */ }
    if ('speechSynthesis' in window) {
      const u = new SpeechSynthesisUtterance(' ');
      u.volume = 0;
      speechSynthesis.speak(u);
    }
    this.soundAllowed = true;
    this.needsGesture(false);
  }

  enqueue(call) {
    this.queue.push(call);
    if (!this.busy) this.next();
  }

  async next() {
    const call = this.queue.shift();
    if (!call) {
      this.busy = false;
      this.hide();
      return;
    }
    this.busy = true;
    const text = announcementText(call);
    this.record({ seq: call.seq, ticket: call.ticket, counter: call.counter, counterNumber: call.counterNumber,
      recall: !!call.recall, text });
    this.show(call);
    const started = Date.now();
    let spoken = false;
    try {
      spoken = await this.speak(text);
    } catch (e) {
      spoken = false;
    }
    if (!spoken) await this.chime();
    // The banner stays long enough to read, shorter when others are waiting their turn.
    const hold = this.queue.length > 0 ? 2500 : 4000;
    const left = hold - (Date.now() - started);
    if (left > 0) await new Promise(resolve => setTimeout(resolve, left));
    this.next();
  }

  /** Resolves true once spoken, false when there is no Vietnamese voice or the browser refuses to speak. */
  speak(text) {
    if (!('speechSynthesis' in window) || !this.voice) return Promise.resolve(false);
    return new Promise(resolve => {
      const u = new SpeechSynthesisUtterance(text);
      u.voice = this.voice;
      u.lang = this.voice.lang;
      u.rate = 0.9;
      let done = false;
      const finish = ok => {
        if (done) return;
        done = true;
        clearTimeout(guard);
        resolve(ok);
      };
      // Some engines never fire 'end'; no announcement may hold the queue for ever.
      const guard = setTimeout(() => finish(true), 20000);
      u.onend = () => finish(true);
      u.onerror = event => {
        if (event.error === 'not-allowed') this.needsGesture(true);
        finish(false);
      };
      speechSynthesis.speak(u);
    });
  }

  audioContext() {
    if (!this.audio) {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      this.audio = new Ctx();
    }
    return this.audio;
  }

  /** Two soft tones (WebAudio); silent until a gesture has allowed audio. */
  chime() {
    let ctx;
    try {
      ctx = this.audioContext();
    } catch (e) {
      return Promise.resolve();
    }
    if (ctx.state !== 'running') {
      ctx.resume().catch(() => {});
      if (ctx.state !== 'running') {
        this.needsGesture(true);
        return Promise.resolve();
      }
    }
    playChime(ctx);
    return new Promise(resolve => setTimeout(resolve, 1300));
  }
}
