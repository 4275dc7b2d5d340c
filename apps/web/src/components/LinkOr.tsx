import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

interface LinkOrProps {
  /** Where the text links to; null where the viewer may not open that page. */
  to: string | null | undefined;
  /** What is named (a product, a project, an enterprise); null where there is nothing to name. */
  text: string | null | undefined;
  /** Shown, as plain text, when there is nothing to name. */
  fallback?: ReactNode;
  'data-testid'?: string;
}

/** A name as a link to its page where there is one to open, plain text otherwise. */
export function LinkOr({ to, text, fallback = '—', 'data-testid': testId }: LinkOrProps) {
  if (to && text) {
    return (
      <Link to={to} data-testid={testId}>
        {text}
      </Link>
    );
  }
  return <>{text ?? fallback}</>;
}
