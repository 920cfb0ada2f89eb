// Finds the Firefox to drive: FIREFOX_PATH, else Debian's firefox-esr (what .ci/run installs). Like
// Chromium, we never let a driver download a browser.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
];

export function findFirefox() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`FIREFOX_PATH is set to ${fromEnv}, which does not exist.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    "No Firefox found. Install Debian's Firefox ESR (`sudo apt-get install -y firefox-esr`; `.ci/run` does it) " +
      'or set FIREFOX_PATH to its executable.',
  );
}
