// Browser test of layer-list models on real images (issue 10): Digits with the small CNN preset (its
// hand-counted parameters, a short training run with test accuracy beside it), a kernel too large for its
// input refused inline with the previous problem kept, a pasted model, and Fashion-MNIST from tiny IDX
// files built here. Runs on `auto` only; no timed assertions, only waits.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { downloadJson, launch, openPage, sharedLink, waitReady, WAIT_MS, TEST_TIMEOUT_MS } from './browser.mjs';

const APP_URL = process.env.APP_URL;
if (!APP_URL) throw new Error('APP_URL is not set: run through e2e/run.mjs');
const ONLY = process.env.E2E_CONFIGS?.split(',');
/** Each wait's budget: generous, so a loaded machine slows a test without failing it. */
const T = WAIT_MS;
const TEST_TIMEOUT = TEST_TIMEOUT_MS;

/** Parameter counts from the layer formulas: conv2d k*k*cin*f + f, dense in*out + out. */
const conv = (k, cin, f) => k * k * cin * f + f;
const dense = (nIn, nOut) => nIn * nOut + nOut;
// 8x8 -> pool 4x4 -> pool 2x2x8; 28x28 -> 14x14 -> 7x7x8
const SMALL_CNN_DIGITS = conv(3, 1, 4) + conv(3, 4, 8) + dense(2 * 2 * 8, 10);
const SMALL_CNN_FASHION = conv(3, 1, 4) + conv(3, 4, 8) + dense(7 * 7 * 8, 10);

/** A big-endian IDX ubyte file: magic, sizes, values. */
function idxBytes(magic, dims, values) {
  const out = Buffer.alloc(4 + 4 * dims.length + values.length);
  out.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => out.writeUInt32BE(d, 4 + 4 * i));
  Buffer.from(values).copy(out, 4 + 4 * dims.length);
  return out;
}

/** Files dropped on the page, as a person drags them from a folder. */
async function dropFiles(page, files) {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files.map((f) => ({ name: f.name, bytes: [...f.buffer] })));
}

/** n 28x28 images, image i a bright horizontal bar at row 2 * (i mod 10) + 4, labelled i mod 10, gzipped like the real files. */
function fashionPair(n, prefix = 'train') {
  const pixels = new Uint8Array(n * 784);
  for (let i = 0; i < n; i++) {
    const row = 2 * (i % 10) + 4;
    pixels.fill(255, i * 784 + row * 28, i * 784 + row * 28 + 28);
  }
  const labels = Array.from({ length: n }, (_, i) => i % 10);
  return [
    { name: `${prefix}-images-idx3-ubyte.gz`, mimeType: 'application/gzip', buffer: gzipSync(idxBytes(0x00000803, [n, 28, 28], pixels)) },
    { name: `${prefix}-labels-idx1-ubyte.gz`, mimeType: 'application/gzip', buffer: gzipSync(idxBytes(0x00000801, [n], labels)) },
  ];
}

async function train(page, steps) {
  await page.getByTestId('net-optimizer').selectOption('sgd');
  for (const [id, value] of [['net-lr', '0.5'], ['net-steps', String(steps)], ['net-every', String(steps)]]) {
    await page.getByTestId(id).fill(value);
    await page.getByTestId(id).press('Enter');
  }
  await page.getByTestId('train-curvature').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=curvature-chart]')?.dataset.status === 'done', null, { timeout: T });
  await page.getByTestId('held-out').waitFor({ timeout: T });
}

async function chooseDigits(page) {
  await page.getByTestId('problem-select').selectOption('model:digits');
  await page.getByText(`digits 8x8x1 model (${SMALL_CNN_DIGITS} params, 500 train, 451 test rows)`).first().waitFor({ timeout: T });
}

