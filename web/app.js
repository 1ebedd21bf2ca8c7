// mxray web page: runs a check through GET /api/v1/check/stream (server-sent events read
// with fetch, so errors keep their status and JSON body) and shows it as it arrives: a
// summary per category, one card per MX with a chip per step, the findings grouped.
// The page decides nothing: every mark and colour is a `status` the judge wrote into the
// report; the page only picks the highest of several (in the judge's order) for a summary line.
// Every string from the server is inserted with textContent, never as HTML.
'use strict';

// The steps of one address, as the judge names them in the report's `status` objects.
const STEPS = ['connect', 'greeting', 'ehlo', 'starttls', 'certificate', 'dane', 'relay', 'vrfy_expn', 'mta_sts', 'dns'];
// The only mapping from a status to a mark (the terminal uses the same, report/marks.hpp).
// `pending` and `seen` are the page's own states while the judge has not spoken yet.
const MARKS = {ok: '✓', info: 'i', warning: '!', critical: '✗', inconclusive: '?', not_tested: '-', pending: '…', seen: '·'};
// The judge's order of statuses (checks/status.hpp), lowest first.
const RANK = {not_tested: 0, ok: 1, info: 2, inconclusive: 3, warning: 4, critical: 5};
// The summary's categories: which of the judge's steps each one gathers, at the address, the
// MX and the domain. A finding belongs to the category of its step (`dns` at an address is
// reverse DNS; a finding without a step, about a whole place, counts for reachability).
const CATEGORIES = [
  {id: 'reachability', address: ['connect', 'greeting', 'ehlo'], label: 'cat_reachability'},
  {id: 'tls', address: ['starttls'], label: 'cat_tls'},
  {id: 'certificate', address: ['certificate'], label: 'cat_certificate'},
  {id: 'dane', address: ['dane'], mx: ['dane'], label: 'step_dane'},
  {id: 'mta_sts', address: ['mta_sts'], mx: ['mta_sts'], domain: ['mta_sts'], label: 'step_mta_sts'},
  {id: 'tls_rpt', domain: ['tls_rpt'], label: 'step_tls_rpt'},
  {id: 'dnssec', mx: ['dns'], domain: ['dns'], label: 'cat_dnssec'},
  {id: 'relay', address: ['relay', 'vrfy_expn'], label: 'cat_relay'},
  {id: 'reverse_dns', address: ['dns'], label: 'cat_reverse_dns'},
  {id: 'submission', domain: ['submission'], label: 'step_submission', optional: true},
];
// The step an address is waiting on after the step it last finished (the progress events'
// names, pipeline/check.hpp), for the waiting state only.
const NEXT_STEP = {'': 'connect', connect: 'greeting', banner: 'ehlo', ehlo: 'starttls', starttls: 'relay', certificate: 'relay', relay: 'quit'};

let M = {};          // the page's labels in the current language (inline in the page, or /api/v1/messages)
let lang = 'en';
let current = null;  // {domain, controller, report, mx, started, timer, lang}

const $ = (id) => document.getElementById(id);

function fmt(template, values) {
  return String(template || '').replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}
// A counted label ({one, other}, see ui_messages.cpp) in the form the count n takes.
function fmtCount(forms, n, values) {
  const form = forms && new Intl.PluralRules(lang).select(n) === 'one' ? forms.one : forms && forms.other;
  return fmt(form, values);
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c != null) node.append(c);  // strings become text nodes
  return node;
}

// ---- numbers, durations, dates and lists in the page's language ----

function number(v, digits) {
  return new Intl.NumberFormat(lang, {minimumFractionDigits: digits, maximumFractionDigits: digits}).format(v);
}
// Milliseconds below a second, else seconds with one decimal (SI symbols, no translation).
function duration(ms) {
  if (typeof ms !== 'number' || !isFinite(ms)) return '';
  return ms < 1000 ? number(ms, 0) + '\u00a0ms' : number(ms / 1000, 1) + '\u00a0s';
}
function listOf(items) {
  return new Intl.ListFormat(lang, {style: 'long', type: 'conjunction'}).format(items);
}
function dateTime(iso) {
  const d = new Date(iso);
  return isNaN(d) ? String(iso || '') : new Intl.DateTimeFormat(lang, {dateStyle: 'long', timeStyle: 'medium'}).format(d);
}
function daysText(days) {
  return days < 0 ? fmtCount(M.expired_ago, -days, {days: number(-days, 0)})
                  : fmtCount(M.days_left, days, {days: number(days, 0)});
}

// ---- labels ----

function applyMessages(body) {
  M = body.messages;
  lang = body.lang;
  document.documentElement.lang = lang;
  $('lang').value = lang;
  for (const node of document.querySelectorAll('[data-msg]')) node.textContent = M[node.dataset.msg] || node.textContent;
  document.title = M.title;
}

async function loadMessages(wanted) {
  const res = await fetch('/api/v1/messages' + (wanted ? '?lang=' + encodeURIComponent(wanted) : ''));
  applyMessages(await res.json());
}

