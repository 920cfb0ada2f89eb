/**
 * The labels an admin portal shows next to the values we read, in English, French, German,
 * Spanish, Italian, Portuguese and Dutch (issue 19: "a multilingual vocabulary kept as data").
 * Adding a language or a synonym is a line here, never a code path. Value words (plan states,
 * catalog aliases) are not here: they belong to lib/catalog (plan-life.ts, the catalog).
 *
 * Some words mean several things ("Forfait" is the subscriber's plan type, a plan on an eSIM, or
 * the Add plan form's plan field; "État" is a line's status or a plan's state): a word lists every
 * role it can play and the guesser picks one from where the word sits on the page.
 */

/** What a label can designate. */
export type LabelRole =
  | 'subscriberName'
  | 'subscriberId'
  | 'planType'
  | 'plan'
  | 'unlimitedBundles'
  | 'lineName'
  | 'iccid'
  | 'esim'
  | 'imsiProfile'
  | 'status'
  | 'region'
  | 'activatedAt'
  | 'expiresAt';

/** Titles of the two forms the guard watches. */
export type FormTitleRole = 'addPlan' | 'addLine';

type Words = Readonly<Record<'en' | 'fr' | 'de' | 'es' | 'it' | 'pt' | 'nl', readonly string[]>>;

/** Label words per role and language, as a portal writes them (accents, case and colons do not matter). */
export const LABEL_WORDS: Readonly<Record<LabelRole, Words>> = {
  subscriberName: {
    en: ['Subscriber', 'Subscriber name', 'Customer', 'Customer name', 'Name', 'Client', 'Account holder'],
    fr: ['Abonné', 'Nom', "Nom de l'abonné", 'Client', 'Nom du client', 'Titulaire'],
    de: ['Kunde', 'Kundenname', 'Name', 'Teilnehmer', 'Inhaber'],
    es: ['Cliente', 'Nombre', 'Nombre del cliente', 'Abonado', 'Titular'],
    it: ['Abbonato', 'Cliente', 'Nome', 'Nome cliente', 'Intestatario'],
    pt: ['Assinante', 'Cliente', 'Nome', 'Nome do cliente', 'Titular'],
    nl: ['Klant', 'Klantnaam', 'Naam', 'Abonnee'],
  },
  subscriberId: {
    en: [
      'Subscriber ID',
      'Subscriber no.',
      'Subscriber number',
      'Customer ID',
      'Customer no.',
      'Customer number',
      'Account number',
      'Account ID',
    ],
    fr: [
      'N° client',
      'Numéro client',
      'Numéro de client',
      'ID client',
      'Identifiant client',
      "N° d'abonné",
      "Numéro d'abonné",
      'Référence client',
    ],
    de: ['Kundennummer', 'Kunden-Nr.', 'Kunden-ID', 'Kundennr.', 'Teilnehmernummer'],
    es: ['ID de cliente', 'Número de cliente', 'Nº de cliente', 'ID del cliente', 'Código de cliente'],
    it: ['Codice cliente', 'ID cliente', 'Numero cliente', 'Codice abbonato'],
    pt: ['ID do cliente', 'Número do cliente', 'Código do cliente', 'Nº de cliente'],
    nl: ['Klantnummer', 'Klant-ID', 'Klantnr.', 'Abonneenummer'],
  },
  planType: {
    en: ['Plan type', 'Subscription type', 'Domestic plan'],
    fr: ['Type de forfait', "Type d'offre", 'Forfait principal'],
    de: ['Tarifart', 'Tariftyp', 'Haupttarif'],
    es: ['Tipo de plan', 'Tipo de tarifa', 'Plan principal'],
    it: ['Tipo di piano', 'Tipo di offerta', 'Offerta', 'Piano principale'],
    pt: ['Tipo de plano', 'Plano principal'],
    nl: ['Abonnementstype', 'Type abonnement'],
  },
  plan: {
    en: ['Plan', 'Plan name', 'Offer', 'Tariff', 'Data plan', 'Package', 'Bundle'],
    fr: ['Forfait', 'Offre', 'Formule', 'Abonnement', 'Nom du forfait'],
    de: ['Tarif', 'Tarifname', 'Paket', 'Datentarif', 'Angebot'],
    es: ['Plan', 'Oferta', 'Tarifa', 'Bono', 'Nombre del plan'],
    it: ['Piano', 'Tariffa', 'Pacchetto', 'Nome piano'],
    pt: ['Plano', 'Oferta', 'Tarifa', 'Pacote', 'Nome do plano'],
    nl: ['Abonnement', 'Bundel', 'Tariefplan', 'Pakket', 'Plan'],
  },
  unlimitedBundles: {
    en: ['Unlimited bundles', 'Unlimited add-ons', 'Unlimited bundle'],
    fr: ['Bundles illimités', 'Forfaits illimités', 'Options illimitées'],
    de: ['Unlimited-Bundles', 'Unlimited Bundles', 'Unbegrenzte Bundles', 'Unlimited-Pakete'],
    es: ['Bonos ilimitados', 'Bundles ilimitados', 'Paquetes ilimitados'],
    it: ['Bundle illimitati', 'Pacchetti illimitati'],
    pt: ['Pacotes ilimitados', 'Bundles ilimitados'],
    nl: ['Onbeperkte bundels', 'Unlimited bundels'],
  },
  lineName: {
    en: ['Line name', 'Line', 'Line label'],
    fr: ['Nom de la ligne', 'Nom de ligne', 'Ligne', 'Libellé de la ligne'],
    de: ['Leitungsname', 'Leitung', 'Name der Leitung', 'Anschluss'],
    es: ['Nombre de la línea', 'Nombre de línea', 'Línea'],
    it: ['Nome linea', 'Nome della linea', 'Linea'],
    pt: ['Nome da linha', 'Linha'],
    nl: ['Lijnnaam', 'Naam van de lijn', 'Lijn'],
  },
  iccid: {
    en: ['ICCID', 'ICCID number', 'SIM number'],
    fr: ['N° ICCID', 'Numéro ICCID', 'Numéro de carte SIM'],
    de: ['ICCID-Nummer', 'SIM-Nummer', 'Kartennummer'],
    es: ['Número ICCID', 'Número de SIM'],
    it: ['Numero ICCID', 'Numero SIM'],
    pt: ['Número ICCID', 'Número do SIM'],
    nl: ['ICCID-nummer', 'Simkaartnummer'],
  },
  esim: {
    en: ['eSIM', 'SIM', 'SIM card'],
    fr: ['Carte SIM', 'eSIM', 'SIM'],
    de: ['SIM-Karte', 'eSIM', 'SIM'],
    es: ['Tarjeta SIM', 'eSIM', 'SIM'],
    it: ['Scheda SIM', 'eSIM', 'SIM'],
    pt: ['Cartão SIM', 'eSIM', 'SIM'],
    nl: ['Simkaart', 'eSIM', 'SIM'],
  },
  imsiProfile: {
    en: ['IMSI profile', 'Profile', 'IMSI'],
    fr: ['Profil IMSI', 'Profil'],
    de: ['IMSI-Profil', 'Profil'],
    es: ['Perfil IMSI', 'Perfil'],
    it: ['Profilo IMSI', 'Profilo'],
    pt: ['Perfil IMSI', 'Perfil'],
    nl: ['IMSI-profiel', 'Profiel'],
  },
  status: {
    en: ['Status', 'State', 'Line status', 'SIM status', 'eSIM status'],
    fr: ['État', 'Statut', 'État de la ligne'],
    de: ['Status', 'Zustand', 'Leitungsstatus'],
    es: ['Estado', 'Estado de la línea'],
    it: ['Stato', 'Stato della linea'],
    pt: ['Estado', 'Situação', 'Status'],
    nl: ['Status', 'Staat'],
  },
  region: {
    en: ['Region', 'Coverage', 'Zone', 'Destination'],
    fr: ['Région', 'Zone', 'Couverture', 'Destination'],
    de: ['Region', 'Gebiet', 'Abdeckung', 'Zielgebiet'],
    es: ['Región', 'Cobertura', 'Zona', 'Destino'],
    it: ['Regione', 'Copertura', 'Zona', 'Destinazione'],
    pt: ['Região', 'Cobertura', 'Zona', 'Destino'],
    nl: ['Regio', 'Dekking', 'Bestemming'],
  },
  activatedAt: {
    en: ['Activated', 'Activated on', 'Activation date', 'Activation', 'Start', 'Start date', 'Valid from'],
    fr: ['Activé le', "Date d'activation", 'Activation', 'Début', 'Valable à partir du'],
    de: [
      'Aktiviert am',
      'Aktiviert',
      'Aktivierung',
      'Aktivierungsdatum',
      'Beginn',
      'Startdatum',
      'Gültig ab',
    ],
    es: ['Fecha de activación', 'Activado', 'Activado el', 'Activación', 'Inicio'],
    it: ['Data di attivazione', 'Attivato il', 'Attivazione', 'Inizio'],
    pt: ['Data de ativação', 'Ativado em', 'Ativação', 'Início'],
    nl: ['Geactiveerd op', 'Activeringsdatum', 'Activering', 'Begindatum', 'Start'],
  },
  expiresAt: {
    en: ['Expires', 'Expires on', 'Expiry', 'Expiry date', 'Expiration', 'End', 'End date', 'Valid until'],
    fr: ['Expire le', "Date d'expiration", 'Expiration', 'Fin', "Valable jusqu'au"],
    de: ['Gültig bis', 'Läuft ab am', 'Ablaufdatum', 'Ablauf', 'Ende', 'Enddatum'],
    es: ['Fecha de caducidad', 'Caduca', 'Caduca el', 'Vencimiento', 'Fecha de expiración', 'Fin'],
    it: ['Scadenza', 'Scade il', 'Data di scadenza', 'Fine'],
    pt: ['Data de expiração', 'Expira em', 'Validade', 'Vencimento', 'Fim'],
    nl: ['Verloopt op', 'Vervaldatum', 'Einddatum', 'Geldig tot'],
  },
};

