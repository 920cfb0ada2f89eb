/**
 * Issue 17: a ticket about a subscriber (the sidebar's "Escalate about this subscriber") names no eSIM
 * yet; when the portal page shows that subscriber's eSIMs, each is one click away — the vendor asks for
 * the ICCID first (seed 000) and the agent should not have to copy it across by hand.
 */
import type { Draft } from '../../lib/escalation/draft';
import type { PageContext } from '../../lib/portal/page-context';
import { formatIccid } from '../../lib/telecom/iccid';
import { useI18n } from '../i18n';

const BUTTON =
  'rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-600 dark:hover:bg-slate-800';

/** The page's eSIMs of the draft's subscriber, when the draft has no ICCID yet. */
export function pickableEsims(draft: Draft, context: PageContext | null): Array<{ iccid: string; lineName: string | undefined }> {
  const subscriber = context?.subscriber;
  if (draft.iccid !== null || !context || !subscriber) return [];
  const same =
    (draft.subscriberId !== null && draft.subscriberId === subscriber.id) ||
    (draft.subscriberId === null && draft.subscriberName !== null && draft.subscriberName === subscriber.name);
  if (!same) return [];
  return context.esims.flatMap((e) => (e.iccid ? [{ iccid: e.iccid, lineName: e.lineName }] : []));
}

export function IccidPicker({ draft, context, onPick }: { draft: Draft; context: PageContext | null; onPick: (iccid: string) => void }) {
  const { t } = useI18n();
  const esims = pickableEsims(draft, context);
  if (esims.length === 0) return null;
  return (
    <div role="group" aria-label={t('flowPickIccid')} className="space-y-1">
      <p className="text-sm font-medium">{t('flowPickIccid')}</p>
      <div className="flex flex-wrap gap-2">
        {esims.map((e) => (
          <button key={e.iccid} type="button" className={BUTTON} onClick={() => onPick(e.iccid)}>
            {t('flowUseEsim', [e.lineName ?? formatIccid(e.iccid), e.iccid.slice(-4)])}
          </button>
        ))}
      </div>
    </div>
  );
}
