/** Fashion-MNIST's uploaded IDX files: kept in this tab for as long as a problem on them may be (re)loaded, since a link cannot carry them. */
import type { IdxUpload } from '../protocol/model-problem';
import type { ProblemSpec } from '../state/problem-spec';

let held: IdxUpload | null = null;

/** The uploaded files a problem needs, or undefined for any problem that reads none. */
export function idxFilesFor(spec: ProblemSpec): IdxUpload | undefined {
  return spec.kind === 'model' && spec.dataset === 'fashion-mnist' ? held ?? undefined : undefined;
}

/** Swaps in newly picked files; returns the ones they replace, to put back if the new problem fails to load. */
export function replaceIdxFiles(next: IdxUpload | null): IdxUpload | null {
  const before = held;
  held = next;
  return before;
}