/** Titles (form name, legend, heading or submit text) of the forms the guard watches. */
export const FORM_TITLE_WORDS: Readonly<Record<FormTitleRole, Words>> = {
  addPlan: {
    en: [
      'Add plan',
      'Add a plan',
      'Add data plan',
      'Attach plan',
      'Attach a data plan',
      'Assign plan',
      'Add bundle',
    ],
    fr: ['Ajouter un forfait', 'Ajouter forfait', 'Ajouter une offre', 'Attribuer un forfait'],
    de: ['Tarif hinzufügen', 'Paket hinzufügen', 'Plan hinzufügen', 'Tarif buchen'],
    es: ['Añadir plan', 'Añadir un plan', 'Agregar plan', 'Asignar plan'],
    it: ['Aggiungi piano', 'Aggiungi un piano', 'Aggiungi offerta'],
    pt: ['Adicionar plano', 'Adicionar um plano', 'Atribuir plano'],
    nl: ['Plan toevoegen', 'Abonnement toevoegen', 'Bundel toevoegen'],
  },
  addLine: {
    en: ['Add line', 'Add a line', 'New line', 'Add eSIM'],
    fr: ['Ajouter une ligne', 'Ajouter ligne', 'Nouvelle ligne', 'Créer la ligne'],
    de: ['Leitung hinzufügen', 'Neue Leitung'],
    es: ['Añadir línea', 'Añadir una línea', 'Nueva línea', 'Agregar línea'],
    it: ['Aggiungi linea', 'Nuova linea'],
    pt: ['Adicionar linha', 'Nova linha'],
    nl: ['Lijn toevoegen', 'Nieuwe lijn'],
  },
};

