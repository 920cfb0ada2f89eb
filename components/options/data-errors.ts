/**
 * Turns the problems of an import or of stored/managed data into the lines of an error list: where
 * (the JSON path) first, then what — the translated code and the plain English detail.
 */
import type { DataProblem, DataProblemCode } from '../../lib/settings/data-problem';
import type { Translate } from '../i18n';

/** The translated name of a problem code. */
export function problemCodeText(t: Translate, code: DataProblemCode): string {
  return t(`cdErr_${code.replace(/-/g, '_')}`);
}

/**
 * The lines for a refused import: one per issue when the file parsed but failed validation (issues
 * without a code are schema problems), else one line about the whole file.
 */
export function importErrorLines(
  t: Translate,
  error: {
    code: DataProblemCode;
    message: string;
    issues: ReadonlyArray<{ path: string; message: string; code?: DataProblemCode }>;
  },
): string[] {
  if (error.issues.length === 0)
    return [`${t('opWholeFile')}: ${problemCodeText(t, error.code)} — ${error.message}`];
  return problemLines(
    t,
    error.issues.map((i) => ({ code: i.code ?? 'schema', path: i.path, message: i.message })),
  );
}

/** `steps[2].label.fr: Invalid — expected string` (the path is `(root)` for the whole file). */
export function problemLines(t: Translate, problems: readonly DataProblem[]): string[] {
  return problems.map((p) => {
    const where = p.path === '' || p.path === '(root)' ? t('opWholeFile') : p.path;
    return `${where}: ${problemCodeText(t, p.code)} — ${p.message}`;
  });
}
