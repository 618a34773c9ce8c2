import { update as mingoUpdate } from 'mingo';
import type { Doc } from './ejson';
import { dbErrors } from './errors';
import { getPath } from './paths';

const SUPPORTED = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$pop',
  '$addToSet',
  '$currentDate',
  '$bit',
]);

/**
 * Applies an update document to a copy of `doc`. `merge: false` is `doc(id).set()`: the data
 * replaces the document. Top-level plain fields in a merge are treated as `$set`, as the SDK does.
 */
export function applyUpdate(doc: Doc, data: Doc, merge: boolean): Doc {
  const id = doc._id;
  if (!merge) {
    checkUpdateDocument(data, merge);
    return { ...structuredClone(data), _id: id };
  }
  const modifier = toModifier(data);
  normalizeAddToSet(modifier);
  checkOperandTypes(doc, modifier);
  const next = structuredClone(doc);
  try {
    if (Object.keys(modifier).length) mingoUpdate(next, modifier as never, undefined, undefined, { cloneMode: 'deep' });
  } catch (e) {
    throw dbErrors.badOperator(`invalid update: ${(e as Error).message}`);
  }
  next._id = id;
  return next;
}

/** Refuses a malformed update before anything is matched, as MongoDB does even when nothing matches. */
export function checkUpdateDocument(data: Doc, merge: boolean): void {
  if (!merge) {
    if (Object.keys(data).some((k) => k.startsWith('$')))
      throw dbErrors.badOperator('update operators are not allowed in set(): it replaces the whole document');
    return;
  }
  toModifier(data);
}

function toModifier(data: Doc): Record<string, Record<string, unknown>> {
  const modifier: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith('$')) {
      if (!SUPPORTED.has(key)) throw dbErrors.badOperator(`unknown update operator ${key}`);
      if (value === null || typeof value !== 'object') throw dbErrors.badOperator(`${key} needs an object of fields`);
      modifier[key] = { ...(modifier[key] ?? {}), ...(value as Record<string, unknown>) };
    } else {
      modifier.$set = { ...(modifier.$set ?? {}), [key]: value };
    }
  }
  for (const fields of Object.values(modifier)) {
    if ('_id' in fields) throw dbErrors.badOperator('the _id of a document cannot be updated');
  }
  return modifier;
}

/** The document an upsert starts from: the query's equality conditions (MongoDB's rule). */
export function seedFromQuery(query: Doc): Doc {
  const seed: Doc = {};
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$') || k.includes('.')) continue;
    if (v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof RegExp) && !Array.isArray(v)) {
      const ops = v as Record<string, unknown>;
      if ('$eq' in ops) seed[k] = ops.$eq;
      continue;
    }
    seed[k] = v;
  }
  return seed;
}

/** WeChat's `_.addToSet({ each: [...] })` arrives with a lowercase `each`; MongoDB spells it `$each`. */
function normalizeAddToSet(modifier: Record<string, Record<string, unknown>>): void {
  const add = modifier.$addToSet;
  if (!add) return;
  for (const [field, value] of Object.entries(add)) {
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && Array.isArray((value as { each?: unknown }).each)) {
      add[field] = { $each: (value as { each: unknown[] }).each };
    }
  }
}

const NUMERIC_OPS = ['$inc', '$mul'];
const ARRAY_OPS = ['$push', '$pull', '$pullAll', '$pop', '$addToSet'];

/** MongoDB refuses these instead of ignoring them (mingo would silently skip them). */
function checkOperandTypes(doc: Doc, modifier: Record<string, Record<string, unknown>>): void {
  for (const op of NUMERIC_OPS) {
    for (const [field, arg] of Object.entries(modifier[op] ?? {})) {
      if (typeof arg !== 'number') throw dbErrors.badOperator(`Cannot ${op} with a non-numeric argument for field ${field}`);
      const current = getPath(doc, field);
      if (current !== undefined && current !== null && typeof current !== 'number') {
        throw dbErrors.badOperator(
          `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${field}' of non-numeric type ${typeof current}`,
        );
      }
    }
  }
  for (const op of ARRAY_OPS) {
    for (const field of Object.keys(modifier[op] ?? {})) {
      const current = getPath(doc, field);
      if (current !== undefined && current !== null && !Array.isArray(current)) {
        throw dbErrors.badOperator(
          `Cannot apply ${op} to a non-array field. Field named '${field}' has a non-array type in document {_id: ${JSON.stringify(doc._id)}}`,
        );
      }
    }
  }
}
