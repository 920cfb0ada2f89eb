/**
 * Escalation: vendor profiles, completeness, priority suggestion, SLA clock, prefill, checklist,
 * ticket rendering and secret handling. Pure TypeScript (no browser, no React): see DESIGN §3.
 */
export * from './draft';
export * from './vendor-profile';
export * from './vendors';
export * from './field-values';
export * from './completeness';
export * from './priority';
export * from './sla';
export * from './prefill';
export * from './checklist';
export * from './render';
export * from './secrets';
