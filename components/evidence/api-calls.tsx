/**
 * API call details for the ticket (seed 000: "details of the API call, the endpoint you're using and
 * the response with time stamps"). Two sources:
 * - pasted: curl, raw HTTP, JSON or a HAR file → {@link parseApiEvidence} (secrets removed, counted);
 * - captured on the portal (opt-in per tab, off by default, clearly shown while on): calls "reported by
 *   the page" to the API hosts the agent lists.
 * The agent selects which calls go into the ticket; they are stored redacted.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { parseApiEvidence, type ApiCall } from '../../lib/evidence';
import { useI18n } from '../i18n';
import { captureFailureText, isCaptureCode } from './capture-failure';
import { blobText, type EvidenceItem } from './evidence-store';
import { ALERT, BUTTON, HINT, PRIMARY, SELECT } from './ui';

/**
 * The capture's state for a tab. Issue 14: `recording` is true only while the page's capture hook
 * sends intact heartbeats; `interrupted` says why it stopped when capture is still on for the tab.
 */
export interface CaptureState {
  recording: boolean;
  hosts: string[];
  interrupted?: 'silent' | 'replaced' | undefined;
}

/** The opt-in capture as the page sees it (browser glue lives in components/platform). */
export interface CaptureControls {
  status(): Promise<CaptureState>;
  start(hosts: string[]): Promise<CaptureState>;
  stop(): Promise<CaptureState>;
  list(): Promise<ApiCall[]>;
}

export interface ApiCallsProps {
  /** The draft's API-call files (each holds the calls added together). */
  stored: readonly EvidenceItem[];
  onStore: (calls: readonly ApiCall[]) => Promise<void>;
  onRemove: (attachmentId: string) => void;
  /** Absent where no portal tab is at hand (drafts tab): capture is not offered. */
  capture?: CaptureControls;
  /** Hosts proposed for capture (the portal's host). */
  defaultHosts?: readonly string[];
  clock?: () => Date;
  timeZone?: string;
  /** How often the captured list is refreshed while recording (ms). */
  pollMs?: number;
}

/** One call on one line: method, endpoint, status; then time and where it comes from. */
export function CallSummary({ call }: { call: ApiCall }) {
  const { t } = useI18n();
  const source = call.source === 'reported-by-page' ? t('evSourcePage') : t('evSourcePasted');
  const time = call.startedAt ? t(`evTime_${call.timestampSource.replace(/-/g, '_')}`, call.startedAt) : t('evTimeNone');
  return (
    <span className="min-w-0">
      <span className="block break-all font-mono text-xs">
        {call.method || '?'} {call.endpoint || t('evNoEndpoint')}
        {call.status !== undefined ? ` → ${call.status}` : ''}
      </span>
      <span className={`block ${HINT}`}>
        {time} · {source}
      </span>
    </span>
  );
}

/** A list of calls with a checkbox each and an "add selected" button. */
function Picker({
  calls,
  label,
  onAdd,
  busy,
}: {
  calls: readonly ApiCall[];
  label: string;
  onAdd: (calls: ApiCall[]) => void;
  busy: boolean;
}) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<ReadonlySet<number>>(() => new Set(calls.map((_, i) => i)));
  useEffect(() => setChosen(new Set(calls.map((_, i) => i))), [calls]);
  const selected = calls.filter((_, i) => chosen.has(i));
  return (
    <div className="space-y-1">
      <ul aria-label={label} className="space-y-1">
        {calls.map((call, i) => (
          <li key={i} className="flex items-start gap-2">
            <input
              type="checkbox"
              aria-label={t('evSelectCall', `${call.method} ${call.endpoint}`)}
              className="mt-1"
              checked={chosen.has(i)}
              onChange={(e) =>
                setChosen((s) => {
                  const next = new Set(s);
                  if (e.target.checked) next.add(i);
                  else next.delete(i);
                  return next;
                })
              }
            />
            <CallSummary call={call} />
          </li>
        ))}
      </ul>
      <button type="button" className={PRIMARY} disabled={busy || selected.length === 0} onClick={() => onAdd(selected)}>
        {t('evAddSelected', String(selected.length))}
      </button>
    </div>
  );
}

