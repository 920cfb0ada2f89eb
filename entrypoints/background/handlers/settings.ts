/** Messages from Options: the enabled portals changed. */
import { syncPortalScript } from '../portals';
import type { FeatureHandlers } from '../router';

export function settingsHandlers(): FeatureHandlers<'portals-changed'> {
  return {
    'portals-changed': () => syncPortalScript(),
  };
}
