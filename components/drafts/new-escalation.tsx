/**
 * Starting an escalation by ICCID from the drafts tab. The duplicate check comes first (seed 004: one
 * ticket per problem): when an open draft exists for that ICCID, it is offered before a new one.
 */
import { useId, useState, type FormEvent } from 'react';
import type { DraftsApi } from '../../lib/drafts/drafts-api';
import type { Draft } from '../../lib/escalation/draft';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import { prefillFields } from '../../lib/escalation/prefill';
import { defaultVendor, getVendor } from '../../lib/escalation/vendors';
import { parseIccid } from '../../lib/telecom/iccid';
import { readIccidSelection } from '../../lib/drafts/multi-iccid';
import { scopeForIccidCount } from '../../lib/escalation/priority';
import { useI18n } from '../i18n';
import { DraftRow } from './draft-row';

export interface NewEscalationProps {
  drafts: DraftsApi;
  defaultVendorId?: string;
  /** Custom/managed profiles win over built-in ones with the same id (the default vendor may be custom). */
  vendors?: readonly VendorProfile[];
  onOpen: (draftId: string) => void;
}

const BUTTON =
  'rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-600 dark:hover:bg-slate-800';

export function NewEscalation({ drafts, defaultVendorId, vendors = [], onOpen }: NewEscalationProps) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [existing, setExisting] = useState<Draft | null>(null);

  const create = async (iccid: string, all: readonly string[] = [iccid]) => {
    const vendor = (defaultVendorId && getVendor(defaultVendorId, vendors)) || defaultVendor();
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    // Issue 16: several ICCIDs make one incident; their number suggests the scope.
    const incident = all.length > 1 ? { iccids: [...all], scope: scopeForIccidCount(vendor, all.length) } : {};
    const created = await drafts.createDraft({
      vendorId: vendor.id,
      iccid,
      ...incident,
      fields: prefillFields(vendor, { iccid, now: new Date(), timeZone }),
    });
    if (!created.ok) {
      setError(t('drStartFailed'));
      return;
    }
    setText('');
    setExisting(null);
    onOpen(created.draft.id);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setExisting(null);
    const parsed = parseIccid(text);
    const several = parsed.ok ? null : readIccidSelection(text);
    if (several && several.iccids.length > 1) {
      // Each ICCID is checked for an open draft (seed 004: one ticket per problem).
      for (const iccid of several.iccids) {
        const found = await drafts.findOpenDraftForIccid(iccid);
        if (found.ok && found.draft) return setExisting(found.draft);
      }
      if (several.leftOut.length > 0) setError(t('incidentLeftOut', several.leftOut.map((l) => l.text).join(', ')));
      return create(several.iccids[0]!, several.iccids);
    }
    if (!parsed.ok) {
      setError(t(`iccidError_${parsed.error.code}`));
      return;
    }
    const found = await drafts.findOpenDraftForIccid(parsed.iccid);
    if (!found.ok) {
      setError(t('drStartFailed'));
      return;
    }
    if (found.draft) setExisting(found.draft);
    else await create(parsed.iccid);
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-2" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} className="text-base font-semibold">
        {t('drNewHeading')}
      </h2>
      <label htmlFor={`${id}-iccid`} className="text-sm font-medium">
        {t('drNewIccid')}
      </label>
      <div className="flex gap-2">
        <input
          id={`${id}-iccid`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={text}
          aria-invalid={error !== null || undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          onChange={(e) => setText(e.target.value)}
          className="w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
        />
        <button type="submit" className={BUTTON}>
          {t('drNewStart')}
        </button>
      </div>
      {error && (
        <p id={`${id}-err`} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {existing && (
        <div
          role="alert"
          className="space-y-2 rounded border border-amber-400 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-200"
        >
          <p>{t('drDuplicate')}</p>
          <DraftRow draft={existing} onOpen={onOpen} />
          <button type="button" className={BUTTON} onClick={() => void create(existing.iccid!)}>
            {t('drStartAnyway')}
          </button>
        </div>
      )}
    </form>
  );
}
