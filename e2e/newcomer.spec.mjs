// Browser tests of a newcomer's first minutes (issue 9): inputs, charts, the curvature badge, own
// data, the phone viewport. One Chromium configuration (auto): none of this depends on the backend.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, sharedSetup, waitReady, WAIT_MS } from './browser.mjs';

const APP_URL = process.env.APP_URL;
if (!APP_URL) throw new Error('APP_URL is not set: run through e2e/run.mjs');
// generous: the machines these run on may be busy (no timed assertions, only waits)
const T = WAIT_MS;

/** A page whose actions wait as long as the waits do: on a busy machine a click can take a while. */
async function open(browser) {
  const opened = await openPage(browser, APP_URL);
  opened.page.setDefaultTimeout(T);
  return opened;
}

async function pickProblem(page, value) {
  await page.getByTestId('problem-select').selectOption(value);
  await page.waitForFunction(() => !document.querySelector('[data-testid=run]').disabled && !document.querySelector('[data-testid=progress]'), null, { timeout: T });
}

async function tickOnly(page, names) {
  const all = await page.$$eval('input[data-testid^=optimizer-]', (els) => els.map((e) => e.dataset.testid.slice('optimizer-'.length)));
  for (const name of all) {
    const box = page.getByTestId(`optimizer-${name}`);
    if (names.includes(name)) await box.check();
    else await box.uncheck();
  }
}

async function runToEnd(page) {
  await page.getByTestId('run').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=run-status]')?.textContent === 'done', null, { timeout: T });
}

