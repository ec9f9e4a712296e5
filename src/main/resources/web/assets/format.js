// Formatting and status rules of the live page. Pure functions: no DOM, no clock.

export const MISSING = '–';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

/** A count: 3, 1,204. */
export function count(v) {
  return isNum(v) ? Math.round(v).toLocaleString('en') : MISSING;
}

/** A ratio 0..1 as a percentage: 82%, 4.8% (one decimal below 10%). */
export function percent(v) {
  if (!isNum(v)) {
    return MISSING;
  }
  const p = v * 100;
  return (Math.abs(p) < 10 && p !== 0 ? p.toFixed(1) : Math.round(p).toString()) + '%';
}

/** Seconds as a clock: 0:41, 12:05, 1:02:03. */
export function clock(seconds) {
  if (!isNum(seconds)) {
    return MISSING;
  }
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A duration for averages: 12 s below a minute, else as a clock (5:12). */
export function duration(seconds) {
  if (!isNum(seconds)) {
    return MISSING;
  }
  return seconds < 59.5 ? `${Math.round(seconds)} s` : clock(Math.round(seconds));
}

/** Words for a duration, for screen readers: "12 minutes 5 seconds". */
export function durationWords(seconds) {
  if (!isNum(seconds)) {
    return 'no data';
  }
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const parts = [];
  if (h) parts.push(`${h} hour${h === 1 ? '' : 's'}`);
  if (m) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  if (!h && (s % 60 || !m)) parts.push(`${s % 60} second${s % 60 === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** A CSAT mean score 1..5: 4.6 */
export function score(v) {
  return isNum(v) ? v.toFixed(1) : MISSING;
}

/**
 * Service level against its target: on target (green), within 5 points below (amber), further
 * below (red). Always with a text label and an icon, never colour alone.
 */
export function slStatus(value, target) {
  if (!isNum(value)) {
    return { cls: 'none', icon: '·', label: 'No contacts yet' };
  }
  if (!isNum(target)) {
    return { cls: 'none', icon: '·', label: 'No target' };
  }
  if (value >= target - 1e-9) {
    return { cls: 'ok', icon: '✓', label: 'On target' };
  }
  if (value >= target - 0.05) {
    return { cls: 'warn', icon: '!', label: 'Near target' };
  }
  return { cls: 'bad', icon: '✕', label: 'Below target' };
}

/**
 * Any KPI against a target with a direction ("higher" or "lower" is better). Amber within 5% of
 * the target, relative.
 */
export function targetStatus(value, target, better = 'higher') {
  if (!isNum(value) || !isNum(target)) {
    return null;
  }
  const met = better === 'lower' ? value <= target + 1e-9 : value >= target - 1e-9;
  if (met) {
    return { cls: 'ok', icon: '✓', label: 'On target' };
  }
  const near = better === 'lower' ? value <= target * 1.05 : value >= target * 0.95;
  if (near) {
    return { cls: 'warn', icon: '!', label: 'Near target' };
  }
  return { cls: 'bad', icon: '✕', label: better === 'lower' ? 'Over target' : 'Below target' };
}

const STATES = {
  available: 'Available',
  ringing: 'Ringing',
  on_contact: 'On contact',
  acw: 'After-contact work',
  away: 'Away',
  offline: 'Signed out',
};

/** The words for an agent state, with the away reason: "Away – lunch". */
export function stateLabel(state, reason) {
  const base = STATES[state] || (state ? String(state).replace(/_/g, ' ') : MISSING);
  return state === 'away' && reason ? `${base} – ${reason}` : base;
}

/** A time of day in the screen's locale and zone, hours and minutes: 08:01. */
export function timeOfDay(ms) {
  if (!isNum(ms)) {
    return MISSING;
  }
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** Milliseconds since the epoch of an RFC 3339 string, or NaN. */
export function parseTime(s) {
  return typeof s === 'string' ? Date.parse(s) : NaN;
}

/** The unit of a KPI from its key: seconds (`_s`), a ratio, a 1..5 score, money, or a count. */
export function kpiUnit(key) {
  const k = String(key || '');
  if (k.endsWith('_s')) return 'seconds';
  if (k === 'csat_mean') return 'score';
  if (k === 'nps') return 'nps';
  if (k === 'cost_per_contact') return 'money';
  if (/(_rate|^csat$|^fcr$|^occupancy$|^utilization$|^service_level$|_within_target$)/.test(k)) return 'ratio';
  return 'count';
}

/** A KPI value in its unit (see kpiUnit). */
export function kpi(key, v) {
  switch (kpiUnit(key)) {
    case 'seconds': return duration(v);
    case 'ratio': return percent(v);
    case 'score': return score(v);
    case 'nps': return isNum(v) ? Math.round(v).toString() : MISSING;
    case 'money': return isNum(v) ? v.toFixed(2) : MISSING;
    default: return isNum(v) && !Number.isInteger(v) ? v.toFixed(1) : count(v);
  }
}

/** Words for a KPI key of a scorecard: "resolution_rate" -> "Resolution rate". */
export function kpiLabel(key) {
  const known = {
    csat: 'CSAT', csat_mean: 'CSAT mean', fcr: 'FCR', aht_s: 'AHT', asa_s: 'ASA', nps: 'NPS',
    response_speed_s: 'Response speed', complaint_escalation_rate: 'Complaints and escalations',
    first_response_avg_s: 'First response', resolution_avg_s: 'Resolution time',
  };
  if (known[key]) return known[key];
  const words = String(key || '').replace(/_s$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
