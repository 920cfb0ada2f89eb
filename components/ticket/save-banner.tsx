/**
 * The autosave state, said plainly: saved / saving / not saved yet, and the two situations that need
 * the agent — a conflict with another window (keep mine / take theirs) and a storage failure (the text
 * stays in memory; export it, then retry).
 */
import { draftCapViolation, type Draft } from '../../lib/escalation/draft';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import { pick, useI18n, type Locale, type Translate } from '../i18n';
import type { DraftAutosave } from './use-draft';

const BUTTON =
  'rounded border border-current px-2 py-0.5 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500';

/** Offers the draft as a JSON file: the way out when the database cannot take it (drafts hold no secrets). */
export function exportDraftFile(draft: Draft): void {
  const blob = new Blob([JSON.stringify({ format: 'helpdesk-assistant-draft', draft }, null, 2)], {
    type: 'application/json',
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `draft-${draft.id}.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Words a `too-large` refusal (issue 12: caps of DRAFT_LIMITS): which field or limit, and the figures. The
 * store names the cap in its error, but the session keeps only the code, so the cap is found again on
 * the draft in memory — the very text the agent typed, which stays there.
 */
function tooLargeMessage(draft: Draft | null, vendor: VendorProfile | undefined, t: Translate, locale: Locale): string {
  const v = draft ? draftCapViolation(draft) : null;
  if (v === null) return t('tkErrorInvalid');
  const n = (x: number) => x.toLocaleString(locale);
  if (v.cap === 'fields') return t('tkErrorTooManyFields', [n(v.max), n(v.actual)]);
  if (v.cap === 'draft') return t('tkErrorDraftTooLarge', [n(v.max), n(v.actual)]);
  const field = vendor?.fields.find((f) => f.id === v.fieldId);
  const label = field ? pick(field.label, locale) : v.fieldId;
  return t('tkErrorFieldTooLarge', [label, n(v.max), n(v.actual)]);
}

export function SaveBanner({ autosave, vendor }: { autosave: DraftAutosave; vendor?: VendorProfile }) {
  const { t } = useI18n();
  const { status } = autosave;
  return (
    <div className="space-y-2">
      <p
        role="status"
        className="text-xs text-slate-600 dark:text-slate-300"
        data-testid="save-status"
        data-status={status}
      >
        {status === 'saved' && t('tkSaved')}
        {status === 'saving' && t('tkSaving')}
        {status === 'pending' && t('tkPending')}
      </p>
      <SaveProblems autosave={autosave} vendor={vendor} />
    </div>
  );
}

/**
 * What needs the agent: a conflict with another window (keep mine / take theirs), a storage failure
 * (export, retry — the text stays in memory) and one-off notices. Shared by every surface that edits a
 * draft (the ticket editor, the popup).
 */
export function SaveProblems({
  autosave,
  vendor,
}: {
  autosave: DraftAutosave;
  /** The draft's vendor, to name a field by its label. */
  vendor?: VendorProfile | undefined;
}) {
  const { t, locale } = useI18n();
  const { status, errorCode, notice, draft } = autosave;
  return (
    <>
      {status === 'conflict' && (
        <div
          role="alert"
          className="space-y-2 rounded border border-red-400 bg-red-50 p-2 text-sm text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-200"
        >
          <p>{t('tkConflict')}</p>
          <div className="flex gap-2">
            <button type="button" className={BUTTON} onClick={() => void autosave.keepMine()}>
              {t('tkKeepMine')}
            </button>
            <button type="button" className={BUTTON} onClick={() => autosave.takeTheirs()}>
              {t('tkTakeTheirs')}
            </button>
          </div>
        </div>
      )}
      {status === 'error' && (
        <div
          role="alert"
          className="space-y-2 rounded border border-red-400 bg-red-50 p-2 text-sm text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-200"
        >
          <p>
            {errorCode === 'quota'
              ? t('tkErrorQuota')
              : errorCode === 'blocked'
                ? t('tkErrorBlocked')
                : errorCode === 'invalid'
                  ? t('tkErrorInvalid')
                  : errorCode === 'too-large'
                    ? tooLargeMessage(draft, vendor, t, locale)
                    : t('tkErrorUnknown')}
          </p>
          <div className="flex gap-2">
            {draft && (
              <button type="button" className={BUTTON} onClick={() => exportDraftFile(draft)}>
                {t('tkExportDraft')}
              </button>
            )}
            <button type="button" className={BUTTON} onClick={() => void autosave.retry()}>
              {t('tkRetry')}
            </button>
          </div>
        </div>
      )}
      {notice && (
        <p className="flex items-center gap-2 rounded bg-blue-50 p-2 text-sm text-blue-900 dark:bg-blue-950 dark:text-blue-200">
          <span>{t(`tkNotice_${notice}`)}</span>
          <button type="button" className={BUTTON} onClick={() => autosave.dismissNotice()}>
            {t('tkDismiss')}
          </button>
        </p>
      )}
    </>
  );
}
