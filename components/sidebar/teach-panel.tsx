/**
 * "Teach this portal" (issue 19): on a portal with no profile, the draft profile the extension
 * guessed from the page, as a list of values with what each reads here; "Point at it" to correct
 * one, "Save portal" to keep it. Presentational: every action goes through `api` (the sidebar shell
 * wires it to the background and the permission prompt). Page text is only rendered as text.
 */
import { useId, useState } from 'react';
import { findPlan, type Catalog } from '../../lib/catalog';
import { TEACHABLE_KEYS, type TeachableKey } from '../../lib/portal/guess/keys';
import type { TeachState } from '../../lib/messaging/registry';
import { useI18n } from '../i18n';
import { buttonClass, headingClass, mutedClass, primaryButtonClass, sectionClass } from './ui';

/** What the panel asks of the shell; errors come back as a message (untranslated reason). */
export interface TeachApi {
  guess(): Promise<TeachState | { error: string }>;
  /** Null: the agent cancelled (Escape). */
  point(key: TeachableKey, prompt: string): Promise<TeachState | null | { error: string }>;
  /** Stops the pointing in progress (its `point` then resolves null). */
  cancelPoint?(): void;
  /** Asks for host access from the click, then stores the profile. */
  save(profile: TeachState['profile']): Promise<'saved' | 'denied' | { error: string }>;
  /** Adds a plan the portal offers to the plan catalog (plan name → IMSI profile). */
  addPlan?(plan: {
    name: string;
    imsiProfile: number;
    country: string;
  }): Promise<'added' | { error: string }>;
}

/** Props of {@link TeachPanel}. */
export interface TeachPanelProps {
  api: TeachApi;
  /** Told when a draft exists (the sidebar then says "guessed, not saved"). */
  onDraft?: (drafted: boolean) => void;
  /** The plan catalog in effect: the Add plan form's plans it does not know are offered to be added. */
  catalog?: Catalog;
}

const isTeachable = (key: string): key is TeachableKey => (TEACHABLE_KEYS as readonly string[]).includes(key);
const keyName = (key: string) => `teachKey_${key.replace(/\./g, '_')}`;