// The moment to judge as of (?at=, e.g. +30d), or '' for the check time.
function atValue() { return $('at') ? $('at').value.trim() : ''; }
// Whether to check the submission ports too (?submission=1).
function submissionWanted() { return $('submission') ? $('submission').checked : false; }

function setUrl(domain) {
  const params = new URLSearchParams();
  if (domain) params.set('domain', domain);
  if (domain && atValue()) params.set('at', atValue());
  if (domain && submissionWanted()) params.set('submission', '1');
  params.set('lang', lang);
  history.replaceState(null, '', '/?' + params.toString());
  $('permalink').href = '/?' + params.toString();
}

// ---- what the evidence shows for each step of one address (text only, no judgement) ----

function stepText(a, step) {
  switch (step) {
    case 'connect':
      if (!a.connect || !a.connect.attempted) return null;
      return {text: a.connect.ok ? duration(a.connect.ms) : (a.connect.error_kind || a.connect.error || ''),
              detail: a.connect.source ? fmt(M.from_source, {source: a.connect.source}) : ''};
    case 'greeting':
      if (!a.banner || (!a.banner.received && !a.banner.error)) return null;
      if (!a.banner.received) return {text: a.banner.error};
      return {text: a.banner.code + ' · ' + duration(a.banner.ms), detail: a.banner.text};
    case 'ehlo':
      if (!a.ehlo || !a.ehlo.sent) return null;
      if (a.ehlo.error) return {text: a.ehlo.error};
      return {text: (a.ehlo.command === 'HELO' ? 'HELO ' : '') + a.ehlo.code, detail: Object.keys(a.ehlo.extensions || {}).join(' ')};
    case 'starttls': {
      const t = a.starttls || {};
      if (!t.attempted) return a.ehlo && a.ehlo.sent && !t.offered ? {text: M.not_offered} : null;
      if (!t.ok) return {text: t.error || String(t.code)};
      return {text: t.version, detail: [t.cipher, t.key_exchange].filter(Boolean).join(' ')};
    }
    case 'certificate': {
      const c = a.certificate || {};
      if (!c.present) return null;
      return {text: daysText(c.days_left), detail: c.verify_error};
    }
    case 'dane': {
      const d = a.dane || {};
      return d.checked ? {text: d.matched ? 'TLSA' : (d.error || ''), detail: d.error} : null;
    }
    case 'relay': {
      const r = a.relay || {};
      const last = (r.attempts || [])[r.attempts ? r.attempts.length - 1 : 0];
      if (!last) return r.skipped_reason ? {text: '', detail: r.skipped_reason} : null;
      const code = last.code || last.mail_code;
      return {text: code ? String(code) : '', detail: (last.variant || '') + ': ' + (last.code ? last.text : last.mail_text)};
    }
    case 'vrfy_expn': {
      const sent = [a.vrfy, a.expn].filter((c) => c && c.sent);
      return sent.length ? {text: sent.map((c) => c.code).join(' / '), detail: sent.map((c) => c.command + ': ' + c.text).join('; ')} : null;
    }
    case 'mta_sts':
      return null;
    case 'dns': {
      const r = a.reverse_dns || {};
      if (!r.looked_up) return null;
      return {text: (r.names || []).join(', ') || r.error || ''};
    }
  }
  return null;
}

// The mark of a step: the judge's status when the report has arrived, else pending / seen.
function statusOf(a, step, judged) {
  if (judged) return (a.status && a.status[step]) || 'not_tested';
  return stepText(a, step) ? 'seen' : 'pending';
}

function worse(a, b) { return (RANK[a] || 0) >= (RANK[b] || 0) ? a : b; }

// The judge's finding that gave a step its status at a place (mx, ip: '' for the MX or domain);
// for an address without one of its own, the MX's finding for that step, then the domain's.
function findingFor(report, mx, ip, step, state) {
  const at = (m, i) => {
    let best = null;
    for (const f of (report && report.findings) || []) {
      if ((f.mx || '') !== m || (f.ip || '') !== i || f.step !== step || f.status === 'ok') continue;
      if (f.status === state) return f;
      if (!best || RANK[f.status] > RANK[best.status]) best = f;
    }
    return best;
  };
  return at(mx, ip) || (ip ? at(mx, '') : null) || (mx ? at('', '') : null);
}

// One chip: the mark, the step's name, what it found (the problem in words when not ok), and
// the status as text for screen readers (the mark itself is hidden from them).
function chip(step, state, text, title) {
  const item = el('li', {class: 'step ' + state, 'data-step': step, 'data-state': state},
                  el('span', {class: 'mark', 'aria-hidden': 'true', text: MARKS[state] || ''}),
                  el('span', {class: 'step-name', text: M['step_' + step] || step}),
                  el('span', {class: 'step-text', text: text || ''}),
                  el('span', {class: 'sr-only', text: ' (' + (M['status_' + state] || state) + ')'}));
  if (title) item.title = title;
  return item;
}

function isProblem(state) { return state !== 'ok' && state !== 'not_tested' && state !== 'pending' && state !== 'seen'; }

