/**
 * Builds `public/managed-schema.json` (the manifest's `storage.managed_schema`) from the same zod
 * schemas that validate imports, so the policy shape an administrator sees never drifts from what the
 * extension accepts (a unit test compares the file with this output).
 *
 * Chrome checks policy values against this schema and DROPS properties it does not declare, so every
 * nested object is declared in full. Its schema language is a small subset of JSON Schema (one `type`
 * per schema, no unions, no length limits) and an invalid schema stops the extension from loading, so
 * the conversion keeps only the safest keywords: `type`, `properties`, `additionalProperties` (as a
 * schema), `items`, `enum`, `title`, `description`. The exact rules (lengths, patterns, cross-field
 * checks) are applied by zod when the extension reads the policy (managed.ts).
 *
 * Unions: `X | null` becomes `X`; a union of objects becomes one object with every property; any other
 * union keeps its first member (e.g. a locator `label` is a single string in a policy, not a list).
 */
import { z } from 'zod';
import { CatalogSchema } from '../catalog';
import { ChecklistSchema } from '../escalation/checklist';
import { VendorProfileSchema } from '../escalation/vendor-profile';
import { PortalProfileSchema } from '../portal/profile-schema';

/** A JSON schema node as zod emits it / as Chrome reads it. */
type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

function alternatives(node: Node): Node[] | null {
  const list = node.anyOf ?? node.oneOf;
  return Array.isArray(list) ? list.filter(isNode) : null;
}

function mergeObjects(nodes: Node[], where: string): Node {
  const properties: Record<string, Node> = {};
  for (const n of nodes) {
    for (const [key, raw] of Object.entries(isNode(n.properties) ? n.properties : {})) {
      if (!isNode(raw)) continue;
      // Converted first (idempotent), so `const` members become enums that can be merged.
      const value = toChromeSchema(raw, `${where}.${key}`);
      const prev = properties[key];
      if (prev && Array.isArray(prev.enum) && Array.isArray(value.enum)) {
        properties[key] = { ...prev, enum: [...new Set([...prev.enum, ...value.enum])] };
      } else if (!prev) properties[key] = value;
    }
  }
  return { type: 'object', properties };
}

/** One zod-emitted node → Chrome's subset. Throws on a node with no type (a build error, caught by the test). */
export function toChromeSchema(input: Node, where = '(root)'): Node {
  let node = input;
  const alts = alternatives(node);
  if (alts) {
    const nonNull = alts.filter((a) => a.type !== 'null');
    if (nonNull.length > 1 && nonNull.every((a) => a.type === 'object')) node = mergeObjects(nonNull, where);
    else if (nonNull[0]) node = nonNull[0];
    else throw new Error(`${where}: a union with no usable member`);
  }
  const out: Node = {};
  if (typeof node.title === 'string') out.title = node.title;
  if (typeof node.description === 'string') out.description = node.description;
  if ('const' in node) {
    out.type = typeof node.const === 'number' ? (Number.isInteger(node.const) ? 'integer' : 'number') : typeof node.const;
    if (out.type === 'string' || out.type === 'integer') out.enum = [node.const];
    return out;
  }
  const type = node.type;
  if (typeof type !== 'string' || !['object', 'array', 'string', 'integer', 'number', 'boolean'].includes(type)) {
    throw new Error(`${where}: no type Chrome can check (${JSON.stringify(type)})`);
  }
  out.type = type;
  // Chrome accepts `enum` on strings and integers only.
  if (Array.isArray(node.enum) && (type === 'string' || type === 'integer')) out.enum = node.enum;
  if (type === 'array') {
    if (!isNode(node.items)) throw new Error(`${where}: an array without items`);
    out.items = toChromeSchema(node.items, `${where}[]`);
  }
  if (type === 'object') {
    if (isNode(node.properties)) {
      out.properties = Object.fromEntries(
        Object.entries(node.properties)
          .filter((entry): entry is [string, Node] => isNode(entry[1]))
          .map(([k, v]) => [k, toChromeSchema(v, `${where}.${k}`)]),
      );
    }
    // Records (e.g. SLA targets per level id) keep their value schema; `false` (strict objects) is dropped:
    // Chrome drops undeclared keys itself, and zod refuses them later.
    if (isNode(node.additionalProperties)) {
      out.additionalProperties = toChromeSchema(node.additionalProperties, `${where}.*`);
    }
  }
  return out;
}

const chrome = (schema: z.ZodType, title: string, description: string): Node => ({
  ...toChromeSchema(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }) as Node, title),
  title,
  description,
});

/** The whole managed-storage schema (see the module comment). Keys match `MANAGED_KEYS` in managed.ts. */
export function buildManagedSchema(): Node {
  return {
    type: 'object',
    properties: {
      portals: {
        title: 'Portals',
        description:
          'Admin portal profiles the extension reads. They are added to (and, for the same id, replace) the portals the agent added; host access must still be granted.',
        type: 'array',
        items: chrome(PortalProfileSchema, 'Portal profile', 'One portal profile, as exported from Options → Portals.'),
      },
      catalog: chrome(
        CatalogSchema,
        'Plan catalog',
        'The plan → IMSI profile catalog. Replaces the catalog imported in Options.',
      ),
      vendors: {
        title: 'Vendor profiles',
        description:
          'Vendor profiles, as exported from Options → Vendor profiles. A profile with the id of a built-in or agent profile replaces it.',
        type: 'array',
        items: chrome(VendorProfileSchema, 'Vendor profile', 'One vendor profile.'),
      },
      checklist: chrome(
        ChecklistSchema,
        'Troubleshooting checklist',
        'The first-line troubleshooting checklist. Replaces the shipped default and the one imported in Options.',
      ),
      defaultVendorId: {
        title: 'Default vendor',
        description: 'Id of the vendor new escalations start with (a built-in or managed vendor profile).',
        type: 'string',
      },
      loopbackEnabled: {
        title: 'Loopback portal',
        description: 'Whether the extension runs on localhost / 127.0.0.1 (the demo portal).',
        type: 'boolean',
      },
    },
  };
}
