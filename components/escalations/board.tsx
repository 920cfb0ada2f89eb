/**
 * The escalation board (issue 18; the drafts page grown up): "vendor owes us", "we owe the vendor",
 * "drafts not handed over", each sorted by what is due first with a live countdown, and a timeline of the
 * open escalations against their due time (SVG: a bar per escalation from hand-over to due, overdue in red).
 */
import { useEffect, useMemo, useState } from 'react';
import type { EscalationsApi } from '../../lib/drafts/escalations-api';
import { BOARD_GROUPS, buildBoard, timeline, type BoardEntry } from '../../lib/escalation/board';
import type { Draft } from '../../lib/escalation/draft';
import type { Escalation } from '../../lib/escalation/escalation';
import type { VendorProfile } from '../../lib/escalation/vendor-profile';
import { builtInVendors, getVendor, vendorDisplayName } from '../../lib/escalation/vendors';
import { pick, useI18n } from '../i18n';
import { formatWithZone } from '../ticket/priority-panel';
import { formatCountdown } from './format';

export interface EscalationBoardProps {
  api: EscalationsApi;
  onOpen: (draftId: string) => void;
  vendors?: readonly VendorProfile[];
  /** The time source (tests and the e2e clock move it; no real waiting). */
  clock?: () => Date;
  /** How often the countdowns refresh. */
  tickMs?: number;
}

const systemClock = () => new Date();
const agentTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function useTick(clock: () => Date, ms: number): Date {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), ms);
    return () => clearInterval(timer);
  }, [clock, ms]);
  return now;
}

export function EscalationBoard({
  api,
  onOpen,
  vendors = builtInVendors,
  clock = systemClock,
  tickMs = 1000,
}: EscalationBoardProps) {
  const { t, locale } = useI18n();
  const now = useTick(clock, tickMs);
  const [data, setData] = useState<{ drafts: Draft[]; escalations: Map<string, Escalation> } | null>(null);

  useEffect(() => {
    let current = true;
    const load = async () => {
      const drafts = await api.listDrafts({ limit: 500 });
      const escs = await api.list();
      if (!drafts.ok || !escs.ok || !current) return;
      const byId = new Map(escs.escalations.map((e) => [e.draftId, e]));
      // A draft handed over in a surface without the board gets its escalation now (due from its hand-over).
      for (const d of drafts.drafts) {
        if (d.status !== 'open' && !byId.has(d.id)) {
          const r = await api.ensure(d);
          if (r.ok && r.value) byId.set(d.id, r.value);
        }
      }
      if (current) setData({ drafts: drafts.drafts, escalations: byId });
    };
    void load();
    const unwatch = api.watch(() => void load());
    return () => {
      current = false;
      unwatch();
    };
  }, [api]);

  const vendorOf = useMemo(() => (id: string) => getVendor(id, vendors), [vendors]);
  if (!data) return null;
  const board = buildBoard(data.drafts, data.escalations, vendorOf, now);
  const tl = timeline([...board.groups.vendor, ...board.groups.us], now);
  const timeZone = agentTimeZone();
  const titleOf = (e: BoardEntry) => e.draft.summary.trim() || e.draft.subscriberName || t('boardUntitled');

  const row = (e: BoardEntry) => {
    const vendor = vendorOf(e.draft.vendorId);
    const status = e.state?.status;
    return (
      <li
        key={e.draft.id}
        className="rounded border border-slate-200 p-2 dark:border-slate-700"
        data-testid="board-row"
        data-overdue={e.overdue ? 'true' : 'false'}
      >
        <button
          type="button"
          className="text-left font-medium text-blue-700 underline dark:text-blue-300"
          onClick={() => onOpen(e.draft.id)}
          aria-label={t('boardOpen', titleOf(e))}
        >
          {titleOf(e)}
        </button>
        <div className="text-sm">
          {(vendor ? vendorDisplayName(vendor, locale) : undefined) ?? e.draft.vendorId}
          {e.escalation && (
            <> · {e.escalation.ticketRef !== null ? `#${e.escalation.ticketRef}` : t('boardNoTicketRef')}</>
          )}
          {status && <> · {pick(status.label, locale)}</>}
        </div>
        {e.escalation && (
          <div
            className={`text-sm ${e.overdue ? 'font-semibold text-red-700 dark:text-red-400' : ''}`}
            data-testid="board-countdown"
          >
            {e.dueAt
              ? `${formatWithZone(e.dueAt, timeZone)} — ${formatCountdown(t, e.dueAt, now)}`
              : t('boardNoDue')}
            {e.overdue && <> · {t('boardOverdue')}</>}
          </div>
        )}
      </li>
    );
  };

  return (
    <section className="space-y-4 p-4" aria-labelledby="board-h" data-testid="escalation-board">
      <div className="flex items-baseline gap-4">
        <h2 id="board-h" className="text-base font-semibold">
          {t('boardTitle')}
        </h2>
        <span
          className={board.overdue > 0 ? 'text-sm font-semibold text-red-700 dark:text-red-400' : 'text-sm'}
          data-testid="board-overdue"
        >
          {t('boardOverdueCount', String(board.overdue))}
        </span>
      </div>
      {tl && (
        <figure>
          <svg
            role="img"
            aria-label={t('boardTimeline')}
            viewBox={`0 0 1000 ${tl.bars.length * 22 + 20}`}
            className="w-full"
            data-testid="board-timeline"
          >
            {tl.bars.map((b, i) => (
              <rect
                key={b.draftId}
                x={b.x * 1000}
                y={i * 22 + 4}
                width={b.width * 1000}
                height={16}
                rx={3}
                className={b.overdue ? 'fill-red-600' : 'fill-blue-500'}
                data-overdue={b.overdue ? 'true' : 'false'}
              >
                <title>
                  {titleOf(
                    [...board.groups.vendor, ...board.groups.us].find(
                      (e) => e.draft.id === b.draftId,
                    ) as BoardEntry,
                  )}
                </title>
              </rect>
            ))}
            <line
              x1={tl.now * 1000}
              x2={tl.now * 1000}
              y1={0}
              y2={tl.bars.length * 22 + 8}
              className="stroke-slate-900 dark:stroke-slate-100"
              strokeWidth={2}
            />
            <text
              x={Math.min(tl.now * 1000 + 4, 940)}
              y={tl.bars.length * 22 + 18}
              className="fill-slate-700 text-xs dark:fill-slate-200"
            >
              {t('boardNow')}
            </text>
          </svg>
          <figcaption className="text-xs text-slate-600 dark:text-slate-300">{t('boardTimeline')}</figcaption>
        </figure>
      )}
      {BOARD_GROUPS.map((g) => (
        <section key={g} aria-labelledby={`board-${g}`} data-testid={`board-group-${g}`}>
          <h3 id={`board-${g}`} className="text-sm font-semibold">
            {t(`boardGroup_${g}`)} ({board.groups[g].length})
          </h3>
          {board.groups[g].length === 0 ? (
            <p className="text-sm">{t('boardEmpty')}</p>
          ) : (
            <ul className="mt-1 space-y-2">{board.groups[g].map(row)}</ul>
          )}
        </section>
      ))}
      {board.finished.length > 0 && (
        <p className="text-sm">{t('boardFinished', String(board.finished.length))}</p>
      )}
    </section>
  );
}