function renderSteps(row, mx, a, judged) {
  const list = row.querySelector('.steps');
  const reasons = row.querySelector('.reasons');
  list.replaceChildren();
  reasons.replaceChildren();
  if (a.allowed === false) {
    list.append(el('li', {class: 'step refused'}, fmt(M.refused, {range: a.special_range})));
  }
  for (const step of STEPS) {
    const state = statusOf(a, step, judged);
    const found = stepText(a, step);
    const problem = judged && isProblem(state) ? findingFor(current && current.report, mx.host, a.ip, step, state) : null;
    let text = found ? found.text : (state === 'not_tested' ? M.status_not_tested : (judged ? '' : M.pending));
    if (problem) text = problem.title;
    const item = chip(step, state, text, found && found.detail ? found.detail : '');
    // The vantage point of the session (the local address mxray connected from) is shown, not
    // only in the tooltip: a reader compares it with the server's firewall and logs.
    if (step === 'connect' && found && found.detail) item.append(el('span', {class: 'step-detail', text: found.detail}));
    list.append(item);
    // The reason, as text beside the chips, for every step that is not ok.
    if (judged && isProblem(state)) {
      const why = problem ? [problem.detail, found && found.text !== problem.title ? found.text : ''].filter(Boolean).join(' · ')
                          : (found && found.text) || '';
      reasons.append(el('li', {class: 'reason ' + state, 'data-step': step},
                        el('span', {class: 'mark', 'aria-hidden': 'true', text: MARKS[state] + ' '}),
                        el('span', {class: 'reason-step', text: (M['step_' + step] || step) + ': '}),
                        el('span', {class: 'reason-text', text: problem ? problem.title : (M['status_' + state] || state)}),
                        why ? el('span', {class: 'reason-detail', text: ' — ' + why}) : null));
    }
  }
  reasons.hidden = reasons.children.length === 0;
}

// The compact per-step timing waterfall of one session, when the evidence has times.
// One bar per timed step, placed where it started: sessions that ran side by side overlap.
function timelineList(steps) {
  const from = Math.min(...steps.map((t) => t.start_ms));
  const to = Math.max(...steps.map((t) => t.start_ms + t.ms));
  const total = to - from;
  if (!(total > 0)) return null;
  const list = el('ol', {'aria-label': M.timings});
  for (const t of steps) {
    const b = el('span', {class: 'bar' + (t.ok === false ? ' failed' : '')});
    b.style.left = (100 * (t.start_ms - from) / total).toFixed(2) + '%';
    b.style.width = Math.max(0.5, 100 * t.ms / total).toFixed(2) + '%';
    const name = fmt(M.timeline_step, {session: M['session_' + t.session] || t.session, step: M['tl_' + t.step] || t.step});
    list.append(el('li', {}, el('span', {class: 'bar-name', text: name}), el('span', {class: 'bar-track', 'aria-hidden': 'true'}, b),
                   el('span', {class: 'bar-time', text: duration(t.ms)})));
  }
  return {list, total};
}

function renderWaterfall(row, a) {
  const old = row.querySelector('.waterfall');
  if (old) old.remove();
  if (Array.isArray(a.timeline) && a.timeline.length > 0) {
    const w = timelineList(a.timeline);
    if (w) row.append(el('details', {class: 'waterfall'}, el('summary', {text: fmt(M.timings_total, {time: duration(w.total)})}), w.list));
    return;
  }
  const parts = [['connect', a.connect], ['greeting', a.banner], ['ehlo', a.ehlo], ['starttls', a.starttls], ['ehlo_tls', a.ehlo_tls]]
    .filter(([, e]) => e && typeof e.ms === 'number');
  if (parts.length === 0) return;
  const sum = parts.reduce((t, [, e]) => t + e.ms, 0);
  const total = Math.max(sum, typeof a.duration_ms === 'number' ? a.duration_ms : 0);
  if (!(total > 0)) return;
  const list = el('ol', {'aria-label': M.timings});
  let start = 0;
  const bar = (name, from, ms) => {
    const b = el('span', {class: 'bar'});
    b.style.left = (100 * from / total).toFixed(2) + '%';
    b.style.width = (100 * ms / total).toFixed(2) + '%';
    list.append(el('li', {}, el('span', {class: 'bar-name', text: name}), el('span', {class: 'bar-track', 'aria-hidden': 'true'}, b),
                   el('span', {class: 'bar-time', text: duration(ms)})));
  };
  for (const [step, e] of parts) {
    bar(step === 'ehlo_tls' ? M.step_ehlo + ' (TLS)' : (M['step_' + step] || step), start, e.ms);
    start += e.ms;
  }
  if (total - sum >= 1) bar(M.rest_of_session, start, total - sum);
  row.append(el('details', {class: 'waterfall'}, el('summary', {text: fmt(M.timings_total, {time: duration(total)})}), list));
}

