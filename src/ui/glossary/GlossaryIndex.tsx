import type { ReactElement } from 'react';
import { GLOSSARY } from '../../core/learn/glossary';

/** Every glossary entry in one list, for reading ahead of the quantities. */
export function GlossaryIndex(): ReactElement {
  return (
    <details className="glossary-index" data-testid="glossary-index">
      <summary>Glossary ({GLOSSARY.length} quantities)</summary>
      <dl>
        {GLOSSARY.map((e) => (
          <div key={e.id} id={`glossary-entry-${e.id}`}>
            <dt>{e.term}</dt>
            <dd>
              {e.what} <em>Here:</em> {e.how} <em>Cost:</em> {e.cost}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
