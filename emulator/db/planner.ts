import { fieldColumn, sqlScalar, type Narrowing, type SqlScalar } from './sqlite-store';

/**
 * Turns the parts of a MongoDB-style query that touch declared index fields into a SQL WHERE
 * that returns a superset of the matching rows. mingo then evaluates the whole query, so a
 * narrowing may only ever drop rows that cannot match.
 *
 * Rows whose indexed field is missing, null or not a scalar are stored with NULL and always
 * included (`OR col IS NULL`): that keeps array fields (multikey matches) and exotic values correct.
 */
export function planNarrowing(query: Record<string, unknown>, indexedFields: string[]): Narrowing | null {
  const fields = new Set(indexedFields);
  const clauses: string[] = [];
  const params: SqlScalar[] = [];
  for (const cond of topLevelConditions(query)) {
    for (const [key, value] of Object.entries(cond)) {
      if (key === '_id') {
        const c = idClause(value);
        if (c) {
          clauses.push(c.where);
          params.push(...c.params);
        }
        continue;
      }
      if (!fields.has(key)) continue;
      const c = fieldClause(fieldColumn(key), value);
      if (c) {
        clauses.push(c.where);
        params.push(...c.params);
      }
    }
  }
  return clauses.length ? { where: clauses.join(' AND '), params } : null;
}

function topLevelConditions(query: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [query];
  const and = query.$and;
  if (Array.isArray(and)) {
    for (const part of and) if (part && typeof part === 'object' && !Array.isArray(part)) out.push(...topLevelConditions(part as Record<string, unknown>));
  }
  return out;
}

function idClause(value: unknown): Narrowing | null {
  if (typeof value === 'string') return { where: 'id = ?', params: [value] };
  if (isOperatorObject(value)) {
    const ops = value as Record<string, unknown>;
    if ('$eq' in ops && typeof ops.$eq === 'string') return { where: 'id = ?', params: [ops.$eq] };
    if (Array.isArray(ops.$in) && ops.$in.every((v) => typeof v === 'string')) {
      if (ops.$in.length === 0) return { where: '0', params: [] };
      return { where: `id IN (${ops.$in.map(() => '?').join(',')})`, params: ops.$in as string[] };
    }
  }
  return null;
}

const RANGE: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

function fieldClause(col: string, value: unknown): Narrowing | null {
  const scalar = sqlScalar(value);
  if (scalar !== undefined && scalar !== null) return { where: `(${col} = ? OR ${col} IS NULL)`, params: [scalar] };
  if (!isOperatorObject(value)) return null;
  const parts: string[] = [];
  const params: SqlScalar[] = [];
  for (const [op, arg] of Object.entries(value as Record<string, unknown>)) {
    if (op === '$eq') {
      const s = sqlScalar(arg);
      if (s !== undefined && s !== null) {
        parts.push(`${col} = ?`);
        params.push(s);
      }
    } else if (op === '$in' && Array.isArray(arg)) {
      const scalars = arg.map(sqlScalar);
      // null in $in also matches missing fields; a regex or array element cannot be narrowed.
      if (scalars.some((s) => s === undefined || s === null)) continue;
      if (scalars.length === 0) {
        parts.push('0');
        continue;
      }
      parts.push(`${col} IN (${scalars.map(() => '?').join(',')})`);
      params.push(...(scalars as SqlScalar[]));
    } else if (op in RANGE) {
      const s = sqlScalar(arg);
      if (s === undefined || s === null || typeof arg === 'boolean') continue;
      parts.push(`${col} ${RANGE[op]} ?`);
      params.push(s);
    }
  }
  if (parts.length === 0) return null;
  return { where: `((${parts.join(' AND ')}) OR ${col} IS NULL)`, params };
}

function isOperatorObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date || value instanceof RegExp) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}
