// The connection to GET /v1/live/stream (server-sent events), kept alive whatever happens.
//
// EventSource reconnects by itself after a network error (sending Last-Event-ID), but gives up
// for good when the server answers anything but 200 (401 without a token, 503 when full). Then
// we ask the server why (a plain fetch of the same URL, aborted as soon as the status is known)
// and try again later ourselves. A watchdog reopens a connection that went silent: the server
// sends a heartbeat event at least every heartbeat_s seconds.
//
// The connection is closed when the page is hidden for navigation (pagehide) and opened again
// if the page comes back from the back/forward cache (pageshow): otherwise each page left behind
// keeps its stream open, and after six of them the browser's per-host connection limit blocks
// every further request to the service.

const MIN_SILENCE_MS = 5000;

/**
 * @param {string} url the stream URL with its query (queue, agent, access_token)
 * @param {{onSnapshot: function(object): void, onHeartbeat: function(object): void,
 *          onState: function(string, string=): void}} handlers
 *        states: connecting, live, reconnecting, busy, unauthorized
 */
export function openStream(url, handlers) {
  let source = null;
  let lastId = '';
  let heartbeatMs = 15000;
  let lastMessage = Date.now();
  let failures = 0;
  let retryTimer = 0;
  let stopped = false;

  function open() {
    clearTimeout(retryTimer);
    if (stopped) {
      return;
    }
    const u = new URL(url, window.location.href);
    if (lastId) {
      u.searchParams.set('last_event_id', lastId);
    }
    source = new EventSource(u.toString());
    lastMessage = Date.now();
    source.onopen = () => {
      failures = 0;
      alive();
      handlers.onState('live');
    };
    source.addEventListener('snapshot', (e) => {
      alive();
      lastId = e.lastEventId || lastId;
      handlers.onState('live');
      handlers.onSnapshot(JSON.parse(e.data));
    });
    source.addEventListener('heartbeat', (e) => {
      alive();
      const data = JSON.parse(e.data);
      if (typeof data.heartbeat_s === 'number' && data.heartbeat_s > 0) {
        heartbeatMs = data.heartbeat_s * 1000;
      }
      handlers.onHeartbeat(data);
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        source = null;
        diagnose();
      } else {
        // the browser retries by itself (retry: from the server), with Last-Event-ID
        handlers.onState('reconnecting');
      }
    };
  }

  function alive() {
    lastMessage = Date.now();
  }

  function later(ms) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(open, ms);
  }

  async function diagnose() {
    if (stopped) {
      return;
    }
    failures++;
    const backoff = Math.min(30000, 1000 * 2 ** Math.min(failures, 5)) * (0.75 + Math.random() * 0.5);
    const abort = new AbortController();
    try {
      const response = await fetch(url, { signal: abort.signal, cache: 'no-store' });
      abort.abort();
      if (response.status === 401 || response.status === 403) {
        handlers.onState('unauthorized');
        later(60000);
        return;
      }
      if (response.status === 503 || response.status === 429) {
        const after = Number.parseInt(response.headers.get('Retry-After') || '', 10);
        const ms = (Number.isFinite(after) ? after * 1000 : backoff) * (1 + Math.random() * 0.5);
        handlers.onState('busy', `retrying in ${Math.round(ms / 1000)} s`);
        later(ms);
        return;
      }
    } catch (e) {
      // network down or server gone: fall through
    }
    handlers.onState('reconnecting');
    later(backoff);
  }

  function close() {
    clearTimeout(retryTimer);
    if (source) {
      source.close();
      source = null;
    }
  }

  window.addEventListener('pagehide', () => {
    stopped = true;
    close();
  });
  window.addEventListener('pageshow', (e) => {
    if (e.persisted) {
      stopped = false;
      handlers.onState('reconnecting');
      open();
    }
  });

  setInterval(() => {
    const silence = Math.max(MIN_SILENCE_MS, heartbeatMs * 2.5);
    if (source && !stopped && Date.now() - lastMessage > silence) {
      source.close();
      source = null;
      handlers.onState('reconnecting');
      open();
    }
  }, 1000);

  handlers.onState('connecting');
  open();
}