export function TeachPanel({ api, onDraft, catalog }: TeachPanelProps) {
  const { t } = useI18n();
  const [state, setState] = useState<TeachState | null>(null);
  const [busy, setBusy] = useState(false);
  const [pointing, setPointing] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'status' | 'alert'; text: string } | null>(null);

  async function start() {
    setBusy(true);
    setMessage(null);
    const result = await api.guess();
    setBusy(false);
    if ('error' in result) return setMessage({ kind: 'alert', text: t('teachFailed', result.error) });
    setState(result);
    onDraft?.(true);
  }

  async function point(key: TeachableKey) {
    const name = t(keyName(key));
    setPointing(name);
    setMessage({ kind: 'status', text: t('teachPointing', name) });
    const result = await api.point(key, t('teachPointing', name));
    setPointing(null);
    if (result === null) return setMessage({ kind: 'status', text: t('teachCancelled') });
    if ('error' in result) return setMessage({ kind: 'alert', text: t('teachFailed', result.error) });
    setState(result);
    setMessage(
      result.outcome === 'unreadable'
        ? { kind: 'alert', text: t('teachUnreadable') }
        : { kind: 'status', text: t('teachTaught', name) },
    );
  }

  async function save() {
    if (state === null) return;
    setMessage(null);
    // The permission prompt needs this click: `save` asks before anything else is awaited.
    const result = await api.save(state.profile);
    if (result === 'saved')
      setMessage({ kind: 'status', text: t('teachSaved', state.profile.urlPatterns.join(', ')) });
    else if (result === 'denied') setMessage({ kind: 'alert', text: t('teachDenied') });
    else setMessage({ kind: 'alert', text: t('teachFailed', result.error) });
  }

  return (
    <section aria-labelledby="sb-teach-heading" className={sectionClass}>
      <h2 id="sb-teach-heading" className={headingClass}>
        {state === null ? t('teachStart') : t('teachDraftHeading')}
      </h2>
      {state === null ? (
        <>
          <p className="text-sm">{t('teachIntro')}</p>
          <button
            type="button"
            className={`mt-2 ${primaryButtonClass}`}
            disabled={busy}
            onClick={() => void start()}
          >
            {t('teachStart')}
          </button>
        </>
      ) : (
        <>
          <ul aria-label={t('teachListLabel')} className="space-y-2 text-sm">
            {state.items.map((item) => {
              const name = t(keyName(item.key));
              const read = item.values.filter((v) => v !== '');
              return (
                <li
                  key={item.key}
                  data-teach-key={item.key}
                  className="flex items-start justify-between gap-2"
                >
                  <span>
                    <span className="font-medium">{name}</span>
                    {item.label !== undefined && (
                      <span className={`ml-1 ${mutedClass}`}>({t('teachByLabel', item.label)})</span>
                    )}
                    <br />
                    <span data-teach-value>
                      {read.length === 0
                        ? t('teachNotFound')
                        : item.key.startsWith('forms.')
                          ? `${t('teachFormFound')}: ${read.join(', ')}`
                          : read.join(' · ')}
                    </span>
                  </span>
                  {isTeachable(item.key) && (
                    <button
                      type="button"
                      className={buttonClass}
                      disabled={pointing !== null}
                      aria-label={t('teachPointAria', name)}
                      onClick={() => void point(item.key as TeachableKey)}
                    >
                      {t('teachPoint')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
          {catalog !== undefined && api.addPlan !== undefined && (
            <UnknownPlans
              names={state.planChoices.filter((name) => findPlan(catalog, name) === undefined)}
              add={api.addPlan}
              onMessage={setMessage}
            />
          )}
          <button
            type="button"
            className={`mt-3 ${primaryButtonClass}`}
            disabled={pointing !== null}
            onClick={() => void save()}
          >
            {t('teachSave')}
          </button>
        </>
      )}
      {pointing !== null && api.cancelPoint !== undefined && (
        <button type="button" className={`mt-2 ${buttonClass}`} onClick={() => api.cancelPoint?.()}>
          {t('teachCancelPoint')}
        </button>
      )}
      {message !== null && (
        <p role={message.kind} className="mt-2 text-sm">
          {message.text}
        </p>
      )}
    </section>
  );
}

type Message = { kind: 'status' | 'alert'; text: string };

/** Issue 19: the Add plan form's plans the catalog does not know, each with its IMSI profile to give. */
function UnknownPlans({
  names,
  add,
  onMessage,
}: {
  names: readonly string[];
  add: NonNullable<TeachApi['addPlan']>;
  onMessage: (m: Message) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  if (names.length === 0) return null;
  return (
    <div className="mt-3">
      <h3 id={id} className="text-sm font-semibold">
        {t('teachUnknownPlansHeading')}
      </h3>
      <p className={`text-sm ${mutedClass}`}>{t('teachUnknownPlansHelp')}</p>
      <ul aria-labelledby={id} className="mt-1 space-y-2 text-sm">
        {names.map((name) => (
          <UnknownPlan key={name} name={name} add={add} onMessage={onMessage} />
        ))}
      </ul>
    </div>
  );
}

function UnknownPlan({
  name,
  add,
  onMessage,
}: {
  name: string;
  add: NonNullable<TeachApi['addPlan']>;
  onMessage: (m: Message) => void;
}) {
  const { t } = useI18n();
  const [profile, setProfile] = useState('');
  const [country, setCountry] = useState('');
  const [done, setDone] = useState(false);
  const imsiProfile = Number(profile);
  const valid = Number.isInteger(imsiProfile) && imsiProfile > 0 && /^[A-Za-z]{2}$/.test(country.trim());
  async function onAdd() {
    const result = await add({ name, imsiProfile, country: country.trim().toUpperCase() });
    if (result === 'added') {
      setDone(true);
      onMessage({ kind: 'status', text: t('teachPlanAdded', [name, String(imsiProfile)]) });
    } else onMessage({ kind: 'alert', text: t('teachFailed', result.error) });
  }
  return (
    <li className="flex flex-wrap items-center gap-2">
      <span className="font-medium">{name}</span>
      <input
        type="number"
        min={1}
        inputMode="numeric"
        className="w-16 rounded border border-slate-300 px-1 dark:border-slate-600 dark:bg-slate-800"
        aria-label={t('teachPlanProfile', name)}
        value={profile}
        disabled={done}
        onChange={(e) => setProfile(e.target.value)}
      />
      <input
        className="w-12 rounded border border-slate-300 px-1 uppercase dark:border-slate-600 dark:bg-slate-800"
        maxLength={2}
        aria-label={t('teachPlanCountry', name)}
        value={country}
        disabled={done}
        onChange={(e) => setCountry(e.target.value)}
      />
      <button
        type="button"
        className={buttonClass}
        disabled={!valid || done}
        aria-label={t('teachAddPlanAria', name)}
        onClick={() => void onAdd()}
      >
        {t('teachAddPlan')}
      </button>
    </li>
  );
}
