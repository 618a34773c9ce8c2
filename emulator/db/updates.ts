import { update as mingoUpdate } from 'mingo';
import type { Doc } from './ejson';
import { dbErrors } from './errors';

const SUPPORTED = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull', '$pullAll', '$pop', '$addToSet', '$currentDate', '$bit']);

/**
 * Applies an update document to a copy of `doc`. `merge: false` is `doc(id).set()`: the data
 * replaces the document. Top-level plain fields in a merge are treated as `$set`, as the SDK does.
 */
export function applyUpdate(doc: Doc, data: Doc, merge: boolean): Doc {
  const id = doc._id;
  if (!merge) {
    if (Object.keys(data).some((k) => k.startsWith('$'))) throw dbErrors.badOperator('update operators are not allowed in set(): it replaces the whole document');
    return { ...structuredClone(data), _id: id };
  }
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
  const next = structuredClone(doc);
  try {
    if (Object.keys(modifier).length) mingoUpdate(next, modifier as never, undefined, undefined, { cloneMode: 'deep' });
  } catch (e) {
    throw dbErrors.badOperator(`invalid update: ${(e as Error).message}`);
  }
  next._id = id;
  return next;
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
