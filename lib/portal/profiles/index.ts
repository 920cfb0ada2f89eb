/**
 * The portal profiles shipped with the extension. Plain JSON typed as PortalProfile (a type-only
 * import), so the content script can import this without pulling zod in; the test
 * `tests/unit/portal/profiles.test.ts` validates every one with PortalProfileSchema.
 */
import type { PortalProfile } from '../profile-schema';
import demoPortal from './demo-portal.json';

/** Built-in profiles, in the order they are tried after the agent's own ones. */
export const builtInPortalProfiles: readonly PortalProfile[] = [demoPortal as PortalProfile];
