/**
 * In context (issue 18): on the portal, the open escalations of the subscriber and of each ICCID on the
 * page — "Open escalation with eSIM Go — in 3 h 0 min" — each opening the escalation in the sidebar.
 */
import { useEffect, useState } from 'react';
import type { DraftsApi } from '../../lib/drafts/drafts-api';
import type { OpenEscalation } from '../../lib/drafts/escalations';
import { escalationState } from '../../lib/escalation/escalation';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import { builtInVendors, getVendor, vendorDisplayName } from '../../lib/escalation/vendors';
import type { PageContext } from '../../lib/portal/page-context';
import { formatCountdown } from '../escalations/format';
import { pick, useI18n } from '../i18n';

export interface OpenEscalationsProps {
  drafts: Pick<DraftsApi, 'listOpenEscalations' | 'watch'>;
  context: PageContext;
  now: Date;
  vendors?: readonly VendorProfile[];
  onOpen: (draftId: string) => void;
}

export function OpenEscalations({
  drafts,
  context,
  now,
  vendors = builtInVendors,
  onOpen,
}: OpenEscalationsProps) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<OpenEscalation[]>([]);
  const subscriberId = context.subscriber?.id ?? null;
  const iccids = [
    ...new Set(
      [...context.iccids, ...context.esims.map((e) => e.iccid)].filter(
        (i): i is string => typeof i === 'string',
      ),
    ),
  ].filter((i) => /^89\d{17,18}$/.test(i));
  const iccidKey = iccids.join(',');

  useEffect(() => {
    let current = true;
    const load = () =>
      void drafts.listOpenEscalations({ subscriberId, iccids }).then((r) => {
        if (current && r.ok) setOpen(r.escalations);
      });
    load();
    const unwatch = drafts.watch(load);
    return () => {
      current = false;
      unwatch();
    };
    // iccidKey stands for the list.
  }, [drafts, subscriberId, iccidKey]);

  if (open.length === 0) return null;
  return (
    <section
      aria-labelledby="sb-open-esc"
      className="space-y-1 rounded border border-slate-200 p-2 dark:border-slate-700"
      data-testid="open-escalations"
    >
      <h2 id="sb-open-esc" className="text-sm font-semibold">
        {t('escSidebarHeading')}
      </h2>
      <ul className="space-y-1 text-sm">
        {open.map(({ draft, escalation }) => {
          const vendor = getVendor(escalation.vendorId, vendors);
          const state = vendor ? escalationState(vendor, escalation, now) : null;
          const when = state?.dueAt ? formatCountdown(t, state.dueAt, now) : t('boardNoDue');
          const status = state?.status ? ` · ${pick(state.status.label, locale)}` : '';
          return (
            <li key={draft.id}>
              <button
                type="button"
                className={`text-left underline ${state?.overdue ? 'font-semibold text-red-700 dark:text-red-400' : 'text-blue-700 dark:text-blue-300'}`}
                onClick={() => onOpen(draft.id)}
              >
                {t('escSidebarLine', [
                  (vendor ? vendorDisplayName(vendor, locale) : undefined) ?? escalation.vendorId,
                  when,
                ])}
                {escalation.ticketRef !== null ? ` · #${escalation.ticketRef}` : ''}
                {status}
              </button>
              {draft.iccid && (
                <span className="block text-xs text-slate-600 dark:text-slate-300">{draft.iccid}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
