// DOM rendering of queue tiles and the agent card. Built with DOM calls only (never innerHTML
// with data), updated in place so that focus, selection and screen-reader position survive.

import * as f from './format.js';

const CHANNELS = { voice: 'Voice', chat: 'Chat', email: 'Email', messaging: 'Messaging' };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') {
      e.className = v;
    } else if (k === 'text') {
      e.textContent = v;
    } else {
      e.setAttribute(k, v);
    }
  }
  e.append(...children);
  return e;
}

function setText(node, text) {
  if (node.textContent !== text) {
    node.textContent = text;
  }
}

function setPill(node, status) {
  const cls = `pill ${status ? status.cls : 'none'}`;
  if (node.className !== cls) {
    node.className = cls;
  }
  setText(node, status ? `${status.icon} ${status.label}` : '');
  node.hidden = !status;
}

const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v) => (v && typeof v === 'object' ? v : {});

// ---------------------------------------------------------------- queues

function tileId(q) {
  return `q-${String(q.queue)}-${String(q.channel || 'any')}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

function buildTile(q) {
  const id = tileId(q);
  const name = String(q.queue);
  const link = el('a', { href: `?queue=${encodeURIComponent(name)}`, text: name,
    'aria-label': `${name}: show only this queue` });
  const big = (field, label, extra) => el('div', { class: `big big-${field}` },
    el('span', { class: 'big-value', 'data-field': field, text: f.MISSING }),
    el('span', { class: 'big-label', text: label }),
    ...(extra ? [extra] : []));
  const slRow = (field, ...label) => el('div', { class: 'sl-row' },
    el('dt', {}, ...label),
    el('dd', {},
      el('span', { class: 'sl-value', 'data-field': field, text: f.MISSING }),
      el('span', { class: 'pill none', 'data-field': `${field}-status` })));
  const stat = (field, label) => el('div', { class: 'stat' },
    el('dt', {}, label),
    el('dd', { 'data-field': field, text: f.MISSING }));

  return el('li', { class: 'tile', id, 'data-queue': name, 'data-channel': String(q.channel || '') },
    el('article', { 'aria-labelledby': `${id}-h` },
      el('header', { class: 'tile-head' },
        el('h3', { id: `${id}-h` }, link),
        el('span', { class: 'channel', 'data-field': 'channel', text: CHANNELS[q.channel] || q.channel || '' })),
      el('div', { class: 'headline' },
        big('waiting', 'waiting'),
        big('oldest-wait', 'oldest wait', el('span', { class: 'flag', 'data-field': 'oldest-flag', hidden: '' })),
        big('available', 'agents available')),
      el('section', { class: 'sl', 'aria-label': 'Service level' },
        el('h4', {},
          el('span', { text: 'Service level' }),
          el('span', { class: 'sl-terms', 'data-field': 'sl-terms' })),
        el('div', { class: 'meter', 'aria-hidden': 'true' },
          el('span', { class: 'meter-fill', 'data-field': 'sl-meter' }),
          el('span', { class: 'meter-target', 'data-field': 'sl-meter-target' })),
        el('dl', {}, slRow('sl-today', 'Today'),
          slRow('sl-15m', el('span', { class: 'visually-hidden', text: 'Last ' }), '15 min'))),
      el('section', { class: 'today', 'aria-label': 'Today' },
        el('h4', { class: 'today-title', text: 'Today' }),
        el('dl', { class: 'stats' },
          stat('abandon-rate', 'Abandoned'),
          stat('asa', el('abbr', { title: 'Average speed of answer', text: 'ASA' })),
          stat('offered', 'Offered'))),
      el('p', { class: 'agents-line' },
        el('span', { class: 'visually-hidden', text: 'Other agents: ' }),
        el('span', { 'data-field': 'agents-line' }))));
}

function updateTile(tile, q, generatedMs) {
  const field = (name) => tile.querySelector(`[data-field="${name}"]`);
  const settings = obj(q.settings);
  const today = obj(q.today);
  const recent = obj(q.last_15m);
  const agents = obj(q.agents);
  const threshold = num(settings.sl_threshold_s);
  const target = num(settings.sl_target);

  setText(field('waiting'), f.count(q.waiting));
  const oldest = field('oldest-wait');
  const waiting = num(q.waiting);
  const oldestS = num(q.oldest_wait_s);
  if (oldestS !== null && waiting !== 0 && Number.isFinite(generatedMs)) {
    oldest.dataset.baseS = String(oldestS);
    oldest.dataset.at = String(generatedMs);
    oldest.classList.add('tick');
  } else {
    delete oldest.dataset.baseS;
    delete oldest.dataset.at;
    oldest.classList.remove('tick');
    setText(oldest, waiting === 0 ? f.clock(0) : f.MISSING);
  }
  if (threshold !== null) {
    oldest.dataset.threshold = String(threshold);
  }
  updateOldestFlag(oldest, waiting === 0 ? 0 : oldestS);
  setText(field('available'), f.count(agents.available));

  const terms = [];
  if (threshold !== null) terms.push(`answered in ${f.duration(threshold)}`);
  if (target !== null) terms.push(`target ${f.percent(target)}`);
  setText(field('sl-terms'), terms.join(' · '));
  for (const [name, value] of [['sl-today', today.service_level], ['sl-15m', recent.service_level]]) {
    setText(field(name), f.percent(value));
    setPill(field(`${name}-status`), f.slStatus(num(value), target));
  }
  const meter = field('sl-meter');
  const slToday = num(today.service_level);
  meter.style.width = `${slToday === null ? 0 : Math.max(0, Math.min(1, slToday)) * 100}%`;
  meter.className = `meter-fill ${f.slStatus(slToday, target).cls}`;
  const marker = field('sl-meter-target');
  marker.hidden = target === null;
  marker.style.left = `${target === null ? 0 : Math.max(0, Math.min(1, target)) * 100}%`;

  setText(field('abandon-rate'), f.percent(today.abandon_rate));
  setText(field('asa'), f.duration(today.asa_s));
  setText(field('offered'), f.count(today.offered));
  const parts = [
    [agents.on_contact, 'on contact'], [agents.ringing, 'ringing'], [agents.acw, 'wrap-up'], [agents.away, 'away'],
  ].filter(([v]) => num(v) !== null).map(([v, label]) => `${f.count(v)} ${label}`);
  setText(field('agents-line'), parts.join(' · '));
}

function updateOldestFlag(node, seconds) {
  const flag = node.parentElement.querySelector('[data-field="oldest-flag"]');
  const threshold = num(Number.parseFloat(node.dataset.threshold));
  const over = threshold !== null && num(seconds) !== null && seconds > threshold;
  node.classList.toggle('over', over);
  flag.hidden = !over;
  if (over) {
    setText(flag, `over ${f.duration(threshold)}`);
  }
}

/** Shows the queues in the order given; tiles are kept, updated, added and removed by key. */
export function renderQueues(list, queues, generatedMs) {
  const existing = new Map(Array.from(list.children, (li) => [li.id, li]));
  let previous = null;
  for (const q of queues) {
    if (!q || q.queue == null) {
      continue;
    }
    const id = tileId(q);
    let tile = existing.get(id);
    if (tile) {
      existing.delete(id);
    } else {
      tile = buildTile(q);
    }
    updateTile(tile, q, generatedMs);
    const want = previous ? previous.nextSibling : list.firstChild;
    if (want !== tile) {
      list.insertBefore(tile, want);
    }
    previous = tile;
  }
  existing.forEach((tile) => tile.remove());
}

// ---------------------------------------------------------------- agent

const AGENT_KPIS = [
  // key in "today" (formatted by its unit, f.kpi), short label, its words (abbr title), direction for targets
  { key: 'handled', label: 'Handled today', better: 'higher' },
  { key: 'aht_s', label: 'AHT', words: 'Average handle time', better: 'lower' },
  { key: 'occupancy', label: 'Occupancy', better: 'higher' },
  { key: 'csat', label: 'CSAT', words: 'Customer satisfaction: share of positive surveys',
    better: 'higher', also: (t) => (num(t.csat_mean) !== null ? `mean ${f.score(t.csat_mean)} of 5` : '') },
  { key: 'fcr', label: 'FCR', words: 'First-contact resolution', better: 'higher',
    aliases: ['fcr_rate'] },
];

function kpiValue(today, kpi) {
  for (const k of [kpi.key, ...(kpi.aliases || [])]) {
    if (num(today[k]) !== null) {
      return today[k];
    }
  }
  return null;
}

function kpiTarget(agent, today, kpi) {
  const targets = obj(agent.targets);
  for (const k of [kpi.key, ...(kpi.aliases || [])]) {
    const t = num(targets[k]) ?? num(today[`${k}_target`]);
    if (t !== null) {
      return t;
    }
  }
  return null;
}

function buildKpis(dl) {
  for (const kpi of AGENT_KPIS) {
    const label = kpi.words ? el('abbr', { title: kpi.words, text: kpi.label }) : kpi.label;
    dl.append(el('div', { class: 'kpi', 'data-kpi': kpi.key },
      el('dt', {}, label),
      el('dd', {},
        el('span', { class: 'kpi-value', 'data-field': kpi.key, text: f.MISSING }),
        el('span', { class: 'kpi-target', 'data-field': `${kpi.key}-target` }),
        el('span', { class: 'pill none', 'data-field': `${kpi.key}-status`, hidden: '' }))));
  }
}

/** The agent card: state and since when, today's numbers against targets where targets exist. */
export function renderAgent(agent, agentId, nowMs) {
  const missing = document.getElementById('agent-missing');
  const card = document.getElementById('agent-card');
  if (!agent) {
    missing.hidden = false;
    setText(missing, `No live data for agent ${agentId}: not signed in today, or the ID is wrong.`);
    card.hidden = true;
    return;
  }
  missing.hidden = true;
  card.hidden = false;
  setText(document.getElementById('agent-heading'), agent.name ? `My day – ${agent.name}` : `My day – ${agentId}`);
  setText(document.getElementById('agent-name'), agent.name || agentId);
  const meta = [agent.name ? agentId : '', agent.team ? `team ${agent.team}` : ''].filter(Boolean).join(' · ');
  setText(document.getElementById('agent-meta'), meta);

  const state = document.getElementById('agent-state');
  setText(state, f.stateLabel(agent.state, agent.reason));
  state.className = `state-pill state-${String(agent.state || 'unknown').replace(/[^a-z_]/g, '')}`;
  const since = f.parseTime(agent.since);
  const forNode = document.getElementById('agent-for');
  const sinceNode = document.getElementById('agent-since');
  if (Number.isFinite(since)) {
    forNode.dataset.since = String(since);
    forNode.classList.add('tick');
    setText(forNode, f.clock((nowMs - since) / 1000));
    setText(sinceNode, f.timeOfDay(since));
    sinceNode.dateTime = agent.since;
  } else {
    delete forNode.dataset.since;
    setText(forNode, f.MISSING);
    setText(sinceNode, f.MISSING);
  }
  const contacts = Array.isArray(agent.contacts) ? agent.contacts.length : 0;
  setText(document.getElementById('agent-contacts'),
    contacts ? `${contacts} contact${contacts === 1 ? '' : 's'} open now` : '');

  const dl = document.getElementById('agent-kpis');
  if (!dl.children.length) {
    buildKpis(dl);
  }
  const today = obj(agent.today);
  for (const kpi of AGENT_KPIS) {
    const value = kpiValue(today, kpi);
    const target = kpiTarget(agent, today, kpi);
    setText(dl.querySelector(`[data-field="${kpi.key}"]`), f.kpi(kpi.key, value));
    const extra = [target !== null ? `target ${f.kpi(kpi.key, target)}` : '', kpi.also ? kpi.also(today) : '']
      .filter(Boolean).join(' · ');
    setText(dl.querySelector(`[data-field="${kpi.key}-target"]`), extra);
    setPill(dl.querySelector(`[data-field="${kpi.key}-status"]`), f.targetStatus(value, target, kpi.better));
  }
  renderScorecard(agent.scorecard);
}

/**
 * The agent's own scorecard for today: the score (sum of weight x attainment, attainment capped at
 * 1.2, shown as points of 100) and one row per KPI with its weight, today's actual, the target in
 * force and the attainment. Rebuilt only when the card's KPIs change; values are updated in place.
 */
function renderScorecard(card) {
  const box = document.getElementById('agent-scorecard');
  const items = card && Array.isArray(card.items) ? card.items : [];
  if (!items.length) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  setText(document.getElementById('scorecard-name'), String(card.name || '').replace(/_/g, ' '));
  const score = num(card.score);
  setText(document.getElementById('scorecard-score'), score === null ? f.MISSING : `${Math.round(score * 100)}`);
  const coverage = num(card.coverage);
  setText(document.getElementById('scorecard-coverage'), coverage !== null && coverage < 1
    ? `scored on ${Math.round(coverage * 100)}% of the weight: KPIs without data today are left out` : '');
  const body = document.getElementById('scorecard-rows');
  const keys = items.map((i) => i && i.kpi).join(',');
  if (body.dataset.keys !== keys) {
    body.replaceChildren(...items.map((i) => el('tr', { 'data-kpi': i.kpi },
      el('th', { scope: 'row', text: f.kpiLabel(i.kpi) }),
      el('td', { 'data-field': 'weight', 'data-label': 'Weight' }),
      el('td', { 'data-field': 'actual', 'data-label': 'Today' }),
      el('td', { 'data-field': 'target', 'data-label': 'Target' }),
      el('td', { 'data-field': 'attainment', 'data-label': 'Attainment' },
        el('span', { 'data-field': 'attainment-value' }), ' ',
        el('span', { class: 'pill none', 'data-field': 'status', hidden: '' })))));
    body.dataset.keys = keys;
  }
  items.forEach((i, n) => {
    const row = body.children[n];
    const weight = num(i.weight);
    setText(row.querySelector('[data-field="weight"]'), weight === null ? f.MISSING : `${Math.round(weight * 100)}%`);
    setText(row.querySelector('[data-field="actual"]'), f.kpi(i.kpi, i.actual));
    setText(row.querySelector('[data-field="target"]'), f.kpi(i.kpi, i.target));
    const att = num(i.attainment);
    setText(row.querySelector('[data-field="attainment-value"]'), att === null ? f.MISSING : `${Math.round(att * 100)}%`);
    setPill(row.querySelector('[data-field="status"]'), f.targetStatus(num(i.actual), num(i.target), i.direction));
  });
}

// ---------------------------------------------------------------- ticking and summary

/** Every second: ages move on between snapshots (computed in server time). */
export function tick(root, nowMs) {
  root.querySelectorAll('.tick[data-base-s]').forEach((node) => {
    const seconds = Number(node.dataset.baseS) + (nowMs - Number(node.dataset.at)) / 1000;
    setText(node, f.clock(seconds));
    updateOldestFlag(node, seconds);
  });
  root.querySelectorAll('.tick[data-since]').forEach((node) => {
    setText(node, f.clock((nowMs - Number(node.dataset.since)) / 1000));
  });
}

/** One sentence per queue (and the agent), for the polite live region. */
export function summary(queues, agent) {
  const parts = [];
  if (agent) {
    parts.push(`You are ${f.stateLabel(agent.state, agent.reason).toLowerCase()}; ` +
      `${f.count(obj(agent.today).handled)} contacts handled today.`);
  }
  for (const q of queues) {
    if (!q || q.queue == null) continue;
    const sl = num(obj(q.today).service_level);
    const status = f.slStatus(sl, num(obj(q.settings).sl_target));
    parts.push(`${q.queue} ${q.channel || ''}: ${f.count(q.waiting)} waiting, ` +
      `${f.count(obj(q.agents).available)} agents available, service level today ${f.percent(sl)}, ${status.label.toLowerCase()}.`);
  }
  return parts.join(' ');
}
