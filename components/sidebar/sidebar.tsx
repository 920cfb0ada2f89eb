/**
 * The portal sidebar: what the page shows, at a glance, and the way to escalate. Presentational: the
 * context comes in as a prop (from the background's channel) and every action goes out through a
 * callback; page text is only ever rendered as text. Each state says what the agent can do next.
 */
import type { ReactNode } from 'react';
import type { Catalog } from '../../lib/catalog';
import type { Checklist } from '../../lib/escalation/checklist';
import type { PageContext } from '../../lib/portal/page-context';
import { formatIccid } from '../../lib/telecom/iccid';
import { useI18n } from '../i18n';
import { ChecklistPanel } from './checklist-panel';
import type { CopyText } from './copy-button';
import { EsimLines } from './esim-lines';
import { GuardEvents } from './guard-events';
import { PlanFinder, type CatalogSource } from './plan-finder';
import { SubscriberCard } from './subscriber-card';
import { buttonClass, focusRing, headingClass, sectionClass } from './ui';

/** Where the sidebar's channel is: `not-a-portal` when the background refused this tab. */
export type SidebarStatus = 'connecting' | 'waiting' | 'ready' | 'not-a-portal';

/** The case checklist and its ticks. */
export interface SidebarChecklist {
  checklist: Checklist;
  done: readonly string[];
  ready: boolean;
  onToggle: (stepId: string, done: boolean) => void;
}

/** Props of {@link Sidebar}. */
export interface SidebarProps {
  status: SidebarStatus;
  context: PageContext | null;
  onClose: () => void;
  /** Moves the panel to the other side of the portal (agents dock it where it hides nothing they need). */
  onSwapSide?: () => void;
  /** The clock plan lives are computed against. */
  now?: Date;
  catalog: { catalog: Catalog; source: CatalogSource };
  checklist?: SidebarChecklist;
  onEscalateIccid?: (iccid: string) => void;
  onEscalateSubscriber?: () => void;
  /** An escalation being started, or why it failed (already translated). */
  escalation?: { busy: boolean; error: string | null };
  /** Opens the drafts tab: offered with an escalation error (drafts can always be reached there). */
  onOpenDrafts?: () => void;
  /** The open ticket editor: shown instead of the page views while set. */
  ticket?: ReactNode;
  /** Opens the extension's Options (portals, catalog). */
  onOpenOptions?: () => void;
  copy?: CopyText;
  /** Time zone of displayed times (tests pin it). */
  timeZone?: string;
  /** Issue 19: "Teach this portal", offered where the page has no profile. */
  teach?: ReactNode;
  /** Issue 19: a draft profile was guessed from this page and is not saved yet. */
  guessed?: boolean;
  /** Issue 18: the open escalations of this subscriber / these ICCIDs (components/sidebar/open-escalations.tsx). */
  openEscalations?: ReactNode;
}

/** Whether the page gave us anything at all. */
function recognisedNothing(context: PageContext): boolean {
  return context.subscriber === null && context.esims.length === 0 && context.iccids.length === 0;
}

/** The whole sidebar page: header with close, then the state or the views. */
export function Sidebar(props: SidebarProps) {
  const { status, context, onClose, onSwapSide, ticket, onOpenDrafts } = props;
  const { t } = useI18n();
  return (
    <div className="flex h-screen flex-col bg-white text-slate-900 dark:bg-slate-900 dark:text-slate-100">
      <header className="flex items-center justify-between border-b border-slate-200 px-3 py-2 dark:border-slate-700">
        <h1 className="text-base font-semibold">{t('extName')}</h1>
        <span className="flex-1" />
        {onOpenDrafts && (
          // Issue 17: the drafts page (the escalation board) is one click away from every surface.
          <button
            type="button"
            onClick={onOpenDrafts}
            className={`rounded px-2 py-1 text-sm underline hover:bg-slate-100 dark:hover:bg-slate-800 ${focusRing}`}
          >
            {t('navAllDrafts')}
          </button>
        )}
        {onSwapSide && (
          <button
            type="button"
            onClick={onSwapSide}
            className={`rounded px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${focusRing}`}
            aria-label={t('sidebarSwapSide')}
            title={t('sidebarSwapSide')}
          >
            <span aria-hidden="true">⇄</span>
          </button>
        )}
        <button
          type="button"
          onClick={onClose}
          className={`rounded px-2 py-1 text-lg leading-none hover:bg-slate-100 dark:hover:bg-slate-800 ${focusRing}`}
          aria-label={t('sidebarClose')}
        >
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <main className="flex-1 space-y-3 overflow-auto p-3" aria-label={t('sbMainLabel')}>
        {status === 'not-a-portal' && <NotAPortal {...props} />}
        {(status === 'connecting' || status === 'waiting' || (status === 'ready' && !context)) && (
          <p role="status">{t('sidebarWaiting')}</p>
        )}
        {status === 'ready' && context && (ticket ?? <Views {...props} context={context} />)}
      </main>
    </div>
  );
}

function NotAPortal({ onOpenOptions }: SidebarProps) {
  const { t } = useI18n();
  return (
    <div role="status" className={sectionClass}>
      <p>{t('sidebarNotAPortal')}</p>
      <p className="mt-1 text-sm">{t('sbNotAPortalHelp')}</p>
      {onOpenOptions && (
        <button type="button" className={`mt-2 ${buttonClass}`} onClick={onOpenOptions}>
          {t('sbOpenOptions')}
        </button>
      )}
    </div>
  );
}

