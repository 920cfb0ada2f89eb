/**
 * Small shared pieces of the Options page: a section frame, buttons, a file picker and an error list.
 */
import { useId, type ReactNode } from 'react';

export const buttonClass =
  'rounded border border-blue-700 px-3 py-1 text-sm text-blue-800 hover:bg-blue-50 disabled:opacity-50 dark:border-blue-400 dark:text-blue-200 dark:hover:bg-slate-800';
export const primaryClass =
  'rounded border border-blue-700 bg-blue-700 px-3 py-1 text-sm text-white hover:bg-blue-800 disabled:opacity-50';
export const inputClass =
  'rounded border border-slate-400 bg-white px-2 py-1 text-sm dark:border-slate-500 dark:bg-slate-800';

/** A titled section of the page (a landmark with the heading as its name). */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className="mb-8 rounded-lg border border-slate-200 p-4 dark:border-slate-700"
    >
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A visible, labelled file input; hands the chosen file's text over. */
export function FilePicker({
  label,
  accept,
  onText,
}: {
  label: string;
  accept: string;
  onText: (text: string, name: string) => void;
}) {
  const id = useId();
  return (
    <span className="inline-flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="file"
        accept={accept}
        className="text-sm"
        onChange={async (e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) onText(await file.text(), file.name);
        }}
      />
    </span>
  );
}

/** A list of errors, each naming where the problem is. Announced when it appears. */
export function ErrorList({ title, errors }: { title: string; errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <div
      role="alert"
      className="mt-2 rounded border border-red-700 bg-red-50 p-2 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-semibold">{title}</p>
      <ul className="list-disc pl-5">
        {errors.map((e, i) => (
          <li key={i} className="font-mono whitespace-pre-wrap">
            {e}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A one-line success/progress message. */
export function Notice({ text }: { text: string | null }) {
  return (
    <p role="status" className="mt-2 min-h-5 text-sm text-green-800 dark:text-green-300">
      {text ?? ''}
    </p>
  );
}
