/** The fixture portal's machine-readable truth (generated with the fixtures). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/portal/expected.json');

export interface ExpectedEsim {
  lineName: string;
  iccid: string;
  iccidDisplay: string;
  imsiProfile: number;
  status: string;
}
export interface ExpectedSubscriber {
  url: string;
  id: string;
  name: string;
  planType: string;
  unlimitedBundles: number;
  esims: ExpectedEsim[];
  validIccids: string[];
  invalidIccids: Array<{ text: string; digits: string; reason: string }>;
}

const data = JSON.parse(readFileSync(file, 'utf8'));
export const expected = data as {
  apiKey: string;
  portal: { subscribers: ExpectedSubscriber[]; urls: Record<string, string> };
  portalB: Record<string, unknown>;
  hostile: Record<string, { url: string; [k: string]: unknown }>;
};

export function subscriber(id: string): ExpectedSubscriber {
  const s = expected.portal.subscribers.find((x) => x.id === id);
  if (!s) throw new Error(`no fixture subscriber ${id}`);
  return s;
}
