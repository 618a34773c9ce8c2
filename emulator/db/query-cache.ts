import { Query } from 'mingo';
import type { Doc } from './ejson';

const mingoOptions = { idKey: '_id' } as const;

/**
 * Compiled mingo queries by their text. Building a Query copies mingo's whole operator table, which
 * costs more than matching a handful of candidate rows, and functions send the same few query
 * shapes over and over. Dates and regular expressions get their own tags in the key, so a date
 * never shares an entry with a string that looks like it.
 */
export class QueryCache {
  private readonly entries = new Map<string, Query>();

  constructor(private readonly capacity = 2000) {}

  get(query: Doc): Query {
    const key = keyOf(query);
    let q = this.entries.get(key);
    if (q) {
      // Most recently used last, so eviction takes the oldest.
      this.entries.delete(key);
      this.entries.set(key, q);
      return q;
    }
    q = new Query(query as never, mingoOptions);
    this.entries.set(key, q);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return q;
  }

  get size(): number {
    return this.entries.size;
  }
}

function keyOf(query: Doc): string {
  return JSON.stringify(query, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    if (raw instanceof Date) return { $__date: raw.getTime() };
    if (raw instanceof RegExp) return { $__regex: raw.source, flags: raw.flags };
    if (typeof raw === 'bigint') return { $__bigint: String(raw) };
    return value;
  });
}
