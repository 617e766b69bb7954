import type { ReactNode } from 'react';

interface SectionProps {
  id: string;
  title: string;
  description?: ReactNode;
  /** Controls shown at the right of the heading (e.g. a refresh button). */
  actions?: ReactNode;
  children: ReactNode;
}

/** One card of the options page, labelled by its heading so it is a landmark to jump to. */
export function Section({ id, title, description, actions, children }: SectionProps) {
  const headingId = `${id}-heading`;
  return (
    <section id={id} className="card" aria-labelledby={headingId}>
      <div className="card-header">
        <div>
          <h2 id={headingId}>{title}</h2>
          {description && <p className="card-description">{description}</p>}
        </div>
        {actions && <div className="card-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
