/**
 * What a study is: a published claim about curvature and training, the setup that tests it, a
 * runner that measures, and a verdict computed from the measurements (never written in advance).
 */
import type { z } from 'zod';
import type { SettingField } from './settings';
import type { StudyEnv } from './env';

export interface Citation {
  title: string;
  authors: string;
  year: number;
}

/** A figure the paper reports, with where it reports it. */
export interface PaperNumber {
  label: string;
  value: string;
  source: string;
}

export const OUTCOMES = ['agrees', 'partly', 'disagrees'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A measured number the verdict rests on, beside what the claim expects of it. */
export interface VerdictNumber {
  label: string;
  value: number | null;
  expected: string;
}

export interface Verdict {
  outcome: Outcome;
  summary: string;
  numbers: VerdictNumber[];
}

export interface StudyProgress {
  /** 0..1 of the whole study. */
  fraction: number;
  message: string;
}

export interface StudyControl {
  signal?: AbortSignal;
  onProgress?: (p: StudyProgress) => void;
}

/** Thrown by a runner once its signal is aborted. */
export class StudyCancelled extends Error {
  constructor() {
    super('study cancelled');
    this.name = 'StudyCancelled';
  }
}

/** A rectangular view of some series, for the page's table and the CSV export. */
export interface StudyTable {
  name: string;
  columns: string[];
  rows: (number | string | null)[][];
}

export type StudySettings = Record<string, number | number[] | string>;

export interface Study<S extends StudySettings = StudySettings, R extends object = object> {
  name: string;
  title: string;
  /** The claim in one paragraph. */
  claim: string;
  citations: Citation[];
  paperNumbers: PaperNumber[];
  /** The setup's fields, in the order the page shows them; `schema` is built from them. */
  fields: SettingField[];
  schema: z.ZodType<S>;
  /** Measures; the result's fields are the series the CLI prints beside the verdict. */
  run(settings: S, env: StudyEnv, control?: StudyControl): Promise<R>;
  verdict(result: R, settings: S): Verdict;
  tables(result: R): StudyTable[];
}

/** Throws StudyCancelled once the signal is aborted; runners call it between units of work. */
export function checkCancelled(control?: StudyControl): void {
  if (control?.signal?.aborted) throw new StudyCancelled();
}
