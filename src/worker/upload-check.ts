/** Uploaded data parsed on its own, before any backend or network is built: the first bad line or field, in one message. */
import { parseCsv } from '../core/data/csv';
import { parseProblemText } from '../core/problem/parse';
import type { CustomProblemData, UploadCheck } from '../protocol/problem';

export function checkUpload(custom: CustomProblemData): UploadCheck {
  try {
    if (custom.source === 'csv') parseCsv(custom.text);
    else parseProblemText(custom.text);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: (e as Error).message.split('\n')[0] };
  }
}