function Views(props: SidebarProps & { context: PageContext }) {
  const { context, catalog, checklist, escalation, onOpenOptions } = props;
  const { t } = useI18n();
  const busy = escalation?.busy ?? false;
  const now = props.now ?? new Date();
  const profiled = context.portalId !== null;
  const hasSubscriberData = context.subscriber !== null || context.esims.length > 0;

  return (
    <>
      {escalation?.error && (
        <div
          role="alert"
          className="rounded bg-red-50 px-2 py-1 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
        >
          <p>{escalation.error}</p>
          {props.onOpenDrafts && (
            <button type="button" className={`mt-1 ${buttonClass}`} onClick={props.onOpenDrafts}>
              {t('sbOpenDrafts')}
            </button>
          )}
        </div>
      )}
      <PortalState portalId={context.portalId} guessed={props.guessed === true} />
      {!profiled && (
        <div role="note" className={`${sectionClass} text-sm`}>
          <p>{t('sbNoProfile')}</p>
          {onOpenOptions && (
            <button type="button" className={`mt-2 ${buttonClass}`} onClick={onOpenOptions}>
              {t('sbOpenOptions')}
            </button>
          )}
        </div>
      )}
      {/* Issue 19: a portal saved from the draft becomes known at once (the page re-reads itself);
          the panel stays to say it was saved, and to correct and save again. */}
      {(!profiled || props.guessed === true) && props.teach}
      {profiled && context.ambiguous === true && (
        // Issue 14: two subscribers on screen — what follows may be the wrong person's.
        <p
          role="alert"
          className="rounded bg-amber-50 px-2 py-1 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          {t('sbAmbiguousSubscriber')}
        </p>
      )}
      {profiled && recognisedNothing(context) && (
        <p role="status" className={`${sectionClass} text-sm`}>
          {t('sbNothingRecognised')}
        </p>
      )}
      {profiled && context.subscriber && (
        <SubscriberCard
          subscriber={context.subscriber}
          esims={context.esims}
          catalog={catalog.catalog}
          busy={busy}
          {...(props.onEscalateSubscriber && (context.subscriber.id || context.subscriber.name)
            ? { onEscalate: props.onEscalateSubscriber }
            : {})}
        />
      )}
      {props.openEscalations}
      {profiled && hasSubscriberData && (
        <EsimLines
          esims={context.esims}
          catalog={catalog.catalog}
          now={now}
          busy={busy}
          {...(context.timeZone ?? props.timeZone ? { timeZone: context.timeZone ?? props.timeZone } : {})}
          {...(props.onEscalateIccid ? { onEscalate: props.onEscalateIccid } : {})}
          {...(props.copy ? { copy: props.copy } : {})}
        />
      )}
      {profiled && hasSubscriberData && (
        <PlanFinder catalog={catalog.catalog} source={catalog.source} esims={context.esims} />
      )}
      {profiled && (
        <GuardEvents events={context.guardEvents} {...(props.timeZone ? { timeZone: props.timeZone } : {})} />
      )}
      {checklist && !recognisedNothing(context) && (
        <ChecklistPanel
          checklist={checklist.checklist}
          done={checklist.done}
          ready={checklist.ready}
          onToggle={checklist.onToggle}
        />
      )}
      <IccidList
        iccids={context.iccids}
        open={!profiled}
        busy={busy}
        {...(!profiled && props.onEscalateIccid ? { onEscalate: props.onEscalateIccid } : {})}
      />
    </>
  );
}

/** Issue 19: which state the page is in, said plainly: known portal, guessed (not saved), ICCIDs only. */
function PortalState({ portalId, guessed }: { portalId: string | null; guessed: boolean }) {
  const { t } = useI18n();
  const state = portalId !== null ? 'known' : guessed ? 'guessed' : 'iccids';
  const text =
    state === 'known'
      ? t('teachStateKnown', portalId ?? '')
      : t(state === 'guessed' ? 'teachStateGuessed' : 'teachStateIccidsOnly');
  return (
    <p data-portal-state={state} className="text-sm font-medium">
      {text}
    </p>
  );
}

/**
 * Every valid ICCID the generic scanner found in the page text. Each item carries `data-iccid` (the
 * end-to-end tests read the list by it): keep that attribute on this list only.
 */
function IccidList({
  iccids,
  open,
  busy,
  onEscalate,
}: {
  iccids: readonly string[];
  open: boolean;
  busy: boolean;
  onEscalate?: (iccid: string) => void;
}) {
  const { t } = useI18n();
  return (
    <details open={open} className={sectionClass}>
      <summary className={`cursor-pointer ${headingClass} mb-0 ${focusRing}`}>
        {t('sidebarIccidsOnPage', String(iccids.length))}
      </summary>
      {iccids.length === 0 ? (
        <p className="mt-2 text-sm">{t('sidebarNoIccids')}</p>
      ) : (
        <ul aria-label={t('sidebarIccidListLabel')} className="mt-2 space-y-1 font-mono text-sm">
          {iccids.map((iccid) => (
            <li key={iccid} data-iccid={iccid} className="flex items-center justify-between gap-2">
              <span>{formatIccid(iccid)}</span>
              {onEscalate && (
                <button
                  type="button"
                  className={`font-sans ${buttonClass}`}
                  disabled={busy}
                  aria-label={t('sbEscalateIccid', formatIccid(iccid))}
                  onClick={() => onEscalate(iccid)}
                >
                  {t('sbEscalate')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