function renderCertificate(row, a) {
  const c = a.certificate || {};
  if (!c.present || row.querySelector('details.cert')) return;
  const leaf = c.chain[0] || {};
  const dl = el('dl');
  const add = (label, value) => { dl.append(el('dt', {text: label}), el('dd', {text: value})); };
  add(M.subject, leaf.subject);
  add(M.issuer, leaf.issuer);
  add(M.names, (leaf.san || []).join(', '));
  add(M.expires, leaf.not_after + ' (' + daysText(c.days_left) + ')');
  add(M.key, [leaf.key_type, leaf.key_bits ? leaf.key_bits + ' bits' : '', leaf.key_curve].filter(Boolean).join(' '));
  add(M.signature, leaf.signature_algorithm);
  add(M.trusted, (c.trusted ? M.yes : M.no) + (c.verify_error && c.verify_error !== 'ok' ? ' (' + c.verify_error + ')' : ''));
  add(M.name_match, c.hostname_match ? M.yes + ' (' + c.matched_name + ')' : M.no);
  const chain = el('ol', {class: 'chain'});
  for (const cert of c.chain) chain.append(el('li', {text: cert.subject + '  ←  ' + cert.issuer}));
  dl.append(el('dt', {text: M.chain}), el('dd', {}, chain));
  row.append(el('details', {class: 'cert'}, el('summary', {text: M.cert_details}), dl));
}

function familyOf(a) {
  if (a.family === 'ipv6' || (!a.family && String(a.ip).includes(':'))) return 'IPv6';
  return 'IPv4';
}

function renderMx(evidence) {
  const list = $('mx-list');
  list.replaceChildren();
  const hosts = evidence.mx || [];
  if (hosts.length === 0) list.append(el('p', {class: 'empty', text: M.no_mx}));
  hosts.forEach((mx, m) => {
    const card = el('article', {class: 'mx-card', id: 'mx-' + m, 'aria-labelledby': 'mx-' + m + '-name'},
                    el('h3', {id: 'mx-' + m + '-name'}, el('span', {class: 'host', text: mx.host}), ' ',
                       el('span', {class: 'pref', text: fmt(M.preference, {n: mx.preference})})),
                    el('p', {class: 'mx-meta', text: fmt(M.dnssec, {state: mx.dnssec || '?'}) +
                                                  (mx.address_error ? ' · ' + mx.address_error : '')}));
    const rows = el('ul', {class: 'addresses'});
    (mx.addresses || []).forEach((a, i) => {
      const row = el('li', {class: 'address', id: 'addr-' + m + '-' + i, 'data-family': familyOf(a).toLowerCase()},
                     el('p', {class: 'ip'}, el('span', {class: 'family', text: familyOf(a)}), el('span', {class: 'ip-text', text: a.ip}),
                        el('span', {class: 'address-waiting'})),
                     el('ul', {class: 'steps'}), el('ul', {class: 'reasons'}));
      renderSteps(row, mx, a, false);
      rows.append(row);
    });
    card.append(rows);
    list.append(card);
  });
}

function updateAddress(m, i, a, judged, step) {
  const row = $('addr-' + m + '-' + i);
  if (!row) return;
  const mx = (current.report || current.mx || {mx: []}).mx[m] || {host: ''};
  renderSteps(row, mx, a, judged);
  renderCertificate(row, a);
  if (judged) renderWaterfall(row, a);
  const waiting = row.querySelector('.address-waiting');
  if (judged || step === 'done') {
    waiting.textContent = '';
  } else if (step !== undefined) {
    let next = NEXT_STEP[step];
    if (step === 'ehlo' && a.starttls && !a.starttls.offered) next = 'relay';
    waiting.textContent = next ? fmt(M.waiting_for, {step: M['step_' + next] || next}) : '';
  }
  if (a.verdict) row.dataset.verdict = a.verdict;
}

// ---- findings: grouped across places, worst first, the passed ones collapsed ----

function groupFindings(findings) {
  const groups = new Map();
  for (const f of findings) {
    const key = [f.id, f.status, f.severity, f.title, f.explanation, f.fix].join('\u0000');
    if (!groups.has(key)) groups.set(key, {f, places: []});
    groups.get(key).places.push({mx: f.mx || '', ip: f.ip || '', detail: f.detail || ''});
  }
  // Stable: within one status, the judge's order.
  return [...groups.values()].sort((a, b) => RANK[b.f.status] - RANK[a.f.status]);
}

function placesText(places) {
  const byMx = new Map();
  for (const p of places) {
    if (!byMx.has(p.mx)) byMx.set(p.mx, []);
    if (p.ip && !byMx.get(p.mx).includes(p.ip)) byMx.get(p.mx).push(p.ip);
  }
  // The addresses in the report's order (the probes finish in any order).
  const order = [];
  for (const mx of (current && current.report && current.report.mx) || []) for (const a of mx.addresses || []) order.push(a.ip);
  const rank = (ip) => (order.includes(ip) ? order.indexOf(ip) : order.length);
  const parts = [];
  for (const [mx, ips] of byMx) ips.sort((x, y) => rank(x) - rank(y));
  for (const [mx, ips] of byMx) parts.push(!mx ? M.whole_domain : (ips.length ? mx + ' ' + fmt(M.on_places, {places: listOf(ips)}) : mx));
  return parts.join('; ');
}

