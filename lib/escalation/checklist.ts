/**
 * The first-line troubleshooting checklist the agent works through before escalating (seed 000: first
 * line is the reseller's job; escalate once the troubleshooting steps are done). Data, validated with
 * zod, editable in Options; the ticked steps prefill the ticket's "troubleshooting already done".
 */
import { z } from 'zod';
import { LocalizedTextSchema, ProfileIdSchema, type Locale } from './vendor-profile';

/** One step the agent can tick. */
export const ChecklistStepSchema = z.strictObject({
  id: ProfileIdSchema,
  label: LocalizedTextSchema,
  help: LocalizedTextSchema.optional(),
});
/** See {@link ChecklistStepSchema}. */
export type ChecklistStep = z.infer<typeof ChecklistStepSchema>;

/** A checklist: steps in the order to follow them. */
export const ChecklistSchema = z
  .strictObject({
    id: ProfileIdSchema,
    name: LocalizedTextSchema,
    steps: z.array(ChecklistStepSchema).min(1).max(200),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.steps.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `Step id "${s.id}" is repeated.` });
      seen.add(s.id);
    });
  });
/** See {@link ChecklistSchema}. */
export type Checklist = z.infer<typeof ChecklistSchema>;

/**
 * The default first-line eSIM checklist, in the order of eSIM Go's first-line troubleshooting guide
 * (REFERENCE: status, compatibility, network lock, internet, QR install, manual install, region), with
 * the device-side settings and the restart/manual network selection agents add before escalating.
 */
export const DEFAULT_ESIM_CHECKLIST: Checklist = ChecklistSchema.parse({
  id: 'esim-first-line',
  name: { en: 'eSIM first-line troubleshooting', fr: 'Dépannage eSIM de premier niveau' },
  steps: [
    {
      id: 'esim-status',
      label: {
        en: 'eSIM status checked (Installed or Released)',
        fr: "Statut de l'eSIM vérifié (Installed ou Released)",
      },
      help: {
        en: 'Released means the eSIM is not installed on a device.',
        fr: "Released signifie que l'eSIM n'est installée sur aucun appareil.",
      },
    },
    {
      id: 'device-compatible',
      label: { en: 'Device is eSIM-compatible', fr: "L'appareil est compatible eSIM" },
    },
    {
      id: 'device-unlocked',
      label: { en: 'Device is not network-locked', fr: "L'appareil n'est pas verrouillé sur un opérateur" },
    },
    {
      id: 'line-enabled',
      label: {
        en: 'eSIM line turned on and selected for mobile data',
        fr: 'Ligne eSIM activée et choisie pour les données mobiles',
      },
    },
    {
      id: 'data-roaming',
      label: { en: 'Data roaming turned on for the eSIM', fr: "Itinérance des données activée pour l'eSIM" },
    },
    {
      id: 'internet',
      label: {
        en: 'Device had a working internet connection (Wi-Fi or good 4G)',
        fr: "L'appareil avait une connexion internet fonctionnelle (Wi-Fi ou bonne 4G)",
      },
      help: {
        en: 'Installing an eSIM needs a stable connection.',
        fr: "L'installation d'une eSIM demande une connexion stable.",
      },
    },
    {
      id: 'install',
      label: {
        en: 'Installed from the QR code, or manually with the SM-DP+ address and activation code',
        fr: "Installée par le QR code, ou manuellement avec l'adresse SM-DP+ et le code d'activation",
      },
    },
    {
      id: 'region-match',
      label: {
        en: "The plan's region covers where the customer is",
        fr: 'La région du forfait couvre le lieu où se trouve le client',
      },
    },
    {
      id: 'restarted',
      label: { en: 'Device restarted', fr: 'Appareil redémarré' },
    },
    {
      id: 'network-manual',
      label: { en: 'Network selected manually', fr: 'Réseau sélectionné manuellement' },
    },
  ],
});

/**
 * The labels of the ticked steps, in checklist order (not ticking order), in one language. Unknown ids
 * (a step removed from the checklist since) are skipped.
 */
export function checklistLabels(checklist: Checklist, doneIds: readonly string[], locale: Locale): string[] {
  const done = new Set(doneIds);
  return checklist.steps.filter((s) => done.has(s.id)).map((s) => s.label[locale]);
}
