/**
 * Inline SVG icons (24×24 grid, stroked with currentColor). All are decorative: the buttons
 * around them carry the accessible names.
 * @module
 */
import type { JSX } from 'preact';
import { PATHS, type IconName } from './icon-paths';


export type { IconName } from './icon-paths';

/** An icon as an inline SVG; `filled` fills the shape (stars, chat bubble). */
export function Icon({ name, size = 20, filled = false, class: className }: { name: IconName; size?: number; filled?: boolean; class?: string }): JSX.Element {
  return (
    <svg
      class={className ? `sc-icon ${className}` : 'sc-icon'}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