function categoryOfFinding(f) {
  if (!f.step) return 'reachability';
  if (f.step === 'dns') return f.ip ? 'reverse_dns' : 'dnssec';
  const c = CATEGORIES.find((cat) => (cat.address || []).includes(f.step) || (cat.mx || []).includes(f.step) ||
                                     (cat.domain || []).includes(f.step));
  return c ? c.id : 'reachability';
}

function renderFinding(group, index) {
  const f = group.f;
  // The colour is the judge's status for the finding; the badge names the catalogue severity.
  const item = el('li', {class: 'finding status-' + f.status, id: 'finding-' + index, 'data-id': f.id,
                         'data-severity': f.severity, 'data-status': f.status, 'data-places': String(group.places.length),
                         'data-category': categoryOfFinding(f)},
                  el('p', {class: 'finding-head'},
                     el('span', {class: 'mark', 'aria-hidden': 'true', text: MARKS[f.status] || ''}), ' ',
                     el('span', {class: 'badge', text: M['severity_' + f.severity] || f.severity}), ' ',
                     el('strong', {class: 'finding-title', text: f.title}), ' ',
                     el('span', {class: 'where', text: placesText(group.places)})));
  const details = group.places.filter((p) => p.detail);
  const distinct = [...new Set(details.map((p) => p.detail))];
  if (distinct.length === 1) {
    item.append(el('p', {class: 'detail', text: distinct[0]}));
  } else if (distinct.length > 1) {
    const list = el('ul', {class: 'details'});
    for (const p of details) list.append(el('li', {class: 'detail', text: (p.ip || p.mx) + ': ' + p.detail}));
    item.append(list);
  }
  // Advice only where it is not already followed.
  if (f.status !== 'ok') {
    if (f.explanation) item.append(el('p', {class: 'why'}, el('span', {class: 'label', text: M.why + ': '}), f.explanation));
    if (f.fix) item.append(el('p', {class: 'fix'}, el('span', {class: 'label', text: M.fix + ': '}), f.fix));
  }
  return item;
}

function renderFindings(findings) {
  const groups = groupFindings(findings);
  const open = groups.filter((g) => g.f.status !== 'ok');
  const passed = groups.filter((g) => g.f.status === 'ok');
  $('findings').replaceChildren(...open.map((g, i) => renderFinding(g, i)));
  $('passed-findings').replaceChildren(...passed.map((g, i) => renderFinding(g, open.length + i)));
  $('passed-summary').textContent = fmt(M.passed_count, {n: number(passed.length, 0)});
  $('passed').hidden = passed.length === 0;
  $('findings').hidden = open.length === 0;
  $('findings-section').hidden = groups.length === 0;
  return groups;
}

// ---- the summary: the verdict, one line per category, where and when ----

function categoryStatus(report, cat) {
  let state = null;
  const take = (s) => { if (s) state = state ? worse(state, s) : s; };
  for (const step of cat.domain || []) take(report.status && report.status[step]);
  for (const mx of report.mx || []) {
    for (const step of cat.mx || []) take(mx.status && mx.status[step]);
    for (const a of mx.addresses || []) for (const step of cat.address || []) take(a.status && a.status[step]);
  }
  return state;
}

function renderSummary(report, groups) {
  const summary = $('summary');
  const verdict = $('verdict');
  verdict.className = 'verdict verdict-' + report.verdict;
  verdict.textContent = M['verdict_' + report.verdict] || report.verdict;
  $('report-error').textContent = report.error || '';
  $('report-error').hidden = !report.error;
  const list = $('categories');
  list.replaceChildren();
  if (report.verdict !== 'error') {
    for (const cat of CATEGORIES) {
      const state = categoryStatus(report, cat);
      if (!state && cat.optional) continue;
      const s = state || 'not_tested';
      const mine = groups.map((g, i) => [g, i]).filter(([g]) => g.f.status !== 'ok' && categoryOfFinding(g.f) === cat.id);
      const target = mine.length ? '#finding-' + mine[0][1] : '#mx-section';
      const words = (M['status_' + s] || s) + (mine.length ? ' · ' + fmt(M.category_findings, {n: number(mine.length, 0)}) : '');
      list.append(el('li', {class: 'category ' + s, 'data-category': cat.id, 'data-state': s, 'data-count': String(mine.length)},
                     el('a', {href: target},
                        el('span', {class: 'mark', 'aria-hidden': 'true', text: MARKS[s]}),
                        el('span', {class: 'category-name', text: M[cat.label] || cat.id}),
                        el('span', {class: 'category-state', text: words}))));
    }
  }
  const meta = $('report-meta');
  meta.replaceChildren();
  const add = (cls, label, value) => { if (value) meta.append(el('dt', {text: label}), el('dd', {class: cls, text: value})); };
  add('meta-domain', M.domain_label, report.domain || report.input);
  add('meta-checked', M.checked_at, report.checked_at ? dateTime(report.checked_at) : '');
  if (report.judged_at) add('judged-at', M.as_of, fmt(M.judged_at, {time: dateTime(report.judged_at)}));
  const v = report.vantage;
  const sources = [];
  for (const mx of report.mx || []) for (const a of mx.addresses || []) {
    if (a.connect && a.connect.source && !sources.includes(a.connect.source)) sources.push(a.connect.source);
  }
  if (v && (v.ehlo_name || (v.resolvers || []).length || v.trust_anchor)) {
    add('vantage', M.checked_from, (sources.length ? listOf(sources) + ' · ' : '') +
        fmt(M.vantage, {ehlo: v.ehlo_name || '-', resolvers: (v.resolvers || []).join(', ') || '-', anchor: v.trust_anchor || '-'}));
  }
  if (typeof report.duration_ms === 'number') add('total', M.took, duration(report.duration_ms));
  if (report.target && report.target.mx_lookup === false) {
    add('direct-target', M.target_kind, M['direct_' + report.target.kind] || report.target.kind);
  }
  summary.dataset.verdict = report.verdict;
  summary.hidden = false;
  renderCheckTimeline(summary, report);
}

