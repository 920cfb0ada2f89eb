/** Context-menu "Escalate this ICCID" and the retention purge (filled in with the drafts store). */
export const ESCALATE_MENU_ID = 'escalate-iccid';
export const OPEN_SIDEBAR_MENU_ID = 'open-sidebar';
export async function escalateIccid(..._args: unknown[]): Promise<unknown> {
  return null;
}
export async function purgeExpiredDrafts(): Promise<number> {
  return 0;
}
