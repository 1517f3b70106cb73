/**
 * The Studies tab's intents: run and cancel in the studies worker, and the link. The study and its
 * setup travel in the query string (?study=NAME&study-settings=JSON), beside the hash that holds
 * the Explorer's setup, so neither overwrites the other.
 */
import * as Comlink from 'comlink';
import { getStudy, STUDIES } from '../core/studies/registry';
import { parseSettings, settingsToStrings } from '../core/studies/settings';
import { useAppStore } from '../state/store';
import type { StudiesApi } from '../worker/studies.worker';

const STUDY_PARAM = 'study';
const SETTINGS_PARAM = 'study-settings';

let client: Comlink.Remote<StudiesApi> | null = null;

function studiesWorker(): Comlink.Remote<StudiesApi> {
  if (!client) {
    const w = new Worker(new URL('../worker/studies.worker.ts', import.meta.url), { type: 'module' });
    client = Comlink.wrap<StudiesApi>(w);
  }
  return client;
}

/** The typed setup of `name`, defaults filled in, as strings. */
export function studyInputs(name: string): Record<string, string> {
  const study = getStudy(name);
  const typed = useAppStore.getState().studyInputs[name] ?? {};
  const defaults = settingsToStrings(parseSettings(study.schema, {}));
  return { ...defaults, ...typed };
}

export async function runSelectedStudy(): Promise<void> {
  const st = useAppStore.getState();
  if (st.studyRunning) return;
  const name = st.studyName;
  let settings: Record<string, unknown>;
  try {
    settings = parseSettings(getStudy(name).schema, studyInputs(name)) as Record<string, unknown>;
  } catch (e) {
    st.studyStopped(`Setup: ${(e as Error).message}`);
    return;
  }
  st.studyStarted();
  try {
    const report = await studiesWorker().run(name, settings, Comlink.proxy((p) => useAppStore.getState().setStudyProgress(p)));
    useAppStore.getState().studyFinished(report);
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    useAppStore.getState().studyStopped(/cancelled/.test(msg) ? 'Cancelled.' : `The study failed: ${msg}`);
  }
}

export function cancelStudy(): void {
  void studiesWorker().cancel();
}

function writeQuery(): void {
  const s = useAppStore.getState();
  const url = new URL(window.location.href);
  if (s.studiesOpen) {
    url.searchParams.set(STUDY_PARAM, s.studyName);
    const typed = s.studyInputs[s.studyName];
    if (typed && Object.keys(typed).length) url.searchParams.set(SETTINGS_PARAM, JSON.stringify(typed));
    else url.searchParams.delete(SETTINGS_PARAM);
  } else {
    url.searchParams.delete(STUDY_PARAM);
    url.searchParams.delete(SETTINGS_PARAM);
  }
  if (url.href !== window.location.href) history.replaceState(history.state, '', url.href);
}

/** Opens the tab from a link's ?study=, then keeps the query in step with the tab. */
export function startStudiesLink(): () => void {
  const params = new URL(window.location.href).searchParams;
  const name = params.get(STUDY_PARAM);
  const st = useAppStore.getState();
  if (name && STUDIES.some((s) => s.name === name)) {
    st.selectStudy(name);
    st.setStudiesOpen(true);
    const raw = params.get(SETTINGS_PARAM);
    if (raw) {
      try {
        const typed = JSON.parse(raw) as Record<string, unknown>;
        const strings = Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, String(v)]));
        parseSettings(getStudy(name).schema, strings);
        st.replaceStudyInputs(name, strings);
      } catch (e) {
        st.studyStopped(`Not applied from the link: ${(e as Error).message}`);
      }
    }
  }
  return useAppStore.subscribe((s, prev) => {
    if (s.studiesOpen !== prev.studiesOpen || s.studyName !== prev.studyName || s.studyInputs !== prev.studyInputs) writeQuery();
  });
}
