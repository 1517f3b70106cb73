/** Runs a study by name: validated settings in, the printed report out (CLI, worker, bench, export). */
import type { StudyEnv } from './env';
import { getStudy } from './registry';
import { parseSettings } from './settings';
import type { Citation, PaperNumber, StudyControl, StudySettings, StudyTable, Verdict } from './types';

export interface StudyReport {
  study: string;
  title: string;
  claim: string;
  citation: Citation[];
  paper_numbers: PaperNumber[];
  settings: StudySettings;
  /** The measured series, the study's own fields (e.g. `runs`). */
  result: Record<string, unknown>;
  verdict: Verdict;
  tables: StudyTable[];
  ms: number;
}

export async function runStudy(name: string, raw: Record<string, unknown>, env: StudyEnv, control?: StudyControl): Promise<StudyReport> {
  const study = getStudy(name);
  const settings = parseSettings(study.schema, raw);
  const t0 = performance.now();
  const result = await study.run(settings, env, control);
  const ms = performance.now() - t0;
  return {
    study: study.name,
    title: study.title,
    claim: study.claim,
    citation: study.citations,
    paper_numbers: study.paperNumbers,
    settings,
    result: result as Record<string, unknown>,
    verdict: study.verdict(result, settings),
    tables: study.tables(result),
    ms,
  };
}

/** The report as one JSON object: the series at the top level beside the verdict, as the CLI prints it. */
export function reportJson(r: StudyReport): Record<string, unknown> {
  return { study: r.study, claim: r.claim, citation: r.citation, paper_numbers: r.paper_numbers, settings: r.settings, ...r.result, verdict: r.verdict, ms: r.ms };
}

/** One table as CSV (RFC 4180 quoting where a cell needs it). */
export function tableCsv(t: StudyTable): string {
  const cell = (v: number | string | null): string => {
    if (v === null) return '';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [t.columns.join(','), ...t.rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}
