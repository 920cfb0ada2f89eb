/**
 * The full-page drafts view (an extension tab, `drafts.html`): every draft, a new escalation by ICCID,
 * and the ticket form — for working without a portal open. Which draft is open lives in the URL hash
 * (`#draft=<id>`), so the context menu, the popup and bookmarks can open one directly.
 */
import type { DraftsApi } from '../../lib/drafts/drafts-api';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import type { EvidencePlatform } from '../evidence/evidence-panel';
import { useI18n } from '../i18n';
import { TicketEditor } from '../ticket/ticket-editor';
import { DraftsList } from './drafts-list';
import { NewEscalation } from './new-escalation';
import { EscalationBoard } from '../escalations/board';
import type { EscalationsApi } from '../../lib/drafts/escalations-api';

export interface DraftsPageProps {
  drafts: DraftsApi;
  draftId: string | null;
  onSelect: (draftId: string | null) => void;
  defaultVendorId?: string;
  /** Vendor profiles to offer (built-in + custom + managed; default: the built-in ones). */
  vendors?: readonly VendorProfile[];
  /** The shell's capture glue for a draft's portal page (see TicketEditor). */
  evidencePlatform?: (portalUrl: string | null) => EvidencePlatform | undefined;
  /** Issue 18: the escalation board (shown when no draft is open) and the escalation panel. */
  escalations?: EscalationsApi;
  clock?: () => Date;
}

/** The draft id of a `#draft=<id>` hash, or null. */
export function draftIdFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const id = params.get('draft');
  return id && /^[A-Za-z0-9-]{1,64}$/.test(id) ? id : null;
}

export function DraftsPage({
  drafts,
  draftId,
  onSelect,
  defaultVendorId,
  vendors,
  evidencePlatform,
  escalations,
  clock,
}: DraftsPageProps) {
  const { t } = useI18n();
  return (
    <div className="min-h-screen bg-white text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <header className="border-b border-slate-200 px-4 py-2 dark:border-slate-700">
        <h1 className="text-lg font-semibold">{t('drPageTitle')}</h1>
      </header>
      <div className="grid gap-4 p-4 md:grid-cols-[22rem_1fr]">
        <nav aria-label={t('drNavLabel')} className="space-y-6">
          <NewEscalation
            drafts={drafts}
            onOpen={onSelect}
            {...(defaultVendorId ? { defaultVendorId } : {})}
            {...(vendors ? { vendors } : {})}
          />
          <DraftsList
            drafts={drafts}
            onOpen={onSelect}
            selectedId={draftId}
            {...(vendors ? { vendors } : {})}
          />
        </nav>
        <main className="min-w-0 rounded border border-slate-200 dark:border-slate-700">
          {draftId ? (
            <TicketEditor
              key={draftId}
              drafts={drafts}
              draftId={draftId}
              context={null}
              onClose={() => onSelect(null)}
              {...(vendors ? { vendors } : {})}
              {...(evidencePlatform ? { evidencePlatform } : {})}
              {...(escalations ? { escalations, onOpenDraft: onSelect } : {})}
              {...(clock ? { clock } : {})}
            />
          ) : escalations ? (
            <EscalationBoard
              api={escalations}
              onOpen={onSelect}
              {...(vendors ? { vendors } : {})}
              {...(clock ? { clock } : {})}
            />
          ) : (
            <p className="p-4 text-sm">{t('drNoneOpen')}</p>
          )}
        </main>
      </div>
    </div>
  );
}
