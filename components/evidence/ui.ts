/** Shared Tailwind classes of the evidence panel (light and dark, visible focus). */
export const BUTTON =
  'rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800';
export const PRIMARY =
  'rounded bg-blue-700 px-2 py-1 text-sm text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:ring-offset-1 disabled:opacity-50';
export const SELECT =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';
export const HINT = 'text-xs text-slate-600 dark:text-slate-300';
export const ALERT = 'text-sm text-red-700 dark:text-red-300';
