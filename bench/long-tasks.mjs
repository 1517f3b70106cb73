// A page that records its main-thread long tasks (over 50 ms, PerformanceObserver 'longtask'),
// shared by the start-up and main-thread benchmarks.

/** Opens `url` in a fresh 1440 x 1000 context whose pages record long tasks from navigation on; `onContext` sees the context first. */
export async function openWithLongTasks(browser, url, onContext) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => ({ at: e.startTime, ms: e.duration })))).observe({ type: 'longtask', buffered: true });
  });
  onContext?.(context);
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

/** Durations (ms) of the long tasks that started in [from, to) on the page's clock. */
export async function tasksBetween(page, from, to = Infinity) {
  return page.evaluate(([a, b]) => window.__longTasks.filter((e) => e.at >= a && e.at < b).map((e) => e.ms), [from, to === Infinity ? Number.MAX_VALUE : to]);
}

/** The longest of `tasks`, 0 when there is none. */
export function worst(tasks) {
  return tasks.length ? Math.max(...tasks) : 0;
}
