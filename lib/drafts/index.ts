/**
 * The drafts use-case floor (DESIGN §3 `lib/drafts/`): where the rules (lib/escalation, lib/portal,
 * lib/telecom) meet the store (lib/db). Starting an escalation, the drafts API over the repositories,
 * one surface's editing session (autosave, merge, crash recovery). Rules never import the store; the
 * store never imports this floor (tests/unit/conventions/layers.test.ts).
 */
export * from './start-escalation';
export * from './drafts-api';
export * from './draft-session';
export * from './merge-drafts';
export * from './recover-draft';