// The whole check on one time axis: the domain's DNS and policy fetch, then every address's
// sessions (each address once, however many MX names share it).
function renderCheckTimeline(summary, report) {
  const old = summary.querySelector('.check-timeline');
  if (old) old.remove();
  const steps = (report.timeline || []).map((t) => ({...t}));
  const seen = new Set();
  for (const mx of report.mx || []) for (const a of mx.addresses || []) {
    if (seen.has(a.ip) || a.evidence_from) continue;
    seen.add(a.ip);
    for (const t of a.timeline || []) steps.push({...t, session: t.session, where: a.ip});
  }
  if (steps.length === 0) return;
  steps.sort((x, y) => x.start_ms - y.start_ms);
  const w = timelineList(steps);
  if (!w) return;
  w.list.querySelectorAll('li').forEach((li, i) => {
    if (steps[i].where) li.querySelector('.bar-name').prepend(el('span', {class: 'bar-where', text: steps[i].where + ' '}));
  });
  summary.append(el('details', {class: 'waterfall check-timeline'}, el('summary', {text: M.timeline_domain + ' · ' + duration(w.total)}), w.list));
}

// The judge's statuses of an MX (dns, dane, mta_sts) as chips, with the problem in words.
function mxChips(report, mx) {
  const list = el('ul', {class: 'mx-steps'});
  for (const step of ['dns', 'dane', 'mta_sts']) {
    const state = (mx.status && mx.status[step]) || 'not_tested';
    const problem = isProblem(state) ? findingFor(report, mx.host, '', step, state) : null;
    list.append(chip(step, state, problem ? problem.title : (state === 'not_tested' ? M.status_not_tested : M['status_' + state]),
                     problem ? problem.detail : ''));
  }
  return list;
}

// The submission services (--submission): each host:port with the judge's status, and what
// each address showed (TLS, AUTH before / inside TLS, the relay reply); the marks are the judge's.
// How a submission service was found (evidence field found_by), as the terminal says it.
const FOUND_BY = {srv: 'SRV', mx: 'MX'};

function renderSubmission(report) {
  const section = $('submission-section');
  const sub = report.submission;
  section.replaceChildren();
  if (!sub || !sub.checked) { section.hidden = true; return; }
  section.append(el('h2', {text: M.submission_heading}));
  const srv = [];
  for (const l of [sub.submissions, sub.submission]) {
    if (!l) continue;
    const records = (l.records || []).map((r) => r.priority + ' ' + r.weight + ' ' + r.port + ' ' + r.target).join(', ');
    srv.push('SRV ' + l.name + ': ' + (records || l.error || '–'));
  }
  for (const line of srv) section.append(el('p', {class: 'srv', text: line}));
  if ((sub.tried || []).length) section.append(el('p', {class: 'tried', text: fmt(M.submission_tried, {places: sub.tried.join(', ')})}));
  const list = el('ul', {class: 'submission-services'});
  for (const s of sub.services || []) {
    const state = s.status || 'not_tested';
    const item = el('li', {class: 'service ' + state, 'data-service': s.host + ':' + s.port, 'data-state': state},
                    el('span', {class: 'mark', 'aria-hidden': 'true', text: MARKS[state]}),
                    el('span', {class: 'sr-only', text: (M['status_' + state] || state) + ': '}), ' ',
                    el('strong', {text: s.host + ':' + s.port}), ' ',
                    el('span', {class: 'mode', text: fmt(M.submission_mode, {mode: s.mode === 'implicit_tls' ? M.implicit_tls : 'STARTTLS',
                                                                             source: FOUND_BY[s.found_by] || M.usual_name})}));
    if (s.dane && s.dane.looked_up && (s.dane.records || []).length) {
      item.append(el('p', {class: 'tlsa', text: s.dane.tlsa_name + ': ' + fmt(M.tlsa_records, {count: s.dane.records.length}) +
                                             (s.dane.dnssec ? ' (DNSSEC ' + s.dane.dnssec + ')' : '')}));
    }
    const addresses = el('ul', {class: 'service-addresses'});
    for (const a of s.addresses || []) {
      const parts = [];
      if (!a.connect || !a.connect.ok) parts.push((a.connect && a.connect.error) || a.special_range || '–');
      else {
        parts.push(a.tls && a.tls.ok ? a.tls.version + ' ' + a.tls.cipher : ((a.tls && a.tls.error) || M.no_tls));
        if (a.dane && a.dane.checked) parts.push(a.dane.matched ? M.dane_matched : M.dane_no_match);
        const legacy = Object.entries((a.tls && a.tls.legacy_versions) || {}).filter(([, o]) => o === 'accepted').map(([v]) => v);
        if (legacy.length) parts.push(fmt(M.legacy_also_accepted, {versions: legacy.join(', ')}));
        const before = a.ehlo && a.ehlo.extensions && a.ehlo.extensions.AUTH;
        const inside = a.ehlo_tls && a.ehlo_tls.extensions && a.ehlo_tls.extensions.AUTH;
        if (before) parts.push(fmt(M.auth_before_tls, {m: before}));
        if (inside) parts.push(fmt(M.auth_in_tls, {m: inside}));
        const r = a.relay && (a.relay.attempts || [])[0];
        if (r) parts.push(fmt(M.relay_without_auth, {code: r.code || r.mail_code}));
      }
      addresses.append(el('li', {text: a.ip + ': ' + parts.join(', ')}));
    }
    item.append(addresses);
    list.append(item);
  }
  if (!(sub.services || []).length) list.append(el('li', {class: 'service none', text: M.submission_none}));
  section.append(list);
  section.hidden = false;
}

