/**
 * The drafts tab (`drafts.html`): a thin shell that opens the database, reads the default vendor and
 * keeps the open draft in the URL hash (`#draft=<id>`, used by the context menu and the popup).
 */
// First: zod's jitless mode before any schema is used (lib/zod-jitless.ts).
import '../../lib/zod-jitless';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { DraftsPage, draftIdFromHash } from '../../components/drafts/drafts-page';
import { I18nProvider } from '../../components/i18n';
import { browserI18n } from '../../components/platform/page-i18n';
import { useVendors } from '../../components/platform/use-vendors';
import { openExtensionDb } from '../../lib/db/extension-db';
import { pageDraftsApi } from '../../components/platform/page-drafts-api';
import { tabEvidencePlatform } from '../../components/platform/evidence-platform';
import { readEffectiveSettings } from '../../components/platform/storage-areas';
import { createEscalationsApi } from '../../lib/drafts/escalations-api';
import { escalationClock } from '../../components/platform/escalation-clock';
import '../../components/styles.css';

// With the crash journal (issue 12).
const db = openExtensionDb(browser.storage);
const drafts = pageDraftsApi(db);
// Issue 18: the escalation board and panel, on the same connection and the extension's clock.
const escalations = createEscalationsApi(db);

function DraftsApp() {
  const [draftId, setDraftId] = useState(() => draftIdFromHash(location.hash));
  const [defaultVendorId, setDefaultVendorId] = useState<string | undefined>(undefined);
  // Built-in + custom (Options) + managed (policy) profiles, followed live.
  const { vendors } = useVendors();

  useEffect(() => {
    const onHash = () => setDraftId(draftIdFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    void readEffectiveSettings().then((s) => setDefaultVendorId(s.defaultVendorId));
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const select = (id: string | null) => {
    setDraftId(id);
    history.replaceState(null, '', id ? `#draft=${id}` : location.pathname);
  };

  return (
    <DraftsPage
      drafts={drafts}
      draftId={draftId}
      onSelect={select}
      vendors={vendors}
      // Screenshots and API calls come from the open tab showing the draft's portal page.
      evidencePlatform={tabEvidencePlatform}
      escalations={escalations}
      clock={escalationClock}
      {...(defaultVendorId ? { defaultVendorId } : {})}
    />
  );
}

const i18n = browserI18n();
document.documentElement.lang = i18n.locale;
document.title = i18n.t('drPageTitle');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider value={i18n}>
      <DraftsApp />
    </I18nProvider>
  </StrictMode>,
);
