/**
 * A copy-to-clipboard button that says, to screen readers too, whether the copy worked. The clipboard
 * write is injectable so tests (and surfaces without clipboard access) can supply their own.
 */
import { useState } from 'react';
import { useI18n } from '../i18n';
import { buttonClass } from './ui';

/** Writes text to the clipboard; rejects when the browser refuses. */
export type CopyText = (text: string) => Promise<void>;

/** The page's clipboard (the sidebar frame is allowed `clipboard-write` by its host). */
export const clipboardCopy: CopyText = (text) => navigator.clipboard.writeText(text);

/** Props of {@link CopyButton}. */
export interface CopyButtonProps {
  /** What is copied. */
  text: string;
  /** Accessible name, e.g. "Copy ICCID 8944 …". */
  label: string;
  copy?: CopyText;
}

/** A small "Copy" button with a live "Copied" / "Could not copy" note. */
export function CopyButton({ text, label, copy = clipboardCopy }: CopyButtonProps) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onClick = () => {
    copy(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <span className="inline-flex items-center gap-1">
      <button type="button" className={buttonClass} aria-label={label} onClick={onClick}>
        {t('sbCopy')}
      </button>
      <span role="status" className="text-xs text-slate-600 dark:text-slate-300">
        {state === 'copied' ? t('sbCopied') : state === 'failed' ? t('sbCopyFailed') : ''}
      </span>
    </span>
  );
}