function renderReport(report) {
  current.report = report;
  renderMx(report);
  (report.mx || []).forEach((mx, m) => {
    const card = $('mx-' + m);
    if (card && mx.verdict) {
      card.dataset.verdict = mx.verdict;
      card.querySelector('h3').append(' ', el('span', {class: 'verdict-badge verdict-' + mx.verdict, text: M['short_' + mx.verdict] || mx.verdict}));
    }
    if (card && mx.status) card.querySelector('.mx-meta').after(mxChips(report, mx));
    (mx.addresses || []).forEach((a, i) => updateAddress(m, i, a, true));
  });
  $('mx-section').hidden = report.verdict === 'error' && !(report.mx || []).length;
  const groups = renderFindings(report.findings || []);
  renderSubmission(report);
  renderSummary(report, groups);
  $('results').hidden = false;
  $('actions').hidden = false;
}

function showError(message) {
  $('status').textContent = fmt(M.error, {message});
  $('status').classList.add('error');
}

// ---- the waiting state ----

function startWaiting(mine) {
  $('waiting').hidden = false;
  const tick = () => { $('elapsed').textContent = fmt(M.elapsed, {time: duration(Date.now() - mine.started)}); };
  tick();
  mine.timer = setInterval(tick, 200);
}

function stopWaiting(mine) {
  if (mine.timer) clearInterval(mine.timer);
  mine.timer = null;
  if (current === mine) {
    $('waiting').hidden = true;
    $('results').setAttribute('aria-busy', 'false');
    $('check').disabled = false;
    for (const w of document.querySelectorAll('.address-waiting')) w.textContent = '';
  }
}

function cancelCheck() {
  const mine = current;
  if (!mine || !mine.controller || mine.report) return;
  mine.cancelled = true;
  mine.controller.abort();  // the server notices the closed stream and stops the check
  stopWaiting(mine);
  $('status').classList.remove('error');
  $('status').textContent = fmt(M.cancelled, {domain: mine.domain});
  $('domain').focus();
}

// ---- the event stream ----

function handleEvent(name, data) {
  if (name === 'mx') {
    current.mx = data;
    renderMx(data);
    $('results').hidden = false;
    for (const w of document.querySelectorAll('.address-waiting')) w.textContent = fmt(M.waiting_for, {step: M.step_connect});
  } else if (name === 'address') {
    updateAddress(data.mx, data.address, data.evidence, false, data.step);  // marks wait for the judge (the report)
  } else if (name === 'report') {
    renderReport(data);
    $('status').textContent = M.check_done;
  } else if (name === 'error') {
    if (data.report) {
      renderReport(data.report);  // the error is shown once, in the summary
      $('status').textContent = M.check_done;
    } else {
      showError(data.error);
    }
  }
}

