// The live page: reads what to show from the URL, opens the stream, renders snapshots and keeps
// the ages ticking every second between them.
//
// URL: ?queue=billing&queue=tech (or queue=billing,tech)  ?agent=a-17  ?wall=1  ?token=<read token>

import { openStream } from './stream.js';
import { renderQueues, renderAgent, tick, summary } from './view.js';

const TOKEN_KEY = 'ccpulse.read-token';
const params = new URLSearchParams(window.location.search);

const queues = splitList(params.getAll('queue'));
const agent = splitList(params.getAll('agent'))[0] || '';
const wall = ['1', 'true', 'yes', 'on'].includes((params.get('wall') || '').toLowerCase());

// The token comes once in the URL and then lives in this tab only; it leaves the address bar so it
// is not shown on a wall screen nor kept in the history.
if (params.has('token')) {
  const token = params.get('token');
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
  params.delete('token');
  const rest = params.toString();
  history.replaceState(null, '', window.location.pathname + (rest ? `?${rest}` : '') + window.location.hash);
}
const token = sessionStorage.getItem(TOKEN_KEY);

const $ = (id) => document.getElementById(id);
const main = $('main');

/**
 * Server time minus this screen's time; ages are computed in server time. Each message gives a
 * sample (its server time minus when it arrived); a message that was late in transit gives a
 * sample that is too small, so the estimate is the largest sample of the last two minutes: ages
 * never step backwards because one message came in slowly, and a server clock that really moved
 * is followed within two minutes.
 */
let clockOffsetMs = 0;
const OFFSET_WINDOW_MS = 120000;
let offsetSamples = [];
function sampleClock(serverMs) {
  const now = Date.now();
  offsetSamples = offsetSamples.filter((s) => now - s.at <= OFFSET_WINDOW_MS);
  offsetSamples.push({ at: now, offset: serverMs - now });
  clockOffsetMs = Math.max(...offsetSamples.map((s) => s.offset));
}
const serverNow = () => Date.now() + clockOffsetMs;
let latest = null;
let receivedAt = 0;

function setUp() {
  document.documentElement.classList.toggle('wall', wall);
  $('f-queue').value = queues.join(', ');
  $('f-agent').value = agent;
  $('f-wall').checked = wall;
  $('filter').addEventListener('submit', onFilter);
  // the choice is open on a fresh start, folded away once a view is chosen (phones, wall screens)
  $('filter-box').open = !agent && !queues.length;
  if (agent) {
    $('agent-section').hidden = false;
    $('queue-heading').textContent = 'My queues';
    $('view-title').textContent = `Agent ${agent}`;
    document.title = `Agent ${agent} – ccpulse`;
  } else if (queues.length) {
    $('view-title').textContent = `Live queues: ${queues.join(', ')}`;
    document.title = `${queues.join(', ')} – ccpulse`;
  }
  $('queue-empty').hidden = false;

  const url = new URL('v1/live/stream', document.baseURI);
  queues.forEach((q) => url.searchParams.append('queue', q));
  if (agent) {
    url.searchParams.append('agent', agent);
  }
  if (token) {
    url.searchParams.set('access_token', token);
  }
  openStream(url.toString(), { onSnapshot, onHeartbeat, onState });

  updateClock();
  setInterval(() => {
    updateClock();
    tick(main, serverNow());
  }, 1000);
}

function onSnapshot(data) {
  const generated = Date.parse(data.generated_at);
  if (Number.isFinite(generated)) {
    sampleClock(generated);
  }
  latest = data;
  receivedAt = Date.now();
  const queueList = Array.isArray(data.queues) ? data.queues : [];
  const agentList = Array.isArray(data.agents) ? data.agents : [];
  renderQueues($('queues'), queueList, generated);
  $('queue-empty').hidden = queueList.length > 0;
  $('queue-empty').textContent = agent
    ? 'No queues to show for this agent.'
    : queues.length ? `No live data for ${queues.join(', ')} yet.` : 'No queues have live data yet.';
  if (agent) {
    renderAgent(agentList.find((a) => a && a.agent === agent), agent, serverNow());
  }
  rememberQueues(queueList);
  announce(summary(queueList, agent ? agentList.find((a) => a && a.agent === agent) : null));
  tick(main, serverNow());
  updateClock();
}

function onHeartbeat(data) {
  const t = Date.parse(data.time);
  if (Number.isFinite(t)) {
    sampleClock(t);
  }
}

const STATE_TEXT = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  busy: 'Server busy',
  unauthorized: 'Not authorised',
};

function onState(state, detail) {
  const conn = $('conn');
  conn.className = `conn conn-${state}`;
  let text = STATE_TEXT[state] || state;
  if (state === 'unauthorized') {
    text += ': open this page with ?token=<read token>';
  }
  if (detail) {
    text += ` (${detail})`;
  }
  if ($('conn-text').textContent !== text) {
    $('conn-text').textContent = text;
  }
  main.classList.toggle('stale', state !== 'live');
  updateClock();
}

function updateClock() {
  const now = new Date(serverNow());
  $('clock').textContent = now.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  $('clock').dateTime = now.toISOString();
  // while live, the numbers are current even when nothing changed; otherwise say how old they are
  const text = latest && main.classList.contains('stale')
    ? `numbers from ${new Date(receivedAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`
    : '';
  if ($('updated').textContent !== text) {
    $('updated').textContent = text;
  }
}

function onFilter(event) {
  event.preventDefault();
  const next = new URLSearchParams();
  splitList([$('f-queue').value]).forEach((q) => next.append('queue', q));
  const a = $('f-agent').value.trim();
  if (a) {
    next.set('agent', a);
  }
  if ($('f-wall').checked) {
    next.set('wall', '1');
  }
  const query = next.toString();
  window.location.assign(window.location.pathname + (query ? `?${query}` : ''));
}

function splitList(values) {
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);
}

function rememberQueues(queueList) {
  const list = $('known-queues');
  const known = new Set(Array.from(list.options, (o) => o.value));
  queueList.forEach((q) => {
    if (q && q.queue && !known.has(q.queue)) {
      known.add(q.queue);
      const option = document.createElement('option');
      option.value = q.queue;
      list.append(option);
    }
  });
}

// Screen readers hear a short summary when it changes, at most every 20 seconds (the numbers
// themselves change too often to be read out one by one).
let lastAnnounced = '';
let lastAnnouncedAt = 0;
let pendingAnnouncement = 0;

function announce(text) {
  if (text === lastAnnounced) {
    return;
  }
  const wait = 20000 - (Date.now() - lastAnnouncedAt);
  clearTimeout(pendingAnnouncement);
  const say = () => {
    lastAnnounced = text;
    lastAnnouncedAt = Date.now();
    $('announcer').textContent = text;
  };
  if (wait <= 0) {
    say();
  } else {
    pendingAnnouncement = setTimeout(say, wait);
  }
}

// last, after every module-level constant above is initialised
setUp();
