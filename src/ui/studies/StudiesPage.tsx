/**
 * The Studies tab: a page per study with its claim and citation, the editable setup, progress and
 * cancel, plots and tables of what was measured, the verdict with the numbers it rests on, and
 * JSON / CSV / PNG export. Runs happen in the studies worker (controllers/studies.ts).
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { STUDIES, getStudy } from '../../core/studies/registry';
import { reportJson, tableCsv, type StudyReport } from '../../core/studies/run';
import type { SettingField } from '../../core/studies/settings';
import { cancelStudy, runSelectedStudy, startStudiesLink, studyInputs } from '../../controllers/studies';
import { useAppStore } from '../../state/store';
import { ExportButtons } from '../network/ExportButtons';
import { STUDY_PLOTS } from './plots';
import { SeriesPlot } from './SeriesPlot';
import { SkipMaps } from './SkipMaps';
import type { SkipConnectionsResult } from '../../core/studies/skip-connections';
import './studies.css';

/** The tab button in the top bar; mounted once, it also applies a link's ?study= and keeps the link in step. */
export function StudiesTab(): ReactElement {
  const open = useAppStore((s) => s.studiesOpen);
  const setOpen = useAppStore((s) => s.setStudiesOpen);
  useEffect(() => startStudiesLink(), []);
  return (
    <button type="button" className={`studies-tab${open ? ' on' : ''}`} aria-pressed={open} data-testid="studies-tab" onClick={() => setOpen(!open)}>
      Studies
    </button>
  );
}

function SettingInput({ study, field, value, disabled }: { study: string; field: SettingField; value: string; disabled: boolean }): ReactElement {
  const set = useAppStore((s) => s.setStudyInput);
  const id = `study-${study}-${field.key}`;
  return (
    <label className="study-field" htmlFor={id} title={field.help}>
      <span>{field.label}</span>
      {field.kind === 'choice' ? (
        <select id={id} value={value} disabled={disabled} data-testid={id} onChange={(e) => set(study, field.key, e.target.value)}>
          {field.choices.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      ) : (
        <input id={id} value={value} disabled={disabled} data-testid={id} onChange={(e) => set(study, field.key, e.target.value)} />
      )}
    </label>
  );
}

function cell(v: number | string | null): string {
  if (v === null) return '–';
  if (typeof v === 'string') return v;
  return Number.isInteger(v) ? String(v) : v.toPrecision(4);
}

function Report({ report }: { report: StudyReport }): ReactElement {
  const view = useRef<HTMLDivElement>(null);
  const plots = STUDY_PLOTS[report.study]?.(report.result) ?? [];
  const v = report.verdict;
  return (
    <section className="study-report">
      <div className={`study-verdict ${v.outcome}`} data-testid="study-verdict">
        <strong>Verdict: {v.outcome}</strong> — {v.summary}
        <span className="muted small"> ({(report.ms / 1000).toFixed(1)} s on {String(report.result.backend ?? '')})</span>
      </div>
      <table className="study-numbers" data-testid="study-numbers">
        <thead>
          <tr>
            <th>measured</th>
            <th>value</th>
            <th>the claim expects</th>
          </tr>
        </thead>
        <tbody>
          {v.numbers.map((n) => (
            <tr key={n.label}>
              <td>{n.label}</td>
              <td>{cell(n.value)}</td>
              <td>{n.expected}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ExportButtons
        id="study"
        base={`curvscape-study-${report.study}`}
        fileBase={`curvscape-study-${report.study}`}
        title={`${report.title}: ${v.outcome}`}
        view={view}
        json={() => reportJson(report)}
        extra={report.tables.map((t) => ({ label: report.tables.length > 1 ? `CSV ${t.name}` : 'CSV', file: `curvscape-study-${report.study}-${t.name}.csv`, type: 'text/csv', make: () => tableCsv(t) }))}
      />
      <div className="study-plots" ref={view}>
        {plots.map((p, i) => (
          <SeriesPlot key={p.title} spec={p} testId={`study-plot-${i}`} />
        ))}
      </div>
      {report.study === 'skip-connections' && <SkipMaps result={report.result as unknown as SkipConnectionsResult} />}
      {report.tables.map((t) => (
        <details key={t.name} open={t.rows.length <= 12}>
          <summary>
            table: {t.name} ({t.rows.length} rows)
          </summary>
          <table className="study-table" data-testid={`study-table-${t.name}`}>
            <thead>
              <tr>
                {t.columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.slice(0, 400).map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j}>{cell(c)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </section>
  );
}

/** Where the top bar ends: the page sits under it, and the bar grows when it wraps on narrow screens. */
function useBelowTopbar(): number {
  const [top, setTop] = useState(52);
  useEffect(() => {
    const bar = document.querySelector('.topbar');
    if (!bar) return;
    const update = (): void => setTop(bar.getBoundingClientRect().bottom);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(bar);
    return () => observer.disconnect();
  }, []);
  return top;
}

export function StudiesPage(): ReactElement | null {
  const top = useBelowTopbar();
  const open = useAppStore((s) => s.studiesOpen);
  const name = useAppStore((s) => s.studyName);
  const select = useAppStore((s) => s.selectStudy);
  const running = useAppStore((s) => s.studyRunning);
  const progress = useAppStore((s) => s.studyProgress);
  const error = useAppStore((s) => s.studyError);
  const report = useAppStore((s) => s.studyReports[s.studyName]);
  useAppStore((s) => s.studyInputs[s.studyName]);
  if (!open) return null;
  const study = getStudy(name);
  const inputs = studyInputs(name);
  return (
    <div className="studies-page" data-testid="studies-page" style={{ top }}>
      <nav className="studies-list">
        {STUDIES.map((s) => (
          <button key={s.name} type="button" className={s.name === name ? 'on' : ''} disabled={running} data-testid={`study-${s.name}`} onClick={() => select(s.name)}>
            {s.title}
          </button>
        ))}
      </nav>
      <article className="study">
        <h2>{study.title}</h2>
        <p className="study-claim">{study.claim}</p>
        <p className="muted small">
          {study.citations.map((c) => `${c.authors} (${c.year}), “${c.title}”`).join('; ')}
        </p>
        {study.paperNumbers.length > 0 && (
          <ul className="study-paper">
            {study.paperNumbers.map((n) => (
              <li key={n.label}>
                {n.label}: <strong>{n.value}</strong> <span className="muted small">({n.source})</span>
              </li>
            ))}
          </ul>
        )}
        <fieldset className="study-setup" disabled={running}>
          <legend>Setup (digits, fixed split; the defaults take about two minutes on wasm)</legend>
          {study.fields.map((f) => (
            <SettingInput key={f.key} study={name} field={f} value={inputs[f.key] ?? ''} disabled={running} />
          ))}
        </fieldset>
        <div className="study-controls">
          <button type="button" data-testid="study-run" disabled={running} onClick={() => void runSelectedStudy()}>
            Run
          </button>
          <button type="button" data-testid="study-cancel" disabled={!running} onClick={cancelStudy}>
            Cancel
          </button>
          {progress && (
            <span role="status" data-testid="study-progress">
              <progress max={1} value={progress.fraction} /> {Math.round(100 * progress.fraction)}% {progress.message}
            </span>
          )}
          {error && (
            <span className="study-error" data-testid="study-error">
              {error}
            </span>
          )}
        </div>
        {report && <Report report={report} />}
      </article>
    </div>
  );
}
