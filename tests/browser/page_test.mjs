// Browser test of the mxray web page: Debian's headless Chromium driven by playwright-core,
// accessibility checked by axe-core (both from npm, package-lock.json). Starts `mxray serve`
// against the lab and checks, as a visitor would:
//   - the landing page has no stray controls; an empty submit says why;
//   - relayexpired.test (open relay on one MX, expired certificate on the other): chips state the
//     problem in words, the reason is visible as text, findings carry their fixes;
//   - for three lab domains every summary line, chip and finding equals the JSON statuses (the
//     page decides nothing); dane-mismatch.test shows a critical DANE chip on its card;
//     twomx.test's duplicate findings are merged ("on 127.0.0.30 and 127.0.0.31");
//   - the waiting state on slow.test (3 s greeting) shows the elapsed time and the step each
//     address waits on; Cancel on silent.test stops the check on the server too;
//   - the language select relabels the page without starting checks; numbers follow the language;
//   - an error report shows its error once and no "NaN"; axe-core finds no violation on the
//     landing page and three reports; screenshots at desktop and phone size.
// Exits non-zero on any failure (never skips).
// Env: MXRAY_BIN, MXRAY_LAB_DIR, MXRAY_ARTEFACTS (folder for screenshots), CHROMIUM (optional).
import {spawn} from 'node:child_process';
import {mkdtempSync, mkdirSync, readFileSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {chromium} from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const bin = process.env.MXRAY_BIN;
const labDir = process.env.MXRAY_LAB_DIR || '/tmp/mxray-lab';
const artefacts = process.env.MXRAY_ARTEFACTS || '.';
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const domain = 'relayexpired.test';
const MARKS = {ok: '✓', info: 'i', warning: '!', critical: '✗', inconclusive: '?', not_tested: '-'};
const RANK = {not_tested: 0, ok: 1, info: 2, inconclusive: 3, warning: 4, critical: 5};

function fail(message) {
  console.error('FAIL: ' + message);
  process.exitCode = 1;
  throw new Error(message);
}
function expect(condition, message) {
  if (!condition) fail(message);
  console.log('ok: ' + message);
}

function labArgs() {
  return readFileSync(join(labDir, 'mxray.args'), 'utf8').split('\n').filter(Boolean).flatMap((line) => {
    const space = line.indexOf(' ');
    return space < 0 ? [line] : [line.slice(0, space), line.slice(space + 1)];
  });
}

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--rate-limit', '120', '--domain-rate-limit', '30',
                              '--max-checks-per-client', '4', ...labArgs()], {stdio: ['ignore', 'pipe', 'inherit']});
    let out = '';
    const timer = setTimeout(() => reject(new Error('mxray serve did not start: ' + out)), 20000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve({child, url: m[1]});
      }
    });
    child.on('exit', (code) => reject(new Error('mxray serve exited with ' + code + ': ' + out)));
  });
}

// The summary's categories as the page documents them (web/app.js CATEGORIES): the highest of
// the judge's statuses of those steps, computed here from the JSON alone.
const CATEGORIES = {
  reachability: {address: ['connect', 'greeting', 'ehlo']}, tls: {address: ['starttls']},
  certificate: {address: ['certificate']}, dane: {address: ['dane'], mx: ['dane']},
  mta_sts: {address: ['mta_sts'], mx: ['mta_sts'], domain: ['mta_sts']}, tls_rpt: {domain: ['tls_rpt']},
  dnssec: {mx: ['dns'], domain: ['dns']}, relay: {address: ['relay', 'vrfy_expn']}, reverse_dns: {address: ['dns']},
};
function expectedCategory(report, cat) {
  let best = 'not_tested';
  const take = (s) => { if (s && RANK[s] > RANK[best]) best = s; };
  for (const s of cat.domain || []) take(report.status[s]);
  for (const mx of report.mx) {
    for (const s of cat.mx || []) take(mx.status[s]);
    for (const a of mx.addresses) for (const s of cat.address || []) take(a.status[s]);
  }
  return best;
}

async function axeCheck(page, what) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']}));
  const found = result.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
  expect(found.length === 0, 'axe-core: no WCAG 2.1 AA violation on ' + what + (found.length ? ': ' + found.join(' | ') : ''));
}

