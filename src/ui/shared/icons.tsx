/**
 * Inline SVG icons (24×24 grid, stroked with currentColor). All are decorative: the buttons
 * around them carry the accessible names.
 * @module
 */
import type { JSX } from 'preact';
import { ICON_ATTRS, PATHS, type IconName } from './icon-paths';

export type { IconName } from './icon-paths';

/** An icon as an inline SVG; `filled` fills the shape (stars, chat bubble). */
export function Icon({
  name,
  size = 20,
  filled = false,
  class: className,
}: {
  name: IconName;
  size?: number;
  filled?: boolean;
  class?: string;
}): JSX.Element {
  return (
    // biome-ignore lint/a11y/noSvgWithoutTitle: decorative, ICON_ATTRS sets aria-hidden="true"; the surrounding button is named
    <svg
      {...ICON_ATTRS}
      class={className ? `sc-icon ${className}` : 'sc-icon'}
      width={size}
      height={size}
      fill={filled ? 'currentColor' : 'none'}
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
