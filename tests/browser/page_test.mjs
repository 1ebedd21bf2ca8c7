// Browser test of the mxray web page: Debian's headless Chromium driven by playwright-core.
// Starts `mxray serve` against the lab, checks relayexpired.test (an open relay on one MX, an
// expired certificate on the other), asserts the findings with their fixes, asserts that every
// mark on the page equals the status in the JSON report for three lab domains (the page decides
// nothing), switches to French, and saves screenshots. Exits non-zero on any failure (never skips).
// Env: MXRAY_BIN, MXRAY_LAB_DIR, MXRAY_ARTEFACTS (folder for screenshots), CHROMIUM (optional).
import {spawn} from 'node:child_process';
import {mkdtempSync, mkdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {chromium} from 'playwright-core';

const bin = process.env.MXRAY_BIN;
const labDir = process.env.MXRAY_LAB_DIR || '/tmp/mxray-lab';
const artefacts = process.env.MXRAY_ARTEFACTS || '.';
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const domain = 'relayexpired.test';

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
    const child = spawn(bin, ['serve', '--listen', '127.0.0.1:0', '--rate-limit', '60', ...labArgs()], {stdio: ['ignore', 'pipe', 'inherit']});
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

async function main() {
  if (!bin) fail('MXRAY_BIN is not set');
  mkdirSync(artefacts, {recursive: true});
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
    const page = context.pages()[0] || await context.newPage();
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));

    // Type the domain and press Enter: keyboard only.
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('#check').textContent === 'Check');
    await page.focus('#domain');
    await page.keyboard.type(domain);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#summary:not([hidden])', {timeout: 60000});

    expect(new URL(page.url()).searchParams.get('domain') === domain, 'the URL carries the domain: ' + page.url());
    expect(await page.locator('.mx-card').count() === 2, 'one card per MX');
    expect(await page.locator('.address').count() === 2, 'one row per address');
    expect(await page.locator('.step[data-step=relay][data-state=critical]').count() === 1, 'the open relay is marked on its row');
    expect(await page.locator('.step[data-step=certificate][data-state=warning]').count() === 1,
           'the expired certificate is marked as the judge rates it (a warning without MTA-STS or DANE)');

    const relay = page.locator('.finding[data-id="relay.open"]');
    const expired = page.locator('.finding[data-id="cert.expired"]');
    expect(await relay.count() === 1, 'the open relay finding is shown');
    expect(await expired.count() === 1, 'the expired certificate finding is shown');
    expect(await relay.getAttribute('data-severity') === 'critical', 'open relay is critical');
    expect(await expired.getAttribute('data-severity') === 'warning', 'expired certificate is a warning (opportunistic TLS only)');
    expect((await relay.locator('.badge').textContent()) === 'critical', 'open relay badge says critical');
    const relayFix = await relay.locator('.fix').textContent();
    const expiredFix = await expired.locator('.fix').textContent();
    expect(/^Fix: .{20,}/.test(relayFix), 'open relay fix shown: ' + relayFix.slice(0, 80));
    expect(/^Fix: .{20,}/.test(expiredFix), 'expired certificate fix shown: ' + expiredFix.slice(0, 80));
    const order = {critical: 0, warning: 1, info: 2, ok: 3};
    const sevs = await page.locator('.finding').evaluateAll((n) => n.map((x) => x.dataset.severity));
    expect(sevs[0] === 'critical' && sevs.every((s, i) => i === 0 || order[sevs[i - 1]] <= order[s]), 'worst findings first');
    expect(/Total time: \d+\.\d+ s/.test(await page.locator('.total').textContent()), 'total time shown');

    // Certificate details open on demand.
    const details = page.locator('#addr-1-0 details.cert');
    expect(await details.count() === 1, 'certificate details present for the expired certificate');
    await details.locator('summary').click();
    const certText = await details.textContent();
    expect(/expired \d+ days ago/.test(certText) && certText.includes('mx.expired.test'), 'certificate details: names and expiry');
    await page.screenshot({path: join(artefacts, 'web-page-en.png'), fullPage: true});

    // Every mark on the page is the judge's status from the JSON report, for three lab domains.
    for (const d of ['relayexpired.test', 'deadprimary.test', 'busy.test']) {
      const report = await (await fetch(url + 'api/v1/check?domain=' + d)).json();
      const p2 = await context.newPage();
      await p2.goto(url + '?domain=' + d);
      await p2.waitForSelector('#summary:not([hidden])', {timeout: 60000});
      expect(await p2.locator('#summary').getAttribute('data-verdict') === report.verdict, d + ': page verdict = JSON verdict ' + report.verdict);
      let compared = 0;
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
            if (mark !== {ok: '✓', info: 'i', warning: '!', critical: '✗', inconclusive: '?', not_tested: '-'}[status]) {
              fail(d + ' ' + a.ip + ' ' + step + ': mark ' + mark + ' for ' + status);
            }
            compared++;
          }
        }
      }
      for (const [step, status] of Object.entries(report.status)) {
        const state = await p2.locator('#summary .domain-steps [data-step=' + step + ']').getAttribute('data-state');
        if (state !== status) fail(d + ' domain ' + step + ': page ' + state + ', JSON ' + status);
        compared++;
      }
      // Every finding is coloured and marked by the judge's status for it, in the judge's order.
      const shown = await p2.locator('.finding').evaluateAll((n) => n.map((x) => [x.dataset.id, x.dataset.status, x.className,
                                                                                 x.querySelector('.mark').textContent]));
      expect(shown.length === report.findings.length, d + ': every finding shown');
      for (const [i, f] of report.findings.entries()) {
        const [id, status, cls, mark] = shown[i] || [];
        if (id !== f.id || status !== f.status || !cls.split(' ').includes('status-' + f.status)) {
          fail(d + ' finding ' + i + ': page ' + id + '/' + status + ' (' + cls + '), JSON ' + f.id + '/' + f.status);
        }
        if (mark !== {ok: '✓', info: 'i', warning: '!', critical: '✗', inconclusive: '?', not_tested: '-'}[f.status]) {
          fail(d + ' finding ' + f.id + ': mark ' + mark + ' for ' + f.status);
        }
        compared++;
      }
      expect(compared >= 10, d + ': ' + compared + ' marks equal the JSON statuses');
      if (d === 'busy.test') expect(report.verdict === 'inconclusive', 'busy.test (every greeting 421) is inconclusive, not pass');
      await p2.close();
    }

    // Switch to French with the keyboard: the labels and the findings change.
    const englishTitle = await relay.locator('.finding-title').textContent();
    await page.focus('#lang');
    await page.selectOption('#lang', 'fr');
    await page.waitForFunction(() => document.querySelector('#check').textContent === 'Vérifier');
    await page.waitForSelector('#summary:not([hidden])', {timeout: 60000});
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    const frRelay = page.locator('.finding[data-id="relay.open"]');
    await frRelay.waitFor();
    const frenchTitle = await frRelay.locator('.finding-title').textContent();
    expect(frenchTitle !== englishTitle, 'finding title translated: ' + frenchTitle);
    expect((await frRelay.locator('.badge').textContent()) === 'critique', 'severity translated');
    expect((await frRelay.locator('.fix').textContent()).startsWith('Correction'), 'fix label translated');
    expect(new URL(page.url()).searchParams.get('lang') === 'fr', 'the URL carries the language');
    await page.screenshot({path: join(artefacts, 'web-page-fr.png'), fullPage: true});

    // A phone-sized screen.
    await page.setViewportSize({width: 390, height: 844});
    await page.screenshot({path: join(artefacts, 'web-page-phone.png'), fullPage: true});
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow <= 1, 'no sideways scrolling on a phone (overflow ' + overflow + ' px)');

    // The link re-runs the same check.
    const again = await context.newPage();
    await again.goto(url + '?domain=' + domain + '&lang=de');
    await again.waitForSelector('#summary:not([hidden])', {timeout: 60000});
    expect(await again.locator('.finding[data-id="relay.open"]').count() === 1, 'a link re-runs the check');
    expect((await again.locator('#check').textContent()) === 'Prüfen', 'the link keeps the language');

    // Issue 14: an address literal checked directly, and "As of" judging later (the link keeps it).
    const later = await context.newPage();
    await later.goto(url + '?domain=' + encodeURIComponent('[127.0.0.10]') + '&at=' + encodeURIComponent('+400d'));
    await later.waitForSelector('#summary:not([hidden])', {timeout: 60000});
    expect(await later.locator('.direct-target').count() === 1, 'an address literal is checked directly');
    expect(await later.locator('.judged-at').count() === 1, '"As of" judges the report later');
    expect(await later.locator('.finding[data-id="cert.expired"]').count() === 1, 'the certificate has expired by then');
    expect((await later.locator('#at').inputValue()) === '+400d', 'the link keeps the moment');
    expect(consoleErrors.length === 0, 'no errors in the console: ' + consoleErrors.join(' | '));
  } finally {
    if (context) await context.close();
    child.kill('SIGTERM');
    rmSync(profile, {recursive: true, force: true});
  }
}

main().then(() => console.log('browser test passed; screenshots in ' + artefacts),
            (e) => { console.error(e); process.exitCode = 1; });