const MARKS = /\p{M}/gu;
const PUNCT = /[-_./'’()]+/g;
const NUMERO = /(^|\s)(n°|nº|no\.|nr\.|n\.)(?=\s|$)/g;

/**
 * The key a label word is compared by: accents, case, punctuation, "N°"-style abbreviations and a
 * trailing colon or `*` do not count ("N° client :" and "no client" meet; "IMSI-Profil" and "imsi
 * profil" too).
 */
export function wordKey(text: string): string {
  let t = text
    .normalize('NFD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
  t = t.replace(/\s*[:：*]\s*$/, '').replace(/\s*[:：*]\s*$/, '');
  t = t.replace(NUMERO, '$1n ').replace(PUNCT, ' ');
  return t.replace(/\s+/g, ' ').trim();
}

function indexOf<R extends string>(table: Readonly<Record<R, Words>>): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const role of Object.keys(table) as R[]) {
    for (const words of Object.values(table[role]) as string[][]) {
      for (const word of words) {
        const key = wordKey(word);
        const roles = map.get(key) ?? [];
        if (!roles.includes(role)) roles.push(role);
        map.set(key, roles);
      }
    }
  }
  return map;
}

const LABELS = indexOf(LABEL_WORDS);
const TITLES = indexOf(FORM_TITLE_WORDS);
/** Longest label key: longer texts are not labels (a cheap filter while walking the page). */
export const MAX_LABEL_KEY = Math.max(...[...LABELS.keys()].map((k) => k.length));

/** The roles a visible label can play, or an empty list when it is not one we know. */
export function rolesOfLabel(text: string): readonly LabelRole[] {
  return LABELS.get(wordKey(text)) ?? [];
}

/** The form a title names ("Ajouter un forfait" → addPlan), or undefined. */
export function formOfTitle(text: string): FormTitleRole | undefined {
  return TITLES.get(wordKey(text))?.[0];
}
