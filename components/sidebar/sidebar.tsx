/**
 * The portal sidebar: what the page shows, at a glance. Presentational: the context comes in as a
 * prop (from the background's channel); page text is only ever rendered as text.
 */
import { formatIccid } from '../../lib/telecom/iccid';
import type { PageContext } from '../../lib/portal/page-context';
import { useI18n } from '../i18n';

export type SidebarStatus = 'connecting' | 'waiting' | 'ready' | 'not-a-portal';

export interface SidebarProps {
  status: SidebarStatus;
  context: PageContext | null;
  openDraftId: string | null;
  onClose: () => void;
}

export function Sidebar({ status, context, onClose }: SidebarProps) {
  const { t } = useI18n();
  return (
    <div className="flex h-screen flex-col">
      <header className="flex items-center justify-between border-b border-slate-200 px-3 py-2 dark:border-slate-700">
        <h1 className="text-base font-semibold">{t('extName')}</h1>
        <button type="button" onClick={onClose} className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800" aria-label={t('sidebarClose')}>
          ×
        </button>
      </header>
      <main className="flex-1 overflow-auto p-3">
        {status === 'not-a-portal' && <p role="status">{t('sidebarNotAPortal')}</p>}
        {(status === 'connecting' || status === 'waiting') && <p role="status">{t('sidebarWaiting')}</p>}
        {status === 'ready' && context && <IccidList iccids={context.iccids} />}
      </main>
    </div>
  );
}

function IccidList({ iccids }: { iccids: string[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="iccids-heading">
      <h2 id="iccids-heading" className="mb-2 text-sm font-semibold uppercase text-slate-500">
        {t('sidebarIccidsOnPage', String(iccids.length))}
      </h2>
      {iccids.length === 0 ? (
        <p>{t('sidebarNoIccids')}</p>
      ) : (
        <ul aria-label={t('sidebarIccidListLabel')} className="space-y-1 font-mono text-sm">
          {iccids.map((iccid) => (
            <li key={iccid} data-iccid={iccid}>
              {formatIccid(iccid)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
