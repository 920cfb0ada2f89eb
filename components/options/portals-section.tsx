/**
 * Options → Portals (issue 2): the built-in and the agent's own portal profiles, the loopback switch,
 * adding a portal by URL pattern or from a JSON profile (validated, host access asked from the click),
 * export, and "Test on an open tab" to see what a profile reads.
 */
import { useEffect, useId, useState } from 'react';
import { parseMatchPattern } from '../../lib/portal/match-pattern';
import { parsePortalProfile, type PortalProfile } from '../../lib/portal/profile-schema';
import { formatIccid } from '../../lib/telecom/iccid';
import { useI18n } from '../i18n';
import type { OptionsApi, ProfileTestResult } from './options-api';
import { buttonClass, ErrorList, FilePicker, inputClass, Notice, primaryClass, Section } from './ui';

export interface PortalsSectionProps {
  api: OptionsApi;
  builtIn: readonly PortalProfile[];
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'portal'
  );
}

export function PortalsSection({ api, builtIn }: PortalsSectionProps) {
  const { t } = useI18n();
  const [userPortals, setUserPortals] = useState<PortalProfile[]>([]);
  const [loopback, setLoopback] = useState(true);
  // Policy wins: a loopback switch set by the administrator is shown read-only.
  const [loopbackManaged, setLoopbackManaged] = useState(false);
  const [name, setName] = useState('');
  const [pattern, setPattern] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState<PortalProfile | null>(null);
  const [test, setTest] = useState<{ id: string; result: ProfileTestResult } | null>(null);
  const nameId = useId();
  const patternId = useId();

  useEffect(() => {
    void api.listUserPortals().then(setUserPortals);
    void api.loadSettings().then((s) => setLoopback(s.loopbackEnabled));
    void api.managedSettings?.().then((keys) => setLoopbackManaged(keys.includes('loopbackEnabled')));
  }, [api]);

  async function store(next: PortalProfile[], message: string) {
    await api.saveUserPortals(next);
    setUserPortals(next);
    setNotice(message);
  }

  /** Adds (or replaces, by id) a validated profile once host access is granted. Called from a click. */
  async function addProfile(profile: PortalProfile) {
    setErrors([]);
    // Ask first, straight from the click: the browser only shows its prompt during a user gesture.
    const granted = await api.requestOrigins(profile.urlPatterns);
    if (!granted) {
      setErrors([t('opPortalDenied')]);
      return;
    }
    const next = [...userPortals.filter((p) => p.id !== profile.id), profile];
    await store(next, t('opPortalAdded', [profile.name]));
    setPending(null);
  }

  function onAddByPattern() {
    setNotice(null);
    const checked = parseMatchPattern(pattern);
    if (!checked.ok) {
      setErrors([t(`opPattern_${checked.error.code.replace(/-/g, '_')}`, [pattern.trim()])]);
      return;
    }
    const label = name.trim() || pattern.trim();
    const taken = new Set([...builtIn, ...userPortals].map((p) => p.id));
    let id = slug(label);
    for (let n = 2; taken.has(id); n++) id = `${slug(label).slice(0, 55)}-${n}`;
    const parsed = parsePortalProfile({
      id,
      name: label.slice(0, 100),
      version: 1,
      urlPatterns: [pattern.trim()],
    });
    if (!parsed.ok) {
      setErrors(parsed.error.message.split('\n'));
      return;
    }
    void addProfile(parsed.profile);
  }

  function onImport(text: string) {
    setNotice(null);
    setPending(null);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      setErrors([t('opPortalNotJson')]);
      return;
    }
    const parsed = parsePortalProfile(json);
    if (!parsed.ok) {
      setErrors(parsed.error.message.split('\n'));
      return;
    }
    if (builtIn.some((p) => p.id === parsed.profile.id)) {
      setErrors([`id: ${t('opPortalBuiltInId', [parsed.profile.id])}`]);
      return;
    }
    // An imported profile is the agent's own, whatever the file says.
    const { builtIn: _ignored, ...own } = parsed.profile;
    setErrors([]);
    setPending(own);
  }

  async function onLoopback(enabled: boolean) {
    setLoopback(enabled);
    await api.saveSettings({ loopbackEnabled: enabled });
    setNotice(t(enabled ? 'opLoopbackOn' : 'opLoopbackOff'));
  }

  async function onTest(profile: PortalProfile) {
    setTest({ id: profile.id, result: await api.testProfile(profile) });
  }

  const all = [...builtIn.map((p) => ({ p, own: false })), ...userPortals.map((p) => ({ p, own: true }))];

  return (
    <Section title={t('opPortalsTitle')}>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={loopback}
          disabled={loopbackManaged}
          onChange={(e) => void onLoopback(e.currentTarget.checked)}
        />
        {t('opLoopback')}
        {loopbackManaged && <span className="text-xs text-slate-600 dark:text-slate-400">({t('cdSourceManaged')})</span>}
      </label>

      <table className="mt-4 w-full text-left text-sm">
        <caption className="sr-only">{t('opPortalsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('opPortalName')}</th>
            <th scope="col">{t('opPortalPatterns')}</th>
            <th scope="col">{t('opPortalKind')}</th>
            <th scope="col">
              <span className="sr-only">{t('opActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {all.map(({ p, own }) => (
            <tr key={`${own}-${p.id}`} className="border-t border-slate-200 align-top dark:border-slate-700">
              <td className="py-1 pr-2">{p.name}</td>
              <td className="py-1 pr-2 font-mono text-xs">{p.urlPatterns.join(', ')}</td>
              <td className="py-1 pr-2">{own ? t('opPortalOwn') : t('opPortalBuiltIn')}</td>
              <td className="flex flex-wrap gap-1 py-1">
                <button
                  type="button"
                  className={buttonClass}
                  aria-label={t('opPortalExportNamed', [p.name])}
                  onClick={() =>
                    api.download(`${p.id}.portal.json`, `${JSON.stringify(p, null, 2)}\n`, 'application/json')
                  }
                >
                  {t('opExport')}
                </button>
                <button type="button" className={buttonClass} onClick={() => void onTest(p)}>
                  {/* Issue 17 (axe label-content-name-mismatch): the name comes from the content, with the
                      portal's name for screen readers only, so it contains the visible text. */}
                  <NamedInside text={t('opPortalTestNamed', ['@@@'])} name={p.name} />
                </button>
                {own && (
                  <button
                    type="button"
                    className={buttonClass}
                    aria-label={t('opPortalRemoveNamed', [p.name])}
                    onClick={() =>
                      void store(
                        userPortals.filter((u) => u.id !== p.id),
                        t('opPortalRemoved', [p.name]),
                      )
                    }
                  >
                    {t('opRemove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {test && <TestResult result={test.result} />}

      <h3 className="mt-6 mb-2 font-semibold">{t('opPortalAddTitle')}</h3>
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col">
          <label htmlFor={nameId} className="text-sm font-medium">
            {t('opPortalName')}
          </label>
          <input
            id={nameId}
            className={inputClass}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <div className="flex flex-col">
          <label htmlFor={patternId} className="text-sm font-medium">
            {t('opPortalPattern')}
          </label>
          <input
            id={patternId}
            className={`${inputClass} font-mono`}
            value={pattern}
            placeholder="https://portal.example.com/*"
            onChange={(e) => setPattern(e.currentTarget.value)}
          />
        </div>
        <button type="button" className={primaryClass} onClick={onAddByPattern}>
          {t('opPortalAdd')}
        </button>
      </div>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t('opPortalAddHelp')}</p>

      <div className="mt-4">
        <FilePicker label={t('opPortalImport')} accept=".json,application/json" onText={onImport} />
      </div>
      {pending && (
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <span>{t('opPortalReady', [pending.name, pending.urlPatterns.join(', ')])}</span>
          <button type="button" className={primaryClass} onClick={() => void addProfile(pending)}>
            {t('opPortalAddImported')}
          </button>
        </div>
      )}
      <ErrorList title={t('opPortalErrors')} errors={errors} />
      <Notice text={notice} />
    </Section>
  );
}

function TestResult({ result }: { result: ProfileTestResult }) {
  const { t } = useI18n();
  if (!result.ok) {
    return (
      <p role="status" className="mt-2 text-sm">
        {result.code === 'no-tab' ? t('opTestNoTab') : t('opTestFailed', [result.message ?? ''])}
      </p>
    );
  }
  const { context } = result;
  const s = context.subscriber;
  return (
    <div role="status" className="mt-2 rounded border border-slate-300 p-2 text-sm dark:border-slate-600">
      <p className="font-semibold">{t('opTestRead', [result.url])}</p>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3">
        <dt>{t('opTestSubscriber')}</dt>
        <dd>{s ? [s.name, s.id, s.planType].filter(Boolean).join(' · ') : t('opTestNothing')}</dd>
        <dt>{t('opTestEsims')}</dt>
        <dd>
          {context.esims.length === 0
            ? t('opTestNothing')
            : context.esims
                .map(
                  (e) =>
                    `${e.lineName ?? '?'} ${e.iccid ? formatIccid(e.iccid) : ''} (${e.imsiProfile ?? '?'})`,
                )
                .join('; ')}
        </dd>
        <dt>{t('opTestIccids')}</dt>
        <dd>{String(context.iccids.length)}</dd>
      </dl>
    </div>
  );
}

/** A translated "Test $1 on an open tab": the text around the placeholder shown, the name read out only. */
function NamedInside({ text, name }: { text: string; name: string }) {
  const [before, after = ''] = text.split('@@@');
  return (
    <>
      {before}
      <span className="sr-only">{name}</span>
      {after}
    </>
  );
}
