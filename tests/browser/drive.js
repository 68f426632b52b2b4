// drive.js PAGE.html OUTDIR: drives bptrace's HTML page in Debian's
// chromium (puppeteer-core, no browser downloaded) and prints what it saw
// as JSON, for tests/test-browser.sh to compare with bptrace's own output:
// the steps of step mode, the quiz's verdicts for the answers in
// OUTDIR/answers.json, o_6 after setting w46 in edit mode; screenshots of
// each mode in OUTDIR; every request that was not the page itself.
'use strict';
const puppeteer = require('puppeteer-core');
const fs = require('fs');
const path = require('path');

async function main() {
  const [page_path, outdir] = process.argv.slice(2);
  const answers = JSON.parse(fs.readFileSync(path.join(outdir, 'answers.json'), 'utf8'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: 'new',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update',
           '--disable-sync'],
  });
  const result = {requests: [], errors: []};
  try {
    const page = await browser.newPage();
    await page.setViewport({width: 1100, height: 1400});
    await page.setRequestInterception(true);
    const url = 'file://' + path.resolve(page_path);
    page.on('request', (r) => {
      if (r.url() !== url && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) {
        result.requests.push(r.url());
        r.abort();
      } else {
        r.continue();
      }
    });
    page.on('pageerror', (e) => result.errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') result.errors.push(m.text()); });
    await page.goto(url, {waitUntil: 'load'});
    await page.waitForSelector('body[data-ready]', {timeout: 30000});
    result.ready = await page.evaluate(() => document.body.getAttribute('data-ready'));
    result.interactive_ms = await page.evaluate(() => document.body.getAttribute('data-ready-ms'));
    result.module_ms = await page.evaluate(() => document.body.getAttribute('data-module-ms'));
    await page.screenshot({path: path.join(outdir, 'trace.png')});

    // ---- step mode, by keyboard, through every derivation ----
    await page.click('button[data-mode="step"]');
    result.derivations = await page.$$eval('#bp-main .derivation', (d) => d.length);
    result.steps = [];
    for (let i = 0; i < result.derivations; i++) {
      result.steps.push(await page.evaluate(() => {
        const cur = document.querySelector('#bp-main .derivation.current');
        const hl = document.querySelector('svg .unit.hl');
        const visible = [...document.querySelectorAll('#bp-main .derivation')]
          .filter((d) => d.offsetParent !== null).length;
        return {q: cur && cur.getAttribute('data-q'), unit: cur && cur.getAttribute('data-unit'),
                hl: hl ? hl.id : null, visible: visible,
                at: document.getElementById('bp-step-at').textContent};
      }));
      if (result.steps[i].q === 'o_6')
        await page.screenshot({path: path.join(outdir, 'step.png')});
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('ArrowLeft');
    result.back = await page.$eval('#bp-main .derivation.current', (d) => d.getAttribute('data-q'));

    // ---- quiz mode: type the answers, judged in the page ----
    await page.click('button[data-mode="quiz"]');
    for (const [name, value] of Object.entries(answers)) {
      const sel = '#bp-main input[data-name="' + name + '"]';
      await page.focus(sel);
      await page.keyboard.type(value);
    }
    await page.keyboard.press('Enter');
    result.verdicts = await page.evaluate((names) => {
      const v = {};
      for (const n of names) {
        const o = document.querySelector('#bp-main input[data-name="' + n + '"]').parentNode.querySelector('output');
        v[n] = {status: o.getAttribute('data-status'), text: o.textContent};
      }
      return v;
    }, Object.keys(answers));
    result.saved = await page.evaluate(async () => {
      const a = document.getElementById('bp-save');
      return (await fetch(a.href)).text();
    });
    const first = Object.keys(answers)[0];
    await page.$eval('#bp-main input[data-name="' + first + '"]', (e) => e.scrollIntoView({block: 'start'}));
    await page.screenshot({path: path.join(outdir, 'quiz.png')});

    // ---- edit mode: w46 ----
    await page.click('button[data-mode="edit"]');
    const t0 = Date.now();
    await page.$eval('#bp-e-w46', (e) => { e.value = ''; e.focus(); });
    await page.keyboard.type(process.env.W46 || '0.5');
    result.retrace_ms = Date.now() - t0;
    result.o6_after_edit = await page.evaluate(() => {
      const d = document.querySelector('#bp-main .derivation[data-q="o_6"]');
      const mns = d.querySelectorAll('math > mtable > mtr:last-child mn');
      return mns.length ? mns[mns.length - 1].textContent : null;
    });
    result.w46_in_figure = await page.$eval('#bp-w-w46 text', (t) => t.lastChild.textContent);
    await page.$eval('#bp-main .derivation[data-q="o_6"]', (e) => e.scrollIntoView({block: 'center'}));
    await page.screenshot({path: path.join(outdir, 'edit.png')});
    // a number that is not one: said, and the trace kept
    await page.$eval('#bp-e-eta', (e) => { e.value = ''; e.focus(); });
    await page.keyboard.type('0,5');
    result.bad_edit = await page.evaluate(() => [
      document.getElementById('bp-edit-error').textContent,
      document.querySelectorAll('#bp-main .derivation').length]);

    // ---- a variant's page (--seed): judged against the variant ----
    const vpath = path.join(outdir, 'variant.html');
    if (fs.existsSync(vpath)) {
      const vanswers = JSON.parse(fs.readFileSync(path.join(outdir, 'variant-answers.json'), 'utf8'));
      const v = await browser.newPage();
      v.on('pageerror', (e) => result.errors.push(String(e)));
      await v.goto('file://' + path.resolve(vpath), {waitUntil: 'load'});
      await v.waitForSelector('body[data-ready="module"]', {timeout: 30000});
      await v.click('button[data-mode="quiz"]');
      for (const [name, value] of Object.entries(vanswers)) {
        await v.focus('#bp-main input[data-name="' + name + '"]');
        await v.keyboard.type(value);
      }
      await v.click('#bp-check');
      result.variant_verdicts = await v.evaluate((names) => {
        const r = {};
        for (const n of names)
          r[n] = document.querySelector('#bp-main input[data-name="' + n + '"]')
            .parentNode.querySelector('output').getAttribute('data-status');
        return r;
      }, Object.keys(vanswers));
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(result, null, 1) + '\n');
}

main().catch((e) => { console.error(e); process.exit(1); });
