// A small MQTT 3.1.1 client over WebSocket: the few packets OneDesk's screens need.
//
// CONNECT (username/password, clean session false, keep-alive), SUBSCRIBE, PUBLISH at QoS 0/1 with
// PUBACK handling, PUBACK of incoming QoS 1, PINGREQ, and reconnection with backoff. Unacknowledged
// QoS 1 publishes are sent again (DUP) after a reconnect, as MQTT 3.1.1 requires for a persistent
// session; OneDesk requests are idempotent by requestId, so a resend never acts twice.

const CONNECT = 1, CONNACK = 2, PUBLISH = 3, PUBACK = 4, SUBSCRIBE = 8, SUBACK = 9,
  PINGREQ = 12, PINGRESP = 13, DISCONNECT = 14;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** CONNACK return codes (MQTT 3.1.1 §3.2.2.3). */
export const CONNACK_REFUSED = {
  1: 'unacceptable protocol version',
  2: 'client identifier rejected',
  3: 'server unavailable',
  4: 'bad user name or password',
  5: 'not authorised',
};

function utf8(text) {
  const bytes = encoder.encode(text);
  const out = new Uint8Array(2 + bytes.length);
  out[0] = bytes.length >> 8;
  out[1] = bytes.length & 0xff;
  out.set(bytes, 2);
  return out;
}

function u16(n) {
  return Uint8Array.of(n >> 8, n & 0xff);
}

function concat(parts) {
  const length = parts.reduce((sum, p) => sum + p.length, 0);
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function packet(firstByte, body) {
  const length = [];
  let n = body.length;
  do {
    let digit = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) digit |= 0x80;
    length.push(digit);
  } while (n > 0);
  return concat([Uint8Array.of(firstByte), Uint8Array.from(length), body]);
}

/**
 * new MqttClient({url, clientId, username, password, keepAlive, onState, onConnect, onMessage, onRefused})
 *
 * onState(state) with 'connecting' | 'online' | 'offline'; onConnect(sessionPresent) after every CONNACK
 * accepted (subscribe there); onMessage(topic, text, {qos, retain, dup}); onRefused(code, reason) when
 * the server refuses the credentials (the client then stops retrying).
 */
