/**
 * Shared class names of the sidebar views: one visible focus ring and one button look, so every
 * control is keyboard-visible the same way in light and dark mode.
 */

/** Visible focus for keyboard users (not on mouse clicks). */
export const focusRing =
  'focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-500';

/** A secondary action button. */
export const buttonClass = `rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700 ${focusRing}`;

/** A primary action button. */
export const primaryButtonClass = `rounded bg-blue-700 px-2 py-1 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50 dark:bg-blue-500 dark:text-slate-950 dark:hover:bg-blue-400 ${focusRing}`;

/** A section card. */
export const sectionClass = 'rounded border border-slate-200 p-3 dark:border-slate-700';

/** Section headings. */
export const headingClass = 'mb-2 text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300';

/** Secondary text (readable contrast in both themes). */
export const mutedClass = 'text-slate-600 dark:text-slate-300';
