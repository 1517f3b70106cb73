import { useState, type ReactElement } from 'react';
import { CHAPTERS } from '../../core/learn/chapters';
import { useAppStore } from '../../state/store';
import { getDemo } from '../demos';
import { errorText } from '../error-text';
import { GlossaryIndex } from '../glossary/GlossaryIndex';
import { applyChapter, openDemo } from './apply-chapter';
import './learn.css';

/**
 * The Learn path: the article's chapters as guided experiments on the live app. It sits at the
 * top of the sidebar, so each chapter's paragraph is beside the plots it talks about.
 */
export function LearnPanel(): ReactElement | null {
  const open = useAppStore((s) => s.learnOpen);
  const applied = useAppStore((s) => s.chapter);
  const setOpen = useAppStore((s) => s.setLearnOpen);
  const [shown, setShown] = useState<string>(applied ?? CHAPTERS[0].id);
  const [busy, setBusy] = useState(false);
  if (!open) return null;
  const index = Math.max(0, CHAPTERS.findIndex((c) => c.id === shown));
  const chapter = CHAPTERS[index];

  const apply = async (): Promise<void> => {
    setBusy(true);
    try {
      await applyChapter(chapter.id);
    } catch (e) {
      useAppStore.getState().setNotice({ kind: 'error', text: `Chapter: ${errorText(e)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel learn" data-testid="learn-panel" aria-label="Learn">
      <h2>
        Learn: the Hessian in deep learning
        <button type="button" className="link learn-close" aria-label="close the Learn path" onClick={() => setOpen(false)}>
          ×
        </button>
      </h2>
      <label>
        chapter
        <select data-testid="chapter-select" value={chapter.id} onChange={(e) => setShown(e.target.value)}>
          {CHAPTERS.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </label>
      <div className="buttons">
        <button type="button" data-testid="chapter-prev" disabled={index === 0} onClick={() => setShown(CHAPTERS[index - 1].id)}>
          ←
        </button>
        <button type="button" className="primary" data-testid="chapter-apply" disabled={busy} onClick={() => void apply()}>
          {busy ? 'Setting up…' : chapter.setup.run ? 'Set up and run' : 'Set up'}
        </button>
        <button type="button" data-testid="chapter-next" disabled={index === CHAPTERS.length - 1} onClick={() => setShown(CHAPTERS[index + 1].id)}>
          →
        </button>
        {applied === chapter.id && !busy && <span className="muted small">applied</span>}
      </div>
      <h3 className="learn-title">{chapter.title}</h3>
      <p className="learn-text" data-testid="chapter-text">
        {chapter.text}
      </p>
      <p className="learn-look small" data-testid="chapter-look">
        <strong>Look at: </strong>
        {chapter.look}
      </p>
      {chapter.demos && (
        <div className="buttons wrap">
          {chapter.demos.map((id) => (
            <button key={id} type="button" className="small-button" data-testid={`chapter-demo-${id}`} onClick={() => void openDemo(id)}>
              {getDemo(id)?.title.split('.')[0] ?? id}. demo
            </button>
          ))}
          <span className="muted small">step through in the demos panel</span>
        </div>
      )}
      <p className="learn-cite muted small" data-testid="chapter-citation">
        {chapter.citation}
      </p>
      <GlossaryIndex />
    </section>
  );
}
