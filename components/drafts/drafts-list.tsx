/**
 * All drafts, searchable (ICCID — grouped or last digits —, subscriber, vendor, any text) and
 * filterable by status and vendor; each row shows how complete it is and opens the draft.
 */
import { useId, useState } from 'react';
import type { DraftsApi } from '../../lib/drafts/drafts-api';
import { DraftStatusSchema, type DraftStatus } from '../../lib/escalation/draft';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import { builtInVendors } from '../../lib/escalation/vendors';
import { useI18n } from '../i18n';
import { VendorSelect } from '../vendor-select';
import { DraftRow } from './draft-row';
import { useLive } from './use-live';

export interface DraftsListProps {
  drafts: DraftsApi;
  onOpen: (draftId: string) => void;
  selectedId?: string | null;
  vendors?: readonly VendorProfile[];
}

const INPUT =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100';

export function DraftsList({ drafts, onOpen, selectedId, vendors = builtInVendors }: DraftsListProps) {
  const { t } = useI18n();
  const id = useId();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<DraftStatus | ''>('open');
  const [vendorId, setVendorId] = useState('');
  const result = useLive(
    drafts,
    () =>
      drafts.searchDrafts(query, {
        ...(status ? { status } : {}),
        ...(vendorId ? { vendorId } : {}),
        limit: 100,
      }),
    [query, status, vendorId],
  );

  return (
    <section aria-labelledby={`${id}-h`} className="space-y-2">
      <h2 id={`${id}-h`} className="text-base font-semibold">
        {t('drHeading')}
      </h2>
      <div role="search" className="space-y-2">
        <label htmlFor={`${id}-q`} className="text-sm font-medium">
          {t('drSearch')}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          className={INPUT}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby={`${id}-q-help`}
        />
        <p id={`${id}-q-help`} className="text-xs text-slate-600 dark:text-slate-300">
          {t('drSearchHelp')}
        </p>
        <div className="grid grid-cols-2 gap-2">
          <div>
            <label htmlFor={`${id}-status`} className="text-sm font-medium">
              {t('drStatusFilter')}
            </label>
            <select
              id={`${id}-status`}
              className={INPUT}
              value={status}
              onChange={(e) => setStatus(e.target.value as DraftStatus | '')}
            >
              <option value="">{t('drAll')}</option>
              {DraftStatusSchema.options.map((s) => (
                <option key={s} value={s}>
                  {t(`drStatus_${s === 'handed-over' ? 'handedOver' : s}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-vendor`} className="text-sm font-medium">
              {t('drVendorFilter')}
            </label>
            <VendorSelect
              id={`${id}-vendor`}
              className={INPUT}
              vendors={vendors}
              value={vendorId}
              emptyLabel={t('drAll')}
              onChange={setVendorId}
            />
          </div>
        </div>
      </div>
      {result === undefined ? (
        <p role="status" className="text-sm">
          {t('drLoading')}
        </p>
      ) : !result.ok ? (
        <p role="alert" className="text-sm">
          {t('drLoadFailed')}
        </p>
      ) : (
        <>
          <p role="status" className="text-sm" data-testid="drafts-count">
            {t('drCount', String(result.total))}
          </p>
          {result.drafts.length > 0 && (
            <ul aria-label={t('drListLabel')} className="space-y-1">
              {result.drafts.map((d) => (
                <li key={d.id}>
                  <DraftRow draft={d} onOpen={onOpen} current={d.id === selectedId} />
                </li>
              ))}
            </ul>
          )}
          {result.invalid.length > 0 && (
            <p className="text-xs">{t('drInvalidRows', String(result.invalid.length))}</p>
          )}
        </>
      )}
    </section>
  );
}