async function runCheck(domain) {
  if (current && current.controller) current.controller.abort();
  if (current) stopWaiting(current);
  current = {domain, controller: new AbortController(), report: null, started: Date.now(), lang};
  const mine = current;
  for (const id of ['mx-list', 'findings', 'passed-findings', 'submission-section', 'categories', 'report-meta']) $(id).replaceChildren();
  for (const id of ['submission-section', 'summary', 'findings-section', 'actions', 'results']) $(id).hidden = true;
  $('mx-section').hidden = false;
  $('copy-status').textContent = '';
  $('status').classList.remove('error');
  $('status').textContent = fmt(M.checking, {domain});
  $('results').setAttribute('aria-busy', 'true');
  $('check').disabled = true;
  setUrl(domain);
  startWaiting(mine);
  try {
    const url = '/api/v1/check/stream?domain=' + encodeURIComponent(domain) + '&lang=' + encodeURIComponent(lang) +
                (atValue() ? '&at=' + encodeURIComponent(atValue()) : '') + (submissionWanted() ? '&submission=1' : '');
    const res = await fetch(url, {signal: mine.controller.signal, headers: {Accept: 'text/event-stream'}});
    if (!res.ok) {
      let message = res.status + ' ' + res.statusText;
      try { message = (await res.json()).error; } catch (e) { /* keep the status line */ }
      if (current === mine) showError(message);
      return;
    }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const {value, done} = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, {stream: true});
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        let data = '';
        for (const line of block.split('\n')) {  // lines starting with ':' are keep-alive comments
          if (line.startsWith('event: ')) name = line.slice(7);
          else if (line.startsWith('data: ')) data += line.slice(6);
        }
        if (current === mine && data) handleEvent(name, JSON.parse(data));
      }
    }
    if (current === mine && !mine.report && !$('status').classList.contains('error')) showError(M.connection_lost);
  } catch (e) {
    if (e.name !== 'AbortError' && current === mine) showError(M.connection_lost);
  } finally {
    stopWaiting(mine);
  }
}

// ---- the report as plain text (copy button) ----

function reportText(report) {
  const lines = ['mxray ' + report.domain + '  ' + (M['verdict_' + report.verdict] || report.verdict), report.checked_at || ''];
  if (report.error) lines.push(report.error);
  for (const mx of report.mx || []) {
    lines.push('', 'MX ' + mx.preference + ' ' + mx.host + '  ' + (mx.verdict || ''));
    for (const a of mx.addresses || []) {
      lines.push('  ' + familyOf(a) + ' ' + a.ip + '  ' + (a.verdict || ''));
      if (a.allowed === false) { lines.push('    ' + fmt(M.refused, {range: a.special_range})); continue; }
      for (const step of STEPS) {
        const state = statusOf(a, step, true);
        const s = stepText(a, step) || {};
        lines.push('    ' + MARKS[state] + ' ' + (M['step_' + step] || step) + '  ' + (s.text || '') + (s.detail ? '  ' + s.detail : ''));
      }
    }
  }
  lines.push('', M.findings);
  for (const g of groupFindings(report.findings || [])) {
    const f = g.f;
    lines.push('  ' + MARKS[f.status] + ' [' + (M['severity_' + f.severity] || f.severity) + '] ' + f.title + '  (' + placesText(g.places) + ')');
    for (const d of [...new Set(g.places.map((p) => p.detail).filter(Boolean))]) lines.push('      ' + d);
    if (f.status !== 'ok') {
      if (f.explanation) lines.push('      ' + M.why + ': ' + f.explanation);
      if (f.fix) lines.push('      ' + M.fix + ': ' + f.fix);
    }
  }
  if (typeof report.duration_ms === 'number') lines.push('', M.took + ': ' + duration(report.duration_ms));
  return lines.join('\n') + '\n';
}

async function copyReport() {
  if (!current || !current.report) return;
  const text = reportText(current.report);
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {
    // Without the clipboard API (plain http on a non-local host): a selected text area.
    const area = el('textarea', {class: 'copy-area', readonly: ''});
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  $('copy-status').textContent = M.copied;
  $('status').textContent = M.copied;
}

// ---- start ----

function submitCheck(e) {
  e.preventDefault();
  const input = $('domain');
  const domain = input.value.trim();
  const error = $('domain-error');
  if (!domain) {
    // An empty submit says why nothing happens (WCAG 3.3.1), next to the field.
    error.textContent = M.empty_domain;
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  error.hidden = true;
  input.removeAttribute('aria-invalid');
  runCheck(domain);
}

// A new language relabels the page; a check runs only when asked (the Check button).
async function changeLanguage() {
  await loadMessages($('lang').value);
  setUrl(current && current.domain ? current.domain : '');
  if (current && current.report) {
    renderReport(current.report);
    if (current.lang !== lang) $('status').textContent = M.language_rerun;
  }
  if ($('domain-error').textContent && !$('domain-error').hidden) $('domain-error').textContent = M.empty_domain;
}

document.addEventListener('DOMContentLoaded', async () => {
  const params = new URLSearchParams(location.search);
  // The server wrote the page and its messages in the negotiated language already.
  const inline = $('ui-messages');
  if (inline) applyMessages(JSON.parse(inline.textContent));
  else await loadMessages(params.get('lang') || '');
  $('check-form').addEventListener('submit', submitCheck);
  $('lang').addEventListener('change', changeLanguage);
  $('cancel').addEventListener('click', cancelCheck);
  $('copy').addEventListener('click', copyReport);
  $('print').addEventListener('click', () => window.print());
  window.addEventListener('beforeprint', () => {
    for (const d of document.querySelectorAll('details')) d.open = true;
  });
  const domain = params.get('domain');
  if (params.get('at')) $('at').value = params.get('at');
  if (params.get('submission') === '1') $('submission').checked = true;
  if (domain) {
    $('domain').value = domain;
    runCheck(domain);
  }
});
