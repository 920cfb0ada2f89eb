import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../../components/i18n';
import { OptionsApp } from '../../components/options/options-app';
import { browserI18n } from '../../components/platform/page-i18n';
import { builtInVendors } from '../../lib/escalation';
import { builtInPortalProfiles } from '../../lib/portal/profiles';
import { createOptionsApi } from './platform';
import '../../components/styles.css';

const i18n = browserI18n();
document.documentElement.lang = i18n.locale;
document.title = `${i18n.t('opTitle')} — ${i18n.t('extName')}`;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider value={i18n}>
      <OptionsApp api={createOptionsApi()} builtInPortals={builtInPortalProfiles} vendors={builtInVendors} />
    </I18nProvider>
  </StrictMode>,
);
