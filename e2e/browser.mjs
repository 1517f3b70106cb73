// Launching Debian's Chromium headless in the three configurations the specs cover.
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const QUIET = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const COMMON = [
  ...QUIET,
  // WebGL for the 3D view through SwiftShader: there is no GPU on the test machines. These flags also
  // make Chromium composite and rasterise the page on SwiftShader, as it would on a GPU.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export const CONFIGS = {
  /** WebGPU exposed (SwiftShader's Vulkan adapter), backend requested explicitly. */
  webgpu: [...COMMON, '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader'],
  /** Default flags: whatever auto picks. */
  auto: [...COMMON],
  /** No WebGPU at all: the app must fall back and say so. */
  'no-webgpu': [...COMMON, '--disable-features=WebGPU', '--disable-webgpu'],
  /**
   * Chromium's own choice on a machine without a GPU, what a person there gets: the page composited
   * and rasterised on the CPU (chrome://gpu: "Compositing: Software only"), WebGL on SwiftShader
   * through Vulkan. The benchmarks' second configuration (bench/main-thread.mjs).
   */
  native: [...QUIET],
};

export async function launch(config) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CONFIGS[config],
  });
}

/**
 * Every spec's waits and per-test limits: generous, so a busy machine (the suite must pass beside
 * other CPU-heavy work, where auto's first backend timing alone took 80-100 s at load 25) slows a
 * test without failing it. They bound waits only; no test asserts how long anything took.
 */
export const WAIT_MS = 300_000;
export const TEST_TIMEOUT_MS = 900_000;

/** A page that records console errors and uncaught exceptions; `initScript` runs before the page's own scripts. */
export async function openPage(browser, url, initScript) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 1000 } });
  if (initScript) await context.addInitScript(initScript);
  // Software GL on a busy machine can hold the page for many seconds (one WebGL context took 17 s at load 20):
  // actions wait as long as the tests' own waits rather than Playwright's 30 s default.
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { context, page, errors };
}

/**
 * The link a person shares, from "Share link": the page writes a setup change into the address bar
 * a moment after it is made (controllers/session.ts), and at once when the link is shared.
 */
export async function sharedLink(page) {
  await page.getByTestId('share-url').click();
  return page.getByTestId('share-url-value').inputValue();
}

/** The setup the shared link holds. */
export async function sharedSetup(page) {
  const hash = new URL(await sharedLink(page)).hash.slice(1);
  return JSON.parse(new URLSearchParams(hash).get('setup'));
}

/** Waits until a problem is loaded and Run is enabled (the 2-D Explorer needs no tensor backend). */
export async function waitReady(page, timeout = WAIT_MS) {
  await page.waitForFunction(
    () => {
      const run = document.querySelector('[data-testid=run]');
      return run && !run.disabled && document.querySelector('[data-testid=problem-select]');
    },
    null,
    { timeout },
  );
}

/**
 * Brings up the Explorer's 3-D view and waits for its first frame. Once the page is idle it is created
 * by itself on a GPU; on a software renderer (these tests' SwiftShader) it waits for "Show 3-D view".
 */
export async function showSurface3d(page, timeout = WAIT_MS) {
  await page.waitForSelector('[data-testid=surface-3d] canvas, [data-testid=show-3d]', { timeout });
  const offer = page.getByTestId('show-3d');
  if (await offer.count()) await offer.click({ timeout });
  await page.waitForSelector('[data-testid=surface-3d][data-drawn]', { timeout });
}

/** Waits until the worker runs a tensor backend (started by a network, a named backend or re-measure); returns its name. */
export async function waitBackend(page, timeout = WAIT_MS) {
  await page.waitForFunction(
    () => {
      const b = document.querySelector('[data-testid=backend]')?.textContent ?? '';
      return b !== '' && b !== '…' && b !== 'none';
    },
    null,
    { timeout },
  );
  return (await page.getByTestId('backend').textContent()).trim();
}

/** Clicks a download button; the file's suggested name and bytes. */
export async function download(page, testId) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: WAIT_MS }), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), body: await readFile(await d.path()) };
}

/** Clicks a download button whose file is JSON; the parsed file. */
export async function downloadJson(page, testId) {
  return JSON.parse((await download(page, testId)).body.toString('utf8'));
}

/**
 * Reads a canvas's pixels through a 2-D copy, so WebGL canvases (which preserve their drawing buffer)
 * count too, and answers `query`: { distinct: true } the number of distinct colours among every 5th
 * pixel (a blank or single-colour canvas has one or two); { missing: [[r, g, b], ...], tolerance }
 * those colours no pixel matches within `tolerance` per channel.
 */
async function readCanvas(page, selector, query) {
  await page.waitForSelector(selector, { timeout: WAIT_MS });
  return page.$eval(
    selector,
    (c, q) => {
      const copy = document.createElement('canvas');
      copy.width = c.width;
      copy.height = c.height;
      const ctx = copy.getContext('2d');
      ctx.drawImage(c, 0, 0);
      const px = ctx.getImageData(0, 0, copy.width, copy.height).data;
      if (q.distinct) {
        const seen = new Set();
        for (let i = 0; i < px.length; i += 4 * 5) seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2] | (px[i + 3] << 24));
        return seen.size;
      }
      const near = ([r, g, b], i) => Math.abs(px[i] - r) <= q.tolerance && Math.abs(px[i + 1] - g) <= q.tolerance && Math.abs(px[i + 2] - b) <= q.tolerance;
      return q.missing.filter((colour) => {
        for (let i = 0; i < px.length; i += 4) if (near(colour, i)) return false;
        return true;
      });
    },
    query,
  );
}

/** Distinct colours among a canvas's pixels (every 5th): a blank or single-colour canvas has one or two. */
export function canvasColours(page, selector) {
  return readCanvas(page, selector, { distinct: true });
}

/** The colours ([r, g, b]) that no pixel of the canvas shows, within `tolerance` per channel. */
export function coloursMissing(page, selector, colours, tolerance = 2) {
  return readCanvas(page, selector, { missing: colours, tolerance });
}