if (!ONLY || ONLY.includes('auto'))
  describe('chromium: auto, layer-list models', () => {
    let browser;
    before(async () => {
      browser = await launch('auto');
    });
    after(async () => {
      await browser?.close();
    });

    test('digits + small CNN: hand-counted parameters, a short run with test accuracy, a too-large kernel refused inline, pasted JSON', { timeout: TEST_TIMEOUT }, async () => {
      const { page, errors, context } = await openPage(browser, APP_URL);
      await waitReady(page);
      await chooseDigits(page);
      await page.getByTestId('model-preset').selectOption('mlp');
      await page.getByTestId('model-preset').selectOption('small-cnn');
      await page.getByText(`digits 8x8x1 model (${SMALL_CNN_DIGITS} params`).first().waitFor({ timeout: T });
      assert.equal(Number(await page.getByTestId('model-params').getAttribute('data-params')), SMALL_CNN_DIGITS);

      await page.getByTestId('mode-network').click();
      await page.getByTestId('network-view').waitFor({ timeout: T });
      await train(page, 4);
      const held = page.getByTestId('held-out');
      assert.match(await held.textContent(), /on 451 held-out rows/);
      const testAccuracy = Number(await held.getAttribute('data-test-accuracy'));
      assert.ok(testAccuracy >= 0 && testAccuracy <= 1, `test accuracy ${testAccuracy}`);
      // a share of 451 rows: a whole number of them right
      assert.ok(Math.abs(testAccuracy * 451 - Math.round(testAccuracy * 451)) < 1e-9, `${testAccuracy} x 451 is a count`);
      const doc = await downloadJson(page, 'curvature-export-json');
      assert.equal(doc.problem.kind, 'model');
      assert.equal(doc.testRows, 451);
      assert.equal(doc.testAccuracy, testAccuracy);
      assert.ok(Number.isFinite(doc.testLoss) && doc.testLoss > 0, `test loss ${doc.testLoss}`);
      assert.ok(doc.trainAccuracy >= 0 && doc.trainAccuracy <= 1, `train accuracy ${doc.trainAccuracy}`);

      // model[3] is the second conv2d, on a 4x4 map after the first pool: a 5x5 kernel does not fit
      const linkBefore = await sharedLink(page);
      await page.getByTestId('layers-3-kernel').fill('5');
      await page.getByTestId('layers-3-kernel').press('Enter');
      await page.getByTestId('model-error').waitFor({ timeout: T });
      assert.match(await page.getByTestId('model-error').textContent(), /^model\[3\] \(conv2d\): kernel 5 is larger than its 4x4 input/);
      assert.equal(await page.getByTestId('model-params').count(), 0);
      assert.equal(await sharedLink(page), linkBefore, 'the refused model never became the problem');
      await page.getByText(`digits 8x8x1 model (${SMALL_CNN_DIGITS} params`).first().waitFor({ timeout: T });

      // pasting: a bad model is named in place, a good one loads
      await page.getByText('Model JSON').click();
      await page.getByTestId('model-json').fill(JSON.stringify([{ type: 'flatten' }, { type: 'dense', units: 16 }, { type: 'activation', fn: 'tanh' }, { type: 'dense', units: 3 }]));
      await page.getByTestId('model-json-apply').click();
      assert.match(await page.getByTestId('model-json-error').textContent(), /^model\[3\] \(dense\): gives 3 outputs; the images have 10 classes/);
      await page.getByTestId('model-json').fill(JSON.stringify([{ type: 'flatten' }, { type: 'dense', units: 16 }, { type: 'activation', fn: 'tanh' }, { type: 'dense', units: 10 }]));
      await page.getByTestId('model-json-apply').click();
      const pasted = dense(64, 16) + dense(16, 10);
      await page.getByText(`digits 8x8x1 model (${pasted} params`).first().waitFor({ timeout: T });
      assert.equal(Number(await page.getByTestId('model-params').getAttribute('data-params')), pasted);
      assert.equal(await page.getByTestId('model-preset').inputValue(), 'edited');

      // the layer editor: add a dense layer (10 units by default), remove it, move the tanh up
      await page.getByTestId('layers-add').selectOption('dense');
      await page.getByText(`digits 8x8x1 model (${pasted + dense(10, 10)} params`).first().waitFor({ timeout: T });
      await page.getByTestId('layers-4-remove').click();
      await page.getByText(`digits 8x8x1 model (${pasted} params`).first().waitFor({ timeout: T });
      await page.getByTestId('layers-2-up').click();
      await page.waitForFunction(() => document.querySelector('[data-testid=layers-1]')?.dataset.type === 'activation', null, { timeout: T });
      assert.deepEqual(await page.$$eval('[data-testid=layers] > .layer-row', (rows) => rows.map((r) => r.dataset.type)), ['flatten', 'activation', 'dense', 'dense']);
      await page.waitForFunction(() => decodeURIComponent(window.location.hash).includes('[{"type":"flatten"},{"type":"activation","fn":"tanh"},{"type":"dense","units":16}'), null, { timeout: T });
      assert.deepEqual(errors, []);
      await context.close();
    });

    test('Fashion-MNIST from tiny IDX files: a picked pair (12 images train, 8 held out), a dropped file with a wrong magic number refused, the four files dropped (10 t10k images held out)', { timeout: TEST_TIMEOUT }, async () => {
      const { page, errors, context } = await openPage(browser, APP_URL);
      await waitReady(page);
      await chooseDigits(page);
      await page.getByTestId('idx-examples').fill('12');
      await page.getByTestId('idx-examples').press('Enter');
      await page.getByTestId('idx-files').setInputFiles(fashionPair(20));
      await page.getByText(`fashion-mnist 28x28x1 model (${SMALL_CNN_FASHION} params, 12 train, 8 test rows)`).first().waitFor({ timeout: T });
      assert.match(await page.getByTestId('info-message').textContent(), /Loaded Fashion-MNIST from train-images-idx3-ubyte\.gz, train-labels-idx1-ubyte\.gz/);
      assert.equal(await page.getByTestId('problem-select').inputValue(), 'model:fashion-mnist');

      const [images] = fashionPair(20);
      const wrong = { name: 'train-labels-idx1-ubyte', mimeType: 'application/octet-stream', buffer: idxBytes(0x00000802, [20], new Array(20).fill(1)) };
      await dropFiles(page, [images, wrong]);
      await page.getByTestId('error-message').waitFor({ timeout: T });
      assert.match(await page.getByTestId('error-message').textContent(), /train-labels-idx1-ubyte: magic number 0x00000802 is neither an IDX image file's/);
      await page.getByText(`fashion-mnist 28x28x1 model (${SMALL_CNN_FASHION} params, 12 train, 8 test rows)`).first().waitFor({ timeout: T });

      // the standard four: the training pair's first 12 images train (the examples in use), the 10 t10k images are held out
      await dropFiles(page, [...fashionPair(10, 't10k'), ...fashionPair(20)]);
      await page.getByText(`fashion-mnist 28x28x1 model (${SMALL_CNN_FASHION} params, 12 train, 10 test rows)`).first().waitFor({ timeout: T });

      await page.getByTestId('mode-network').click();
      await page.getByTestId('network-view').waitFor({ timeout: T });
      await train(page, 3);
      assert.match(await page.getByTestId('held-out').textContent(), /on 10 held-out rows/);
      const testAccuracy = Number(await page.getByTestId('held-out').getAttribute('data-test-accuracy'));
      assert.ok(Array.from({ length: 11 }, (_, k) => k / 10).some((v) => Math.abs(testAccuracy - v) < 1e-12), `test accuracy ${testAccuracy} is a count of 10 rows`);
      assert.deepEqual(errors.filter((e) => !/magic number/.test(e)), []);
      await context.close();
    });
  });
