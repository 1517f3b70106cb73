/**
 * `npx tsx bench/studies.ts [NAME ...] [--backend wasm|cpu] [--out FILE]`: runs each study at its
 * default settings and prints its verdict, the numbers it rests on and the wall time. Figures,
 * not tests: the verdicts are whatever the measurements say. --out writes every report as JSON.
 */
import { writeFileSync } from 'node:fs';
import { STUDIES } from '../src/core/studies/registry';
import { reportJson, runStudy } from '../src/core/studies/run';
import { readDigits } from '../src/data/digits/read-node';
import { setBackend } from '../src/engine/backend';
import { createStudyEnv } from '../src/engine/studies/env';
import { fmt } from './timing';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const backend = await setBackend((flag('backend') ?? 'wasm') as 'wasm' | 'cpu');
  const out = flag('out');
  const names = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  const chosen = names.length ? names : STUDIES.map((s) => s.name);
  const env = createStudyEnv(async () => readDigits());
  const reports: Record<string, unknown>[] = [];
  for (const name of chosen) {
    const cpu0 = process.cpuUsage();
    const r = await runStudy(name, {}, env);
    const cpu = process.cpuUsage(cpu0);
    // CPU seconds beside the wall time: on a shared, loaded machine they say what an idle one would take
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    reports.push({ ...reportJson(r), cpu_seconds: cpuSeconds });
    console.log(`\n== ${name} (${backend}): ${r.verdict.outcome.toUpperCase()} in ${(r.ms / 1000).toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU`);
    console.log(`   ${r.verdict.summary}`);
    for (const n of r.verdict.numbers) console.log(`   - ${n.label}: ${typeof n.value === 'number' ? fmt(n.value, 4) : '-'} (expected ${n.expected})`);
    for (const t of r.tables.filter((t) => t.rows.length <= 12)) {
      console.log(`   ${t.name}: ${t.columns.join(' | ')}`);
      for (const row of t.rows) console.log(`     ${row.map((c) => (typeof c === 'number' ? fmt(c, 4) : String(c))).join(' | ')}`);
    }
  }
  if (out) writeFileSync(out, JSON.stringify(reports, null, 1));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
