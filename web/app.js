// mxray web page: runs a check through GET /api/v1/check/stream (server-sent events read
// with fetch, so errors keep their status and JSON body) and shows it as it arrives.
// Every string from the server is inserted with textContent, never as HTML.
'use strict';

// The steps of one address, as the judge names them in the report's `status` objects.
const STEPS = ['connect', 'greeting', 'ehlo', 'starttls', 'certificate', 'dane', 'relay', 'vrfy_expn', 'mta_sts', 'dns'];
// The only mapping from a status to a mark (the terminal uses the same, report/marks.hpp).
// `pending` and `seen` are the page's own states while the judge has not spoken yet.
const MARKS = {ok: '✓', info: 'i', warning: '!', critical: '✗', inconclusive: '?', not_tested: '-', pending: '…', seen: '·'};

let M = {};          // the page's labels in the current language (from /api/v1/messages)
let lang = 'en';
let current = null;  // {domain, controller, report, mx, started}

const $ = (id) => document.getElementById(id);

function fmt(template, values) {
  return String(template || '').replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
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

async function loadMessages(wanted) {
  const url = '/api/v1/messages' + (wanted ? '?lang=' + encodeURIComponent(wanted) : '');
  const res = await fetch(url);
  const body = await res.json();
  M = body.messages;
  lang = body.lang;
  document.documentElement.lang = lang;
  $('lang').value = lang;
  for (const node of document.querySelectorAll('[data-msg]')) node.textContent = M[node.dataset.msg] || node.textContent;
  document.title = M.title;
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

// ---- each step of one address: its text from the evidence, its mark from the judge ----

function ms(v) { return typeof v === 'number' ? ' ' + v.toFixed(1) + ' ms' : ''; }

// What the evidence shows for a step, as text, or null when the step has no evidence yet.
// No judgement here: the mark comes from the report's `status` (statusOf below).
function stepText(a, step) {
  switch (step) {
    case 'connect':
      if (!a.connect || !a.connect.attempted) return null;
      return {text: a.connect.ok ? ms(a.connect.ms).trim() : (a.connect.error_kind || a.connect.error || ''),
              detail: a.connect.source ? fmt(M.from_source, {source: a.connect.source}) : ''};
    case 'greeting':
      if (!a.banner || (!a.banner.received && !a.banner.error)) return null;
      if (!a.banner.received) return {text: a.banner.error};
      return {text: String(a.banner.code), detail: a.banner.text};
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
      const days = c.days_left < 0 ? fmt(M.expired_ago, {days: -c.days_left}) : fmt(M.days_left, {days: c.days_left});
      return {text: days, detail: c.verify_error};
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

function renderSteps(row, a, judged) {
  const list = row.querySelector('.steps');
  list.replaceChildren();
  if (a.allowed === false) {
    list.append(el('li', {class: 'step refused'}, fmt(M.refused, {range: a.special_range})));
  }
  for (const step of STEPS) {
    const state = statusOf(a, step, judged);
    const s = stepText(a, step) || {text: state === 'not_tested' ? M.status_not_tested : M.pending};
    const item = el('li', {class: 'step ' + state, 'data-step': step, 'data-state': state},
                    el('span', {class: 'mark', 'aria-hidden': 'true', text: MARKS[state]}),
                    el('span', {class: 'step-name', text: M['step_' + step] || step}),
                    el('span', {class: 'step-text', text: s.text || ''}));
    // The vantage point of the session (the local address mxray connected from) is shown, not
    // only in the tooltip: a reader compares it with the server's firewall and logs.
    if (step === 'connect' && s.detail) item.append(el('span', {class: 'step-detail', text: ' ' + s.detail}));
    item.title = (M['status_' + state] || state) + (s.detail ? ' — ' + s.detail : '');
    list.append(item);
  }
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
  const days = c.days_left < 0 ? fmt(M.expired_ago, {days: -c.days_left}) : fmt(M.days_left, {days: c.days_left});
  add(M.expires, leaf.not_after + ' (' + days + ')');
  add(M.key, [leaf.key_type, leaf.key_bits ? leaf.key_bits + ' bits' : '', leaf.key_curve].filter(Boolean).join(' '));
  add(M.signature, leaf.signature_algorithm);
  add(M.trusted, (c.trusted ? M.yes : M.no) + (c.verify_error && c.verify_error !== 'ok' ? ' (' + c.verify_error + ')' : ''));
  add(M.name_match, c.hostname_match ? M.yes + ' (' + c.matched_name + ')' : M.no);
  const chain = el('ol', {class: 'chain'});
  for (const cert of c.chain) chain.append(el('li', {text: cert.subject + '  ←  ' + cert.issuer}));
  dl.append(el('dt', {text: M.chain}), el('dd', {}, chain));
  row.append(el('details', {class: 'cert'}, el('summary', {text: M.cert_details}), dl));
}

function renderMx(evidence) {
  const list = $('mx-list');
  list.replaceChildren();
  const hosts = evidence.mx || [];
  if (hosts.length === 0) list.append(el('p', {class: 'empty', text: M.no_mx}));
  hosts.forEach((mx, m) => {
    const card = el('article', {class: 'mx-card', id: 'mx-' + m},
                    el('h3', {}, el('span', {class: 'host', text: mx.host}),
                       el('span', {class: 'pref', text: ' · ' + fmt(M.preference, {n: mx.preference})})),
                    el('p', {class: 'mx-meta', text: fmt(M.dnssec, {state: mx.dnssec || '?'}) +
                                                  (mx.address_error ? ' · ' + mx.address_error : '')}));
    const rows = el('ul', {class: 'addresses'});
    (mx.addresses || []).forEach((a, i) => {
      const row = el('li', {class: 'address', id: 'addr-' + m + '-' + i},
                     el('div', {class: 'ip', text: a.ip}), el('ul', {class: 'steps'}));
      renderSteps(row, a, false);
      rows.append(row);
    });
    card.append(rows);
    list.append(card);
  });
}

function updateAddress(m, i, a, judged) {
  const row = $('addr-' + m + '-' + i);
  if (!row) return;
  renderSteps(row, a, judged);
  renderCertificate(row, a);
  if (a.verdict) row.dataset.verdict = a.verdict;
}

function renderFindings(findings) {
  const list = $('findings');
  list.replaceChildren();
  for (const f of findings) {  // in the judge's order, worst first
    const where = f.mx ? f.mx + (f.ip ? ' ' + f.ip : '') : M.whole_domain;
    // The colour is the judge's status for the finding; the badge names the catalogue severity.
    const item = el('li', {class: 'finding status-' + f.status, 'data-id': f.id,
                           'data-severity': f.severity, 'data-status': f.status},
                    el('p', {class: 'finding-head'},
                       el('span', {class: 'mark', 'aria-hidden': 'true', text: MARKS[f.status] || ''}), ' ',
                       el('span', {class: 'badge', text: M['severity_' + f.severity] || f.severity}), ' ',
                       el('strong', {class: 'finding-title', text: f.title}), ' ',
                       el('span', {class: 'where', text: where})));
    if (f.detail) item.append(el('p', {class: 'detail', text: f.detail}));
    if (f.status !== 'ok') {
      if (f.explanation) item.append(el('p', {class: 'why'}, el('span', {class: 'label', text: M.why + ': '}), f.explanation));
      if (f.fix) item.append(el('p', {class: 'fix'}, el('span', {class: 'label', text: M.fix + ': '}), f.fix));
    }
    list.append(item);
  }
  $('findings-section').hidden = findings.length === 0;
}

// The judge's statuses of an MX or the domain (dns, dane, mta_sts, tls_rpt) as marked items.
function statusList(cls, statuses, steps) {
  const list = el('ul', {class: cls});
  for (const step of steps) {
    const state = (statuses && statuses[step]) || 'not_tested';
    list.append(el('li', {class: 'step ' + state, 'data-step': step, 'data-state': state, title: M['status_' + state] || state},
                   el('span', {class: 'mark', 'aria-hidden': 'true', text: MARKS[state]}),
                   el('span', {class: 'step-name', text: M['step_' + step] || step})));
  }
  return list;
}

// The submission services (--submission): each host:port with the judge's status, and what
// each address showed (TLS, AUTH before / inside TLS, the relay reply); the marks are the judge's.
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
                    el('span', {class: 'mark', 'aria-hidden': 'true', text: MARKS[state]}), ' ',
                    el('strong', {text: s.host + ':' + s.port}), ' ',
                    el('span', {class: 'mode', text: fmt(M.submission_mode, {mode: s.mode === 'implicit_tls' ? M.implicit_tls : 'STARTTLS',
                                                                             source: s.found_by})}));
    const addresses = el('ul', {class: 'service-addresses'});
    for (const a of s.addresses || []) {
      const parts = [];
      if (!a.connect || !a.connect.ok) parts.push((a.connect && a.connect.error) || a.special_range || '–');
      else {
        parts.push(a.tls && a.tls.ok ? a.tls.version + ' ' + a.tls.cipher : ((a.tls && a.tls.error) || M.no_tls));
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
      card.querySelector('h3').append(el('span', {class: 'verdict-badge verdict-' + mx.verdict, text: M['short_' + mx.verdict] || mx.verdict}));
    }
    if (card && mx.status) card.querySelector('.mx-meta').after(statusList('mx-steps', mx.status, ['dns', 'dane', 'mta_sts']));
    (mx.addresses || []).forEach((a, i) => updateAddress(m, i, a, true));
  });
  renderFindings(report.findings || []);
  renderSubmission(report);
  const summary = $('summary');
  summary.replaceChildren(el('p', {class: 'verdict verdict-' + report.verdict, text: M['verdict_' + report.verdict] || report.verdict}),
                          el('p', {class: 'total', text: fmt(M.total_time, {seconds: (report.duration_ms / 1000).toFixed(report.duration_ms < 10000 ? 2 : 1)})}));
  if (report.status) {
    const steps = ['dns', 'mta_sts', 'tls_rpt'].concat('submission' in report.status ? ['submission'] : []);
    summary.append(statusList('domain-steps', report.status, steps));
  }
  if (report.judged_at) summary.append(el('p', {class: 'judged-at', text: fmt(M.judged_at, {time: report.judged_at})}));
  if (report.target && report.target.mx_lookup === false) {
    summary.append(el('p', {class: 'direct-target', text: M['direct_' + report.target.kind] || report.target.kind}));
  }
  const v = report.vantage;
  if (v && (v.ehlo_name || (v.resolvers || []).length || v.trust_anchor)) {
    summary.append(el('p', {class: 'vantage', text: fmt(M.vantage, {ehlo: v.ehlo_name || '-', resolvers: (v.resolvers || []).join(', ') || '-',
                                                                  anchor: v.trust_anchor || '-'})}));
  }
  if (report.error) summary.append(el('p', {class: 'error', text: report.error}));
  summary.dataset.verdict = report.verdict;
  summary.hidden = false;
  $('actions').hidden = false;
}

function showError(message) {
  $('status').textContent = fmt(M.error, {message});
  $('status').classList.add('error');
}

// ---- the event stream ----

function handleEvent(name, data) {
  if (name === 'mx') {
    current.mx = data;
    renderMx(data);
  } else if (name === 'address') {
    updateAddress(data.mx, data.address, data.evidence, false);  // marks wait for the judge (the report)
  } else if (name === 'report') {
    renderReport(data);
    $('status').textContent = '';
  } else if (name === 'error') {
    showError(data.error);
    if (data.report) renderReport(data.report);
  }
}

async function runCheck(domain) {
  if (current && current.controller) current.controller.abort();
  current = {domain, controller: new AbortController(), report: null};
  const mine = current;
  for (const id of ['mx-list', 'findings', 'submission-section']) $(id).replaceChildren();
  $('submission-section').hidden = true;
  $('summary').hidden = true;
  $('findings-section').hidden = true;
  $('actions').hidden = true;
  $('status').classList.remove('error');
  $('status').textContent = fmt(M.checking, {domain});
  $('results').setAttribute('aria-busy', 'true');
  $('check').disabled = true;
  setUrl(domain);
  try {
    const url = '/api/v1/check/stream?domain=' + encodeURIComponent(domain) + '&lang=' + encodeURIComponent(lang) +
                (atValue() ? '&at=' + encodeURIComponent(atValue()) : '') + (submissionWanted() ? '&submission=1' : '');
    const res = await fetch(url, {signal: mine.controller.signal, headers: {Accept: 'text/event-stream'}});
    if (!res.ok) {
      let message = res.status + ' ' + res.statusText;
      try { message = (await res.json()).error; } catch (e) { /* keep the status line */ }
      showError(message);
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
        for (const line of block.split('\n')) {
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
    if (current === mine) {
      $('results').setAttribute('aria-busy', 'false');
      $('check').disabled = false;
    }
  }
}

// ---- the report as plain text (copy button) ----

function reportText(report) {
  const lines = ['mxray ' + report.domain + '  ' + (M['verdict_' + report.verdict] || report.verdict), report.checked_at || ''];
  for (const mx of report.mx || []) {
    lines.push('', 'MX ' + mx.preference + ' ' + mx.host + '  ' + (mx.verdict || ''));
    for (const a of mx.addresses || []) {
      lines.push('  ' + a.ip + '  ' + (a.verdict || ''));
      if (a.allowed === false) { lines.push('    ' + fmt(M.refused, {range: a.special_range})); continue; }
      for (const step of STEPS) {
        const state = statusOf(a, step, true);
        const s = stepText(a, step) || {};
        lines.push('    ' + MARKS[state] + ' ' + (M['step_' + step] || step) + '  ' + (s.text || '') + (s.detail ? '  ' + s.detail : ''));
      }
    }
  }
  lines.push('', M.findings);
  for (const f of report.findings || []) {
    lines.push('  [' + (M['severity_' + f.severity] || f.severity) + '] ' + f.title + '  (' + (f.mx ? f.mx + ' ' + f.ip : M.whole_domain) + ')');
    if (f.detail) lines.push('      ' + f.detail);
    if (f.status !== 'ok') {
      if (f.explanation) lines.push('      ' + M.why + ': ' + f.explanation);
      if (f.fix) lines.push('      ' + M.fix + ': ' + f.fix);
    }
  }
  lines.push('', fmt(M.total_time, {seconds: (report.duration_ms / 1000).toFixed(report.duration_ms < 10000 ? 2 : 1)}));
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
}

// ---- start ----

document.addEventListener('DOMContentLoaded', async () => {
  const params = new URLSearchParams(location.search);
  await loadMessages(params.get('lang') || '');
  $('check-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const domain = $('domain').value.trim();
    if (domain) runCheck(domain);
  });
  $('lang').addEventListener('change', async () => {
    await loadMessages($('lang').value);
    if (current && current.domain) runCheck(current.domain);  // findings come in the report's language
    else setUrl('');
  });
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
