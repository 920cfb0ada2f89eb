/**
 * Values that cross `runtime.Port` messages: Chrome serialises them as JSON, so Dates and Blobs are
 * wrapped on the way out and rebuilt on the way in. Nothing else is special.
 */
type Wire = null | boolean | number | string | Wire[] | { [key: string]: Wire };

const DATE = '$date';
const BLOB = '$blob';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Turns a value into plain JSON, wrapping Dates and Blobs. */
export async function encodeWire(value: unknown): Promise<Wire> {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return { [DATE]: value.toISOString() };
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    return { [BLOB]: toBase64(new Uint8Array(await value.arrayBuffer())), type: value.type };
  }
  if (Array.isArray(value)) return Promise.all(value.map(encodeWire));
  if (value instanceof Set) return Promise.all([...value].map(encodeWire));
  if (typeof value === 'object') {
    const out: Record<string, Wire> = {};
    for (const [key, v] of Object.entries(value))
      if (v !== undefined && typeof v !== 'function') out[key] = await encodeWire(v);
    return out;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return null;
}

/**
 * The same as {@link encodeWire} without waiting, for values that hold no Blob (reading a Blob is
 * asynchronous). Returns `undefined` when a Blob is found. Saves sent while a page is being closed
 * must leave in the same task, before the page and its port are gone.
 */
export function encodeWireSync(value: unknown): Wire | undefined {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return { [DATE]: value.toISOString() };
  if (typeof Blob !== 'undefined' && value instanceof Blob) return undefined;
  if (Array.isArray(value) || value instanceof Set) {
    const out: Wire[] = [];
    for (const item of value) {
      const encoded = encodeWireSync(item);
      if (encoded === undefined) return undefined;
      out.push(encoded);
    }
    return out;
  }
  if (typeof value === 'object') {
    const out: Record<string, Wire> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function') continue;
      const encoded = encodeWireSync(v);
      if (encoded === undefined) return undefined;
      out[key] = encoded;
    }
    return out;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return null;
}

/** Rebuilds Dates and Blobs wrapped by {@link encodeWire}. */
export function decodeWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeWire);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record[DATE] === 'string' && Object.keys(record).length === 1) return new Date(record[DATE]);
    if (typeof record[BLOB] === 'string') {
      return new Blob([fromBase64(record[BLOB])], {
        type: typeof record.type === 'string' ? record.type : '',
      });
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(record)) out[key] = decodeWire(v);
    return out;
  }
  return value;
}
