/**
 * The values the agent can teach by pointing (issue 19), zod- and DOM-free so the message registry
 * and the sidebar can name them without loading the guesser.
 */
export const TEACHABLE_KEYS = [
  'subscriber.name',
  'subscriber.id',
  'subscriber.planType',
  'subscriber.unlimitedBundles',
  'esims.lineName',
  'esims.iccid',
  'esims.imsiProfile',
  'esims.status',
] as const;
/** See {@link TEACHABLE_KEYS}. */
export type TeachableKey = (typeof TEACHABLE_KEYS)[number];
