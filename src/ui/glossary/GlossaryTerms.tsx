import type { ReactElement } from 'react';
import { glossaryEntry } from '../../core/learn/glossary';
import { GlossaryTip } from './GlossaryTip';

/** A row of short names, each with its "?", for a view whose quantities are drawn inside a chart. */
export function GlossaryTerms({ terms }: { terms: string[] }): ReactElement {
  return (
    <span className="glossary-terms muted small">
      {terms.map((t) => (
        <span key={t} className="glossary-term">
          {glossaryEntry(t)?.short ?? t}
          <GlossaryTip term={t} />
        </span>
      ))}
    </span>
  );
}
