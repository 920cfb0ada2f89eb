import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '../../components/i18n';
import { browserI18n } from '../../components/platform/page-i18n';
import '../../components/styles.css';

const i18n = browserI18n();
document.documentElement.lang = i18n.locale;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider value={i18n}>
      <h1>{i18n.t('extName')}</h1>
    </I18nProvider>
  </StrictMode>,
);
