import { PRIMARY_COLOR } from '../app/brand';

/** The platform's mark: a leaf on a green square. */
export function BrandMark({ size = 28, inverted = false }: { size?: number; inverted?: boolean }) {
  const bg = inverted ? '#ffffff' : PRIMARY_COLOR;
  const fg = inverted ? PRIMARY_COLOR : '#ffffff';
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill={bg} />
      <path d="M9 22c0-8 6-13 15-13-1 9-6 14-13 14l-2-1z" fill={fg} />
      <path d="M9 23l8-8" stroke={bg} strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