const systemClock = () => new Date();
const agentZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function ApiCalls({
  stored,
  onStore,
  onRemove,
  capture,
  defaultHosts = [],
  clock = systemClock,
  timeZone = agentZone(),
  pollMs = 1500,
}: ApiCallsProps) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [parsed, setParsed] = useState<{ calls: ApiCall[]; redactions: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const read = (input: string) => {
    setNote(null);
    const result = parseApiEvidence(input, { now: clock(), timeZone });
    if (!result.ok) {
      setParsed(null);
      setError(t(`evApiError_${result.error.code.replace(/-/g, '_')}`));
      return;
    }
    setError(null);
    setParsed({ calls: result.calls, redactions: result.redactions });
  };

  const store = async (calls: readonly ApiCall[], after: () => void) => {
    setBusy(true);
    try {
      await onStore(calls);
      setNote(t('evApiStored', String(calls.length)));
      after();
    } catch {
      setError(t('evApiStoreError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3">
      <h4 id={`${id}-title`} className="text-sm font-semibold">
        {t('evApiTitle')}
      </h4>
      <p className={HINT}>{t('evApiNeverKey')}</p>

      <div className="space-y-1">
        <label htmlFor={`${id}-paste`} className="text-sm font-medium">
          {t('evApiPasteLabel')}
        </label>
        <textarea
          id={`${id}-paste`}
          rows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          className={`${SELECT} font-mono text-xs`}
          spellCheck={false}
        />
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" className={BUTTON} onClick={() => read(text)}>
            {t('evApiRead')}
          </button>
          <label className="text-xs">
            <span className="sr-only">{t('evApiHarPick')}</span>
            <input
              type="file"
              accept=".har,.json,application/json,text/plain"
              className="text-xs file:mr-2 file:rounded file:border file:border-slate-300 file:bg-white file:px-2 file:py-1 dark:file:bg-slate-900"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void blobText(file).then(read, () => setError(t('evApiError_unrecognised')));
              }}
            />
          </label>
        </div>
        {error && (
          <p role="alert" className={ALERT}>
            {error}
          </p>
        )}
      </div>

      {parsed && (
        <div className="space-y-1 rounded border border-slate-200 p-2 dark:border-slate-700">
          <p role="status" className="text-sm">
            {t('evApiParsed', [String(parsed.calls.length), String(parsed.redactions)])}
          </p>
          <Picker
            calls={parsed.calls}
            label={t('evApiParsedList')}
            busy={busy}
            onAdd={(calls) =>
              void store(calls, () => {
                setParsed(null);
                // The pasted text may hold the key: it is not kept once the calls are stored.
                setText('');
              })
            }
          />
        </div>
      )}

      {capture && <CaptureSection capture={capture} defaultHosts={defaultHosts} busy={busy} pollMs={pollMs} onAdd={(calls) => void store(calls, () => undefined)} />}

      {note && <p className={HINT}>{note}</p>}

      {stored.length > 0 && (
        <div className="space-y-1">
          <h5 className="text-sm font-medium">{t('evApiStoredTitle')}</h5>
          <ul aria-label={t('evApiStoredTitle')} className="space-y-2">
            {stored.map((item) => (
              <li key={item.attachment.id} className="flex items-start gap-2 rounded border border-slate-200 p-2 dark:border-slate-700">
                <ul className="min-w-0 flex-1 space-y-1">
                  {item.calls.map((call, i) => (
                    <li key={i}>
                      <CallSummary call={call} />
                    </li>
                  ))}
                </ul>
                <button
                  type="button"
                  className={BUTTON}
                  aria-label={t('evRemoveLabel', item.attachment.name)}
                  onClick={() => onRemove(item.attachment.id)}
                >
                  {t('evRemove')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function CaptureSection({
  capture,
  defaultHosts,
  busy,
  pollMs,
  onAdd,
}: {
  capture: CaptureControls;
  defaultHosts: readonly string[];
  busy: boolean;
  pollMs: number;
  onAdd: (calls: ApiCall[]) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [hosts, setHosts] = useState(defaultHosts.join(', '));
  const [recording, setRecording] = useState(false);
  const [interrupted, setInterrupted] = useState<CaptureState['interrupted']>(undefined);
  const [calls, setCalls] = useState<ApiCall[]>([]);
  /** Capture is on for the tab, live or not: its calls are listed and its state is polled. */
  const on = recording || interrupted !== undefined;
  const apply = useCallback((s: CaptureState) => {
    setRecording(s.recording);
    setInterrupted(s.recording ? undefined : s.interrupted);
  }, []);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const next = await capture.list();
      // Keep the same array while nothing changed, so the agent's ticks stay.
      setCalls((old) => (JSON.stringify(old) === JSON.stringify(next) ? old : next));
    } catch {
      // The background is restarting: the next poll tries again.
    }
  }, [capture]);

  useEffect(() => {
    let live = true;
    capture.status().then(
      (s) => {
        if (!live) return;
        apply(s);
        if ((s.recording || s.interrupted) && s.hosts.length > 0) setHosts(s.hosts.join(', '));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [capture, apply]);

  // While capture is on, the heartbeat-backed status is polled with the list: "recording" is shown
  // only while the page's hook is alive and intact (issue 14).
  useEffect(() => {
    if (!on) return;
    void refresh();
    const timer = setInterval(() => {
      void refresh();
      capture.status().then(apply, () => undefined);
    }, pollMs);
    return () => clearInterval(timer);
  }, [on, refresh, pollMs, capture, apply]);

  const toggle = async () => {
    setError(null);
    try {
      if (recording) {
        await capture.stop();
        apply({ recording: false, hosts: [] });
        setCalls([]);
      } else {
        const list = hosts
          .split(/[\s,]+/)
          .map((h) => h.trim())
          .filter((h) => h !== '');
        if (list.length === 0) {
          setError(t('evCaptureNoHosts'));
          return;
        }
        const s = await capture.start(list);
        apply(s);
      }
    } catch (e) {
      setError(
        isCaptureCode(e, 'no_portal', 'no_hook', 'no_hosts', 'bad_host')
          ? captureFailureText(t, e)
          : t('evCaptureFailed', captureFailureText(t, e)),
      );
    }
  };

  const forget = async () => {
    setError(null);
    try {
      await capture.stop();
      apply({ recording: false, hosts: [] });
      setCalls([]);
    } catch (e) {
      setError(t('evCaptureFailed', captureFailureText(t, e)));
    }
  };

  return (
    <div className="space-y-2 rounded border border-slate-200 p-2 dark:border-slate-700">
      <h5 className="text-sm font-medium">{t('evCaptureTitle')}</h5>
      <p className={HINT}>{t('evCaptureExplain')}</p>
      <div>
        <label htmlFor={`${id}-hosts`} className="text-sm">
          {t('evCaptureHosts')}
        </label>
        <input
          id={`${id}-hosts`}
          type="text"
          className={SELECT}
          value={hosts}
          disabled={recording}
          onChange={(e) => setHosts(e.target.value)}
          aria-describedby={`${id}-hosts-help`}
        />
        <p id={`${id}-hosts-help`} className={HINT}>
          {t('evCaptureHostsHelp')}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={recording ? BUTTON : PRIMARY} aria-pressed={recording} onClick={() => void toggle()}>
          {recording ? t('evCaptureStop') : t('evCaptureStart')}
        </button>
        {recording && (
          <span role="status" className="rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">
            ● {t('evRecordingBadge')}
          </span>
        )}
        {interrupted && (
          <button type="button" className={BUTTON} onClick={() => void forget()}>
            {t('evCaptureStop')}
          </button>
        )}
        {on && (
          <button type="button" className={BUTTON} onClick={() => void refresh()}>
            {t('evCaptureRefresh')}
          </button>
        )}
      </div>
      {interrupted && (
        <p role="alert" className={ALERT}>
          {t(`evCaptureInterrupted_${interrupted}`)}
        </p>
      )}
      {error && (
        <p role="alert" className={ALERT}>
          {error}
        </p>
      )}
      {on &&
        (calls.length === 0 ? (
          <p className={HINT}>{t('evCaptureEmpty')}</p>
        ) : (
          <Picker calls={calls} label={t('evCaptureList')} busy={busy} onAdd={onAdd} />
        ))}
    </div>
  );
}
