/** Issue 19: where a taught portal applies, and its id, from the page's address (no DOM, no zod). */

/** The portal's address as match patterns: its first path segment when it has one ("/portal/*"). */
export function urlPatternsFor(url: string): string[] {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return [];
    const segment = u.pathname.split('/').filter(Boolean)[0];
    const path =
      segment !== undefined && u.pathname.split('/').filter(Boolean).length > 1 ? `/${segment}/*` : '/*';
    return [`${u.protocol}//${u.hostname}${path}`];
  } catch {
    return [];
  }
}

/** A profile id from the host: "taught-" + host, in the id's alphabet. */
export function profileIdFor(url: string): string {
  let host = 'portal';
  try {
    host = new URL(url).hostname;
  } catch {
    /* keep the default */
  }
  return ('taught-' + host.toLowerCase().replace(/[^a-z0-9-]+/g, '-')).slice(0, 100).replace(/-+$/, '');
}
