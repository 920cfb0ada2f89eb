/**
 * What the portal content script shares with the scripts the background injects next to it on
 * demand (the Add plan guard). Scripts of one extension injected into the same frame share the
 * isolated world's global object, which the portal's own scripts cannot see.
 */
import type { GuardEvent, PageContext } from '../../lib/portal/page-context';
import type { PortalProfile } from '../../lib/portal/profile-schema';

export interface PortalHostApi {
  current(): PageContext;
  /** Reads the page now (the guard's decision at submit time), and publishes the result. */
  readNow?(): PageContext;
  profile(): PortalProfile | null;
  record(event: GuardEvent): void;
  /** Subscribes to "the page settled after changes"; returns the unsubscribe. */
  onSettled(listener: () => void): () => void;
  /** Subscribes to the content script's teardown (navigation away, extension update). */
  onTeardown(listener: () => void): void;
}

const KEY = Symbol.for('helpdesk-assistant.portal-host');

export function publishHostApi(api: PortalHostApi): void {
  (globalThis as Record<symbol, unknown>)[KEY] = api;
}

export function hostApi(): PortalHostApi | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as PortalHostApi | undefined;
}