describe('newcomer (issue 9)', () => {
  let browser;
  before(async () => {
    browser = await launch('auto');
  });
  after(async () => {
    await browser?.close();
  });

  test('typing -1.5 into start x keeps it; clearing max steps says what is wrong and keeps the text', { timeout: 400_000 }, async () => {
    const { context, page, errors } = await open(browser);
    await waitReady(page);
    const x = page.getByTestId('start-x');
    await x.fill('');
    // every intermediate text stays as typed: '-', '-1', '-1.', '-1.5'
    for (const [key, shown] of [['-', '-'], ['1', '-1'], ['.', '-1.'], ['5', '-1.5']]) {
      await x.press(key === '-' ? 'Minus' : key === '.' ? 'Period' : key);
      assert.equal(await x.inputValue(), shown);
    }
    await x.press('Enter');
    assert.equal(await x.inputValue(), '-1.5');
    await page.waitForFunction(() => JSON.parse(decodeURIComponent(new URLSearchParams(location.hash.slice(1)).get('setup'))).start?.[0] === -1.5, null, { timeout: T });
    assert.equal((await sharedSetup(page)).start[0], -1.5);

    const steps = page.getByTestId('steps');
    const before = (await sharedSetup(page)).steps;
    await steps.fill('');
    await steps.press('Enter');
    await page.getByTestId('steps-error').waitFor({ timeout: T });
    assert.equal(await page.getByTestId('steps-error').textContent(), 'enter a number');
    assert.equal(await steps.inputValue(), '', 'the field is not snapped back');
    assert.equal(await steps.getAttribute('aria-invalid'), 'true');
    assert.equal((await sharedSetup(page)).steps, before, 'nothing was committed');
    await steps.fill('25');
    await steps.press('Enter');
    assert.equal(await page.getByTestId('steps-error').count(), 0);
    await page.waitForFunction(() => JSON.parse(decodeURIComponent(new URLSearchParams(location.hash.slice(1)).get('setup'))).steps === 25, null, { timeout: T });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('hidden layers: 128 and 8,8,8,8,8 are named as wrong, 8,8 is applied', { timeout: 500_000 }, async () => {
    const { context, page } = await open(browser);
    await waitReady(page);
    // the architecture fields show as soon as a network is chosen; no need to wait for its backend
    await page.getByTestId('problem-select').selectOption('ds:xor');
    const hidden = page.getByTestId('hidden-layers');
    await hidden.waitFor({ timeout: T });
    for (const [text, message] of [['128', /128 is outside 1\.\.64/], ['8,8,8,8,8', /at most 4 entries/], ['abc', /"abc" is not a whole number/]]) {
      await hidden.fill(text);
      await hidden.press('Enter');
      assert.match(await page.getByTestId('hidden-layers-error').textContent(), message);
      assert.equal(await hidden.inputValue(), text);
    }
    await hidden.fill('8,8');
    await hidden.press('Enter');
    await page.waitForFunction(() => JSON.parse(decodeURIComponent(new URLSearchParams(location.hash.slice(1)).get('setup'))).problem.hidden?.join(',') === '8,8', null, { timeout: T });
    await context.close();
  });

  test('a loss that reaches ~0 (Newton on Booth) and one that falls without bound (saddle) chart without errors', { timeout: 500_000 }, async () => {
    const { context, page, errors } = await open(browser);
    await waitReady(page);
    await pickProblem(page, 'fn:booth');
    await tickOnly(page, ['newton', 'lbfgs']);
    await runToEnd(page);
    assert.equal(await page.getByTestId('loss-chart').getAttribute('data-y-scale'), 'log');
    await page.waitForSelector('[data-testid=loss-chart] canvas', { timeout: T });
    await pickProblem(page, 'fn:saddle');
    await tickOnly(page, ['newton', 'sgd']);
    await runToEnd(page);
    assert.equal(await page.getByTestId('loss-chart').getAttribute('data-y-scale'), 'linear');
    // a run that stopped abnormally says so under the table, with the step
    const reasons = await page.$$eval('[data-testid=results-table] [data-col=reason]', (cells) => cells.map((c) => c.textContent));
    const abnormal = reasons.filter((r) => !['gtol met', 'max iterations', 'cancelled'].includes(r));
    if (abnormal.length > 0) {
      const notice = await page.getByTestId('stop-notices').textContent();
      for (const r of abnormal) assert.ok(notice.includes(r), `notice names "${r}"`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the curvature badge at the Rosenbrock start (gradient norm 232) says "not a critical point"', { timeout: 400_000 }, async () => {
    const { context, page, errors } = await open(browser);
    await waitReady(page);
    await page.getByTestId('curvature-at-start').click();
    await page.getByTestId('curvature-badge').waitFor({ timeout: T });
    await page.waitForFunction(() => !document.querySelector('.curvature .spinner'), null, { timeout: T });
    assert.equal(await page.getByTestId('curvature-badge').textContent(), 'not a critical point');
    // Hessian at (-1.2, 1): [[2 - 400 y + 1200 x^2, -400 x], [-400 x, 200]] = [[1330, 480], [480, 200]], definite
    const m = (1330 + 200) / 2;
    const r = Math.hypot((1330 - 200) / 2, 480);
    const condition = Number(await page.getByTestId('condition').textContent());
    assert.ok(Math.abs(condition / ((m + r) / (m - r)) - 1) < 1e-3, `condition ${condition} for the definite Hessian at (-1.2, 1)`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a pandas to_csv() file (index column) loads as a classification network', { timeout: 600_000 }, async () => {
    const { context, page } = await open(browser);
    await waitReady(page);
    const rows = [',x1,x2,label'];
    for (let k = 0; k < 40; k++) {
      const a = (2 * Math.PI * k) / 40;
      rows.push(`${k},${(Math.cos(a) * (k % 2 ? 1 : 0.4)).toFixed(3)},${(Math.sin(a) * (k % 2 ? 1 : 0.4)).toFixed(3)},${k % 2}`);
    }
    await page.getByTestId('load-problem').setInputFiles({ name: 'pandas.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    // the first network starts the tensor backend: minutes on a busy two-core machine
    await page.getByTestId('info-message').waitFor({ timeout: 300_000 });
    assert.match(await page.getByTestId('info-message').textContent(), /Loaded pandas\.csv/);
    assert.equal(await page.getByTestId('problem-select').inputValue(), 'custom');
    await page.getByTestId('dataset-preview').waitFor({ timeout: T });
    await context.close();
  });

  test('a phone (390 x 844) never scrolls sideways', { timeout: 400_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.setDefaultTimeout(T);
    await page.goto(APP_URL);
    await waitReady(page);
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    assert.ok(widths.scroll <= widths.inner, `scrollWidth ${widths.scroll} <= innerWidth ${widths.inner}`);
    await page.screenshot({ path: 'test-results/newcomer-phone.png', fullPage: true });
    await context.close();
  });
});