export class MqttClient {
  constructor(options) {
    this.options = Object.assign({ keepAlive: 30, minBackoff: 1000, maxBackoff: 30000 }, options);
    this.socket = null;
    this.state = 'offline';
    this.stopped = true;
    this.nextId = 1;
    this.inflight = new Map(); // packet id -> {bytes, resolve, reject}  (our QoS 1 publishes)
    this.subscribing = new Map(); // packet id -> {resolve}
    this.buffer = new Uint8Array(0);
    this.backoff = this.options.minBackoff;
    this.timers = {};
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timers.reconnect);
    this.clearKeepAlive();
    if (this.socket) {
      try {
        if (this.socket.readyState === WebSocket.OPEN) this.socket.send(packet(DISCONNECT << 4, new Uint8Array(0)));
        this.socket.close();
      } catch (e) { /* closing anyway */ }
      this.socket = null;
    }
    this.setState('offline');
  }

  /** Resolves with the SUBACK return codes (0x80 = refused), in the order of the filters. */
  subscribe(filters, qos = 1) {
    const id = this.packetId();
    const body = concat([u16(id), ...filters.flatMap(f => [utf8(f), Uint8Array.of(qos)])]);
    return new Promise((resolve, reject) => {
      this.subscribing.set(id, { resolve, reject });
      if (!this.send(packet((SUBSCRIBE << 4) | 0x02, body))) {
        this.subscribing.delete(id);
        reject(new Error('not connected'));
      }
    });
  }

  /**
   * QoS 0 resolves once written. QoS 1 resolves on PUBACK; if the connection drops first, the message is
   * sent again (DUP) after the reconnect, and the promise resolves on that PUBACK.
   */
  publish(topic, text, { qos = 1, retain = false } = {}) {
    const payload = encoder.encode(text);
    if (qos === 0) {
      const sent = this.send(packet((PUBLISH << 4) | (retain ? 1 : 0), concat([utf8(topic), payload])));
      return sent ? Promise.resolve() : Promise.reject(new Error('not connected'));
    }
    const id = this.packetId();
    const body = concat([utf8(topic), u16(id), payload]);
    return new Promise((resolve, reject) => {
      const entry = { body, retain, resolve, reject, sentOnce: false };
      this.inflight.set(id, entry);
      if (this.state === 'online') this.sendInflight(id, entry);
    });
  }

  get connected() {
    return this.state === 'online';
  }

  // --- internals ---

  packetId() {
    for (let i = 0; i < 65535; i++) {
      const id = this.nextId;
      this.nextId = this.nextId >= 65535 ? 1 : this.nextId + 1;
      if (!this.inflight.has(id) && !this.subscribing.has(id)) return id;
    }
    throw new Error('no free packet id');
  }

  sendInflight(id, entry) {
    const flags = (entry.sentOnce ? 0x08 : 0) | 0x02 | (entry.retain ? 1 : 0);
    if (this.send(packet((PUBLISH << 4) | flags, entry.body))) entry.sentOnce = true;
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    if (this.options.onState) this.options.onState(state);
  }

  send(bytes) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(bytes);
    this.lastSent = Date.now();
    return true;
  }

  open() {
    if (this.stopped) return;
    this.setState('connecting');
    let socket;
    try {
      socket = new WebSocket(this.options.url, ['mqtt']);
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this.buffer = new Uint8Array(0);
    socket.onopen = () => {
      socket.send(this.connectPacket());
      // A server that accepts the socket but never answers CONNACK is as good as down.
      this.timers.connack = setTimeout(() => {
        if (socket === this.socket && this.state !== 'online') {
          this.lost(socket);
          socket.close();
        }
      }, 10000);
    };
    socket.onmessage = event => {
      if (socket !== this.socket) return;
      this.receive(new Uint8Array(event.data));
    };
    socket.onclose = () => this.lost(socket);
    socket.onerror = () => { /* onclose follows */ };
  }

  /** The connection ended (closed, failed or silent): forget it and try again later. */
  lost(socket) {
    if (socket !== this.socket) return;
    this.socket = null;
    this.clearKeepAlive();
    for (const s of this.subscribing.values()) s.reject(new Error('connection lost'));
    this.subscribing.clear();
    this.setState('offline');
    this.scheduleReconnect();
  }

  scheduleReconnect() {
    if (this.stopped) return;
    clearTimeout(this.timers.reconnect);
    const delay = this.backoff * (0.75 + Math.random() * 0.5); // jitter: screens do not reconnect in step
    this.backoff = Math.min(this.backoff * 2, this.options.maxBackoff);
    this.timers.reconnect = setTimeout(() => this.open(), delay);
  }

  connectPacket() {
    const o = this.options;
    let flags = 0x02 * (o.cleanSession ? 1 : 0);
    const payload = [utf8(o.clientId)];
    if (o.username != null) {
      flags |= 0x80;
      payload.push(utf8(o.username));
    }
    if (o.password != null) {
      flags |= 0x40;
      payload.push(utf8(o.password));
    }
    const header = concat([utf8('MQTT'), Uint8Array.of(4, flags), u16(o.keepAlive)]);
    return packet(CONNECT << 4, concat([header, ...payload]));
  }

  receive(chunk) {
    this.lastReceived = Date.now();
    this.buffer = this.buffer.length ? concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.buffer.length < 2) return;
      let length = 0, multiplier = 1, at = 1, byte;
      do {
        if (at >= this.buffer.length) return; // the length itself is split across frames
        byte = this.buffer[at++];
        length += (byte & 0x7f) * multiplier;
        multiplier *= 128;
      } while (byte & 0x80);
      if (this.buffer.length < at + length) return;
      const first = this.buffer[0];
      const body = this.buffer.subarray(at, at + length);
      this.buffer = this.buffer.subarray(at + length);
      this.handle(first >> 4, first & 0x0f, body);
    }
  }

  handle(type, flags, body) {
    switch (type) {
      case CONNACK: {
        clearTimeout(this.timers.connack);
        const code = body[1];
        if (code !== 0) {
          const reason = CONNACK_REFUSED[code] || 'refused';
          if (code === 4 || code === 5) {
            this.stop();
            if (this.options.onRefused) this.options.onRefused(code, reason);
          } else {
            const refused = this.socket;
            this.lost(refused);
            refused.close();
          }
          return;
        }
        this.backoff = this.options.minBackoff;
        this.startKeepAlive();
        this.setState('online');
        for (const [id, entry] of this.inflight) this.sendInflight(id, entry);
        if (this.options.onConnect) this.options.onConnect((body[0] & 1) === 1);
        return;
      }
      case PUBLISH: {
        const qos = (flags >> 1) & 3;
        const topicLength = (body[0] << 8) | body[1];
        const topic = decoder.decode(body.subarray(2, 2 + topicLength));
        let at = 2 + topicLength;
        let id = 0;
        if (qos > 0) {
          id = (body[at] << 8) | body[at + 1];
          at += 2;
        }
        const text = decoder.decode(body.subarray(at));
        try {
          if (this.options.onMessage) {
            this.options.onMessage(topic, text, { qos, retain: (flags & 1) === 1, dup: (flags & 8) === 8 });
          }
        } catch (e) {
          console.error('message handler failed', topic, e);
        }
        // Acknowledged after handling: the screen has taken the message in.
        if (qos === 1) this.send(packet(PUBACK << 4, u16(id)));
        return;
      }
      case PUBACK: {
        const id = (body[0] << 8) | body[1];
        const entry = this.inflight.get(id);
        if (entry) {
          this.inflight.delete(id);
          entry.resolve();
        }
        return;
      }
      case SUBACK: {
        const id = (body[0] << 8) | body[1];
        const pending = this.subscribing.get(id);
        if (pending) {
          this.subscribing.delete(id);
          pending.resolve(Array.from(body.subarray(2)));
        }
        return;
      }
      case PINGRESP:
        this.awaitingPong = false;
        return;
      default:
        return; // QoS 2 flows and UNSUBACK are never asked for
    }
  }

  startKeepAlive() {
    this.clearKeepAlive();
    const period = Math.max(1, this.options.keepAlive) * 1000;
    this.awaitingPong = false;
    this.timers.ping = setInterval(() => {
      if (this.awaitingPong) {
        // No PINGRESP for a whole period: the connection is dead even if the socket has not noticed.
        const dead = this.socket;
        this.lost(dead);
        if (dead) dead.close();
        return;
      }
      this.awaitingPong = true;
      this.send(packet(PINGREQ << 4, new Uint8Array(0)));
    }, period / 2);
  }

  clearKeepAlive() {
    clearInterval(this.timers.ping);
  }
}
