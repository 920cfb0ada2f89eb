/**
 * Which of the page's requests the opt-in capture keeps: only calls to hosts the agent (or the IT
 * admin) listed, e.g. `api.esim-go.com`. Everything else the page fetches — analytics, the portal's
 * own session calls — is never looked at.
 */

/** Lower-case host without a trailing dot. */
function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * True when `url` is an http(s) URL whose host is in `allowedHosts`. An entry is an exact host
 * (`api.esim-go.com`) or `*.suffix` (`*.esim-go.com`), which — like extension match patterns — also
 * matches the suffix itself. A bare `*` and a wildcard over a single label (`*.com`) are ignored:
 * capturing every host is never what the agent opted into. Ports are not compared. Relative URLs are resolved against
 * `base` when given (the page's `fetch('/api/…')`), otherwise not captured. Never throws.
 */
export function shouldCapture(url: string, allowedHosts: readonly string[], base?: string): boolean {
  let parsed: URL;
  try {
    parsed = base === undefined ? new URL(url) : new URL(url, base);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  const host = normaliseHost(parsed.hostname);
  return allowedHosts.some((entry) => {
    const pattern = normaliseHost(entry);
    if (pattern.startsWith('*.')) {
      const suffix = pattern.slice(2);
      if (!suffix.includes('.')) return false;
      return host === suffix || host.endsWith(`.${suffix}`);
    }
    return pattern !== '' && !pattern.includes('*') && host === pattern;
  });
}