async function openReport(context, url, d, extra = '') {
  const page = await context.newPage();
  await page.goto(url + '?domain=' + encodeURIComponent(d) + extra);
  await page.waitForSelector('#summary:not([hidden])', {timeout: 60000});
  return page;
}

async function activeChecks(url) {
  return (await (await fetch(url + 'healthz')).json()).active_checks;
}

async function main() {
  if (!bin) fail('MXRAY_BIN is not set');
  mkdirSync(artefacts, {recursive: true});
  const shot = async (page, name) => page.screenshot({path: join(artefacts, name + '.png'), fullPage: true});
  const {child, url} = await startServer();
  const profile = mkdtempSync(join(tmpdir(), 'mxray-chromium-'));
  let context;
  try {
    // A fresh profile (--user-data-dir) per run: Playwright passes it for a persistent context.
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
             '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      locale: 'en-US',
      viewport: {width: 1100, height: 900},
    });
    const consoleErrors = [];
    const streams = [];  // every check the pages started
    const watched = new WeakSet();
    const watch = (p) => {
      if (watched.has(p)) return;
      watched.add(p);
      p.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
      p.on('pageerror', (e) => consoleErrors.push(String(e)));
      p.on('request', (r) => { if (r.url().includes('/api/v1/check/stream')) streams.push(r.url()); });
    };
    context.on('page', watch);
    const page = context.pages()[0] || await context.newPage();
    watch(page);

    // ---- the landing page: only the form, no stray controls ----
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('#check').textContent === 'Check');
    for (const id of ['copy', 'print', 'permalink', 'cancel', 'summary', 'results', 'actions']) {
      expect(!(await page.locator('#' + id).isVisible()), 'landing page: #' + id + ' is not shown');
    }
    const tabbed = [];
    await page.focus('#lang');
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      tabbed.push(await page.evaluate(() => document.activeElement.id || document.activeElement.tagName));
    }
    expect(!tabbed.some((id) => ['copy', 'print', 'permalink', 'cancel'].includes(id)), 'landing page: Tab reaches only the form: ' + tabbed.join(' '));
    const headings = await page.locator('h1, h2, h3').evaluateAll((n) => n.filter((x) => x.offsetParent).map((x) => x.tagName));
    expect(headings.join() === 'H1', 'landing page: one visible heading, the h1');
    await axeCheck(page, 'the landing page');
    await shot(page, 'landing-desktop');

    // An empty submit says why, next to the field, and starts nothing.
    await page.focus('#domain');
    await page.keyboard.press('Enter');
    expect(await page.locator('#domain-error').isVisible(), 'an empty submit shows why');
    expect((await page.locator('#domain-error').textContent()).length > 10, 'the reason is a sentence: ' + await page.locator('#domain-error').textContent());
    expect(await page.locator('#domain').getAttribute('aria-invalid') === 'true', 'the field is marked invalid');
    expect(streams.length === 0, 'an empty submit starts no check');

    // ---- relayexpired.test, typed and submitted with the keyboard ----
    await page.keyboard.type(domain);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#summary:not([hidden])', {timeout: 60000});
    expect(!(await page.locator('#domain-error').isVisible()), 'the empty-submit message goes away');
    expect(new URL(page.url()).searchParams.get('domain') === domain, 'the URL carries the domain: ' + page.url());
    expect(await page.locator('.mx-card').count() === 2, 'one card per MX');
    expect(await page.locator('.address').count() === 2, 'one row per address');
    expect(await page.locator('.address .family').first().textContent() === 'IPv4', 'addresses are labelled IPv4 / IPv6');
    const relayChip = page.locator('.steps .step[data-step=relay][data-state=critical]');
    expect(await relayChip.count() === 1, 'the open relay is marked on its row');
    const certChip = page.locator('.steps .step[data-step=certificate][data-state=warning]');
    expect(await certChip.count() === 1, 'the expired certificate is marked as the judge rates it (a warning without MTA-STS or DANE)');
    const relayFinding = page.locator('.finding[data-id="relay.open"]');
    const expiredFinding = page.locator('.finding[data-id="cert.expired"]');
    const relayTitle = await relayFinding.locator('.finding-title').textContent();
    const expiredTitle = await expiredFinding.locator('.finding-title').textContent();
    expect((await relayChip.locator('.step-text').textContent()) === relayTitle, 'the relay chip states the problem in words: ' + relayTitle);
    expect((await certChip.locator('.step-text').textContent()) === expiredTitle, 'the certificate chip states the problem: ' + expiredTitle);
    expect(/\((warning|critical)\)/.test(await certChip.locator('.sr-only').textContent()), 'the chip has its status as text for screen readers');
    const reason = page.locator('.reason[data-step=certificate]');
    expect(await reason.isVisible(), 'the reason is visible as text, not only in a tooltip');
    expect((await reason.textContent()).includes(expiredTitle), 'the reason names the finding');
    expect(await relayFinding.getAttribute('data-severity') === 'critical', 'open relay is critical');
    expect(await expiredFinding.getAttribute('data-severity') === 'warning', 'expired certificate is a warning (opportunistic TLS only)');
    expect((await relayFinding.locator('.badge').textContent()) === 'critical', 'open relay badge says critical');
    const relayFix = await relayFinding.locator('.fix').textContent();
    expect(/^Fix: .{20,}/.test(relayFix), 'open relay fix shown: ' + relayFix.slice(0, 80));
    expect(/^Fix: .{20,}/.test(await expiredFinding.locator('.fix').textContent()), 'expired certificate fix shown');
    const shownStatuses = await page.locator('#findings .finding').evaluateAll((n) => n.map((x) => x.dataset.status));
    expect(shownStatuses.every((s, i) => i === 0 || RANK[shownStatuses[i - 1]] >= RANK[s]), 'worst findings first: ' + shownStatuses.join(' '));
    expect(await page.locator('#findings .finding[data-status=ok]').count() === 0, 'ok findings are not among the problems');
    const passed = await page.locator('#passed-findings .finding').count();
    expect(passed > 0 && (await page.locator('#passed-summary').textContent()).includes(String(passed)), 'ok findings collapsed under a count (' + passed + ')');
    expect(!(await page.locator('#passed-findings').isVisible()), 'the passed checks are collapsed');
    expect(await page.locator('#passed-findings .fix').count() === 0, 'no advice for what is already right');
    expect(/^\d+(\.\d)?\u00a0(ms|s)$/.test(await page.locator('#summary .total').textContent()), 'total time shown');
    expect((await page.locator('#summary .meta-domain').textContent()) === domain, 'the summary names the domain');
    expect(await page.locator('#summary .vantage').count() === 1, 'the summary says where it was checked from');
    const order = await page.locator('h1, h2, h3').evaluateAll((n) => n.filter((x) => x.offsetParent).map((x) => Number(x.tagName[1])));
    expect(order[0] === 1 && order.every((h, i) => i === 0 || h <= order[i - 1] + 1), 'headings in order: ' + order.join(' '));
    expect(await page.locator('[aria-live]').count() === 1, 'only the progress line is a live region');
    expect(await page.locator('#summary .category').count() >= 9, 'one summary line per category');
    // Certificate details open on demand; numbers in the language's format.
    const details = page.locator('#addr-1-0 details.cert');
    expect(await details.count() === 1, 'certificate details present for the expired certificate');
    await details.locator('summary').click();
    const certText = await details.textContent();
    expect(/expired \d,\d{3} days ago/.test(certText) && certText.includes('mx.expired.test'), 'certificate details: names and expiry, 1,234 in English');
    expect(await page.locator('.waterfall:not(.check-timeline)').count() === 2, 'a timing waterfall per address');
    const timeline = page.locator('#summary details.check-timeline');
    expect(await timeline.count() === 1, 'the whole check on one time axis');
    await timeline.locator('summary').click();
    const timelineText = await timeline.textContent();
    expect(timelineText.includes('DNS: MX+TXT') && timelineText.includes('main session: TLS handshake'),
           'the timeline names the DNS stage and each session step: ' + timelineText.slice(0, 200));
    await timeline.locator('summary').click();
    await axeCheck(page, 'the report of ' + domain);
    await shot(page, 'report-desktop-en');

    // ---- the language select relabels and starts nothing ----
    const before = streams.length;
    await page.focus('#lang');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.documentElement.lang !== 'en');
    await page.waitForTimeout(500);
    expect(streams.length === before, 'arrow keys on the language select start no check (' + (streams.length - before) + ' started)');
    expect(await page.locator('#summary').isVisible(), 'the report stays');
    await page.selectOption('#lang', 'fr');
    await page.waitForFunction(() => document.querySelector('#check').textContent === 'Vérifier');
    expect(streams.length === before, 'choosing French starts no check');
    expect((await page.locator('#summary-heading').textContent()) !== 'Summary', 'the report is relabelled: ' + await page.locator('#summary-heading').textContent());
    expect(new URL(page.url()).searchParams.get('lang') === 'fr', 'the URL carries the language');
    await page.click('#check');  // the explicit action: the findings come in French
    await page.waitForFunction(() => !document.querySelector('#check').disabled && document.querySelector('#summary:not([hidden])'));
    await page.waitForSelector('#summary:not([hidden])', {timeout: 60000});
    expect(streams.length === before + 1, 'the Check button runs it again, once');
    const frRelay = page.locator('.finding[data-id="relay.open"]');
    await frRelay.waitFor();
    expect((await frRelay.locator('.finding-title').textContent()) !== relayTitle, 'finding title translated');
    expect((await frRelay.locator('.badge').textContent()) === 'critique', 'severity translated');
    expect((await frRelay.locator('.fix').textContent()).startsWith('Correction'), 'fix label translated');
    await page.locator('#addr-1-0 details.cert summary').click();
    expect(/\d\u202f\d{3}/.test(await page.locator('#addr-1-0 details.cert').textContent()), 'numbers in French format (narrow no-break space)');
    await shot(page, 'report-desktop-fr');
    await page.setViewportSize({width: 390, height: 844});
    await shot(page, 'report-phone-fr');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 1, 'no sideways scrolling on a phone (overflow ' + overflow + ' px)');
    const h3 = await page.locator('.mx-card h3').first().evaluate((n) => getComputedStyle(n).wordBreak);
    expect(h3 !== 'break-all', 'the MX heading does not break inside words');
    await page.setViewportSize({width: 1100, height: 900});

    // ---- every summary line, chip and finding is the judge's, for three lab domains ----
    const axed = [];
    for (const d of ['relayexpired.test', 'deadprimary.test', 'busy.test', 'dane-mismatch.test', 'twomx.test']) {
      const report = await (await fetch(url + 'api/v1/check?domain=' + d)).json();
      const p2 = await openReport(context, url, d);
      expect(await p2.locator('#summary').getAttribute('data-verdict') === report.verdict, d + ': page verdict = JSON verdict ' + report.verdict);
      let compared = 0;
      for (const [id, cat] of Object.entries(CATEGORIES)) {
        const state = await p2.locator('#summary .category[data-category=' + id + ']').getAttribute('data-state');
        if (state !== expectedCategory(report, cat)) fail(d + ' summary ' + id + ': page ' + state + ', JSON ' + expectedCategory(report, cat));
        compared++;
      }
      for (const [m, mx] of report.mx.entries()) {
        expect(await p2.locator('#mx-' + m).getAttribute('data-verdict') === mx.verdict, d + ' ' + mx.host + ': MX verdict ' + mx.verdict);
        for (const [step, status] of Object.entries(mx.status)) {
          const state = await p2.locator('#mx-' + m + ' .mx-steps [data-step=' + step + ']').getAttribute('data-state');
          if (state !== status) fail(d + ' ' + mx.host + ' ' + step + ': page ' + state + ', JSON ' + status);
          compared++;
        }
        for (const [i, a] of mx.addresses.entries()) {
          for (const [step, status] of Object.entries(a.status)) {
            const item = p2.locator('#addr-' + m + '-' + i + ' .steps [data-step=' + step + ']');
            const state = await item.getAttribute('data-state');
            const mark = await item.locator('.mark').textContent();
            if (state !== status) fail(d + ' ' + a.ip + ' ' + step + ': page ' + state + ', JSON ' + status);
            if (mark !== MARKS[status]) fail(d + ' ' + a.ip + ' ' + step + ': mark ' + mark + ' for ' + status);
            if (status !== 'ok' && status !== 'not_tested' && await p2.locator('#addr-' + m + '-' + i + ' .reason[data-step=' + step + ']').count() !== 1) {
              fail(d + ' ' + a.ip + ' ' + step + ': no reason shown for ' + status);
            }
            compared++;
          }
        }
      }
      // Every finding is in exactly one group of its id and status, coloured and marked by it.
      const groups = await p2.locator('.finding').evaluateAll((n) => n.map((x) => ({id: x.dataset.id, status: x.dataset.status,
        places: Number(x.dataset.places), cls: x.className, mark: x.querySelector('.mark').textContent, where: x.querySelector('.where').textContent})));
      const total = groups.reduce((t, g) => t + g.places, 0);
      expect(total === report.findings.length, d + ': every finding shown (' + total + ' in ' + groups.length + ' groups)');
      for (const f of report.findings) {
        const g = groups.find((x) => x.id === f.id && x.status === f.status);
        if (!g || !g.cls.split(' ').includes('status-' + f.status) || g.mark !== MARKS[f.status]) fail(d + ' finding ' + f.id + '/' + f.status + ' not shown as such');
        compared++;
      }
      expect(compared >= 10, d + ': ' + compared + ' marks equal the JSON statuses');
      if (d === 'busy.test') expect(report.verdict === 'inconclusive', 'busy.test (every greeting 421) is inconclusive, not pass');
      if (d === 'dane-mismatch.test') {
        const dane = p2.locator('.mx-card .step[data-step=dane][data-state=critical]');
        expect(await dane.count() >= 1, 'dane-mismatch.test: a critical DANE chip on its card');
        expect((await dane.first().locator('.step-text').textContent()).length > 5, 'the DANE chip says what is wrong: ' + await dane.first().locator('.step-text').textContent());
        expect((await p2.locator('#summary .category[data-category=dane]').getAttribute('data-state')) === 'critical', 'dane-mismatch.test: the DANE summary line is critical');
      }
      if (d === 'twomx.test') {
        // The same finding on both addresses of one MX is one item "on 127.0.0.30 and 127.0.0.31".
        // (in the report's order of the addresses, which is DNS's)
        const dup = groups.find((g) => /127\.0\.0\.3(0 and 127\.0\.0\.31|1 and 127\.0\.0\.30)/.test(g.where));
        expect(dup && dup.places >= 2, 'twomx.test: duplicates across addresses merged: ' +
               (dup ? dup.id + ' ' + dup.where : groups.map((g) => g.id + ' ' + g.where).join(' | ')));
        const ids = groups.map((g) => g.id + '/' + g.status + '/' + g.where);
        expect(new Set(ids).size === ids.length, 'twomx.test: no finding listed twice for the same places');
      }
      if (['relayexpired.test', 'dane-mismatch.test', 'busy.test'].includes(d)) {
        await axeCheck(p2, 'the report of ' + d);
        axed.push(d);
      }
      if (d === 'dane-mismatch.test') {
        await shot(p2, 'report-desktop-dane-mismatch');
        await p2.setViewportSize({width: 390, height: 844});
        await shot(p2, 'report-phone-dane-mismatch');
      }
      await p2.close();
    }
    expect(axed.length === 3, 'axe-core checked three reports');

    // ---- waiting: elapsed time and the step each address waits on (slow.test greets after 3 s) ----
    const slow = await context.newPage();
    await slow.goto(url + '?domain=slow.test');
    await slow.waitForFunction(() => /greeting/.test((document.querySelector('.address-waiting') || {}).textContent || ''), null, {timeout: 10000});
    await slow.waitForTimeout(1200);
    expect(await slow.locator('#waiting').isVisible(), 'slow.test: the waiting block is shown');
    const elapsed = await slow.locator('#elapsed').textContent();
    expect(/^Elapsed: \d+\.\d\u00a0s$/.test(elapsed), 'slow.test: elapsed time shown: ' + elapsed);
    expect((await slow.locator('.address-waiting').first().textContent()) === 'waiting for: greeting', 'slow.test: the address waits for its greeting');
    expect(await slow.locator('#cancel').isVisible(), 'slow.test: a Cancel button while waiting');
    await shot(slow, 'waiting-desktop');
    await slow.waitForSelector('#summary:not([hidden])', {timeout: 60000});
    expect(!(await slow.locator('#waiting').isVisible()) && (await slow.locator('.address-waiting').first().textContent()) === '',
           'slow.test: the waiting state ends with the report');
    await slow.close();

    // ---- Cancel stops the check, on the server too (silent.test never greets) ----
    const silent = await context.newPage();
    await silent.goto(url + '?domain=silent.test');
    await silent.waitForFunction(() => /greeting/.test((document.querySelector('.address-waiting') || {}).textContent || ''), null, {timeout: 10000});
    expect(await activeChecks(url) === 1, 'silent.test: the check runs on the server');
    await silent.focus('#cancel');
    await silent.keyboard.press('Enter');
    expect(/cancelled/.test(await silent.locator('#status').textContent()), 'Cancel says the check was cancelled');
    expect(!(await silent.locator('#waiting').isVisible()) && !(await silent.locator('#check').isDisabled()), 'after Cancel the form is ready again');
    let active = 1;
    for (let i = 0; i < 50 && active !== 0; i++) {
      await silent.waitForTimeout(100);
      active = await activeChecks(url);
    }
    expect(active === 0, 'Cancel stopped the check on the server (no check running)');
    expect(!(await silent.locator('#summary').isVisible()), 'no report after Cancel');
    await silent.close();

    // ---- an error report: the error once, no NaN ----
    const broken = await openReport(context, url, 'nosuchdomain.test');
    const body = await broken.locator('body').innerText();
    const error = await broken.locator('#report-error').textContent();
    expect(error.length > 0 && body.split(error).length === 2, 'the error is shown once: ' + error);
    expect(!body.includes('NaN'), 'no NaN on an error report');
    expect(await broken.locator('#summary .category').count() === 0, 'no category lines for a check that could not run');
    await broken.close();

    // ---- a link re-runs the same check; the first paint is in its language ----
    const again = await context.newPage();
    await again.goto(url + '?domain=' + domain + '&lang=de');
    expect((await again.locator('#check').textContent()) === 'Prüfen' && await again.evaluate(() => document.documentElement.lang) === 'de',
           'the first paint is in the link\'s language');
    await again.waitForSelector('#summary:not([hidden])', {timeout: 60000});
    expect(await again.locator('.finding[data-id="relay.open"]').count() === 1, 'a link re-runs the check');
    await again.close();

    // Issue 14: an address literal checked directly, and "As of" judging later (the link keeps it).
    const later = await openReport(context, url, '[127.0.0.10]', '&at=' + encodeURIComponent('+400d'));
    expect(await later.locator('.direct-target').count() === 1, 'an address literal is checked directly');
    expect(await later.locator('.judged-at').count() === 1, '"As of" judges the report later');
    expect(await later.locator('.finding[data-id="cert.expired"]').count() === 1, 'the certificate has expired by then');
    expect((await later.locator('#at').inputValue()) === '+400d', 'the link keeps the moment');
    await later.close();

    // Print: the summary, cards and findings (the passed ones open), no buttons.
    await page.emulateMedia({media: 'print'});
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(!(await page.locator('#copy').isVisible()) && !(await page.locator('#check-form').isVisible()), 'print: no buttons or form');
    expect(await page.locator('#summary').isVisible() && await page.locator('#passed-findings').isVisible(), 'print: the summary and every finding');
    await page.pdf({path: join(artefacts, 'report-print.pdf')}).catch(() => {});
    await page.emulateMedia({media: 'screen'});
    expect(consoleErrors.length === 0, 'no errors in the console: ' + consoleErrors.join(' | '));
  } finally {
    if (context) await context.close();
    child.kill('SIGTERM');
    rmSync(profile, {recursive: true, force: true});
  }
}

main().then(() => console.log('browser test passed; screenshots in ' + artefacts),
            (e) => { console.error(e); process.exitCode = 1; });
