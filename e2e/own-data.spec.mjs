// Browser test of own data (issue 9): a regression CSV loads whatever loss was chosen before, and its
// architecture stays editable after the upload.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, waitReady, WAIT_MS } from './browser.mjs';

const APP_URL = process.env.APP_URL;
if (!APP_URL) throw new Error('APP_URL is not set: run through e2e/run.mjs');
// generous: the machines these run on may be busy (no timed assertions, only waits)
const T = WAIT_MS;

describe('own data', () => {
  let browser;
  before(async () => {
    browser = await launch('auto');
  });
  after(async () => {
    await browser?.close();
  });

  test('a regression CSV loads from a 2-D function, then takes a new architecture', { timeout: 900_000 }, async () => {
    const { context, page } = await openPage(browser, APP_URL);
    page.setDefaultTimeout(T);
    await waitReady(page);
    // y = x1 - 2 x2 + 0.5: a real-valued last column, so regression, with no loss chosen for it
    const rows = ['x1,x2,y'];
    for (let k = 0; k < 30; k++) {
      const x1 = ((k % 6) / 5).toFixed(2);
      const x2 = (Math.floor(k / 6) / 4).toFixed(2);
      rows.push(`${x1},${x2},${(Number(x1) - 2 * Number(x2) + 0.5).toFixed(3)}`);
    }
    await page.getByTestId('load-problem').setInputFiles({ name: 'plane.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await page.getByTestId('info-message').waitFor({ timeout: T });
    assert.match(await page.getByTestId('info-message').textContent(), /Loaded plane\.csv/);
    // 2 inputs, 8 tanh units, 1 output: 2*8 + 8 + 8*1 + 1 = 33 parameters
    await page.getByText('plane.csv (33 params)').waitFor({ timeout: T });

    const hidden = page.getByTestId('csv-hidden-layers');
    await hidden.fill('4,4');
    await hidden.press('Enter');
    // 2*4 + 4 + 4*4 + 4 + 4*1 + 1 = 37 parameters
    await page.getByText('plane.csv (37 params)').waitFor({ timeout: T });
    assert.equal(await page.getByTestId('problem-select').inputValue(), 'custom');
    assert.equal(await page.getByTestId('csv-hidden-layers').inputValue(), '4,4');
    await context.close();
  });
});
