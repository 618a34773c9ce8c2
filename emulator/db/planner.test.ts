import fc from 'fast-check';
import { Query } from 'mingo';
import { planNarrowing } from './planner';
import { SqliteStore } from './sqlite-store';

/**
 * The SQL narrowing may drop only rows that cannot match: for any documents and any query on
 * indexed fields, the rows SQL returns include every document mingo says matches.
 */
const scalar = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.double({ min: -3, max: 3, noNaN: true }),
  fc.constantFrom('a', 'b', 'B', '', '1'),
  fc.boolean(),
  fc.constantFrom(new Date(0), new Date(1000), new Date(-1000)),
);
const value = fc.oneof(scalar, fc.constant(null), fc.array(scalar, { maxLength: 3 }), fc.record({ x: scalar }));
const doc = fc.record({ f: value, g: value }, { requiredKeys: [] });
const op = fc.oneof(
  scalar.map((v) => v as unknown),
  scalar.map((v) => ({ $eq: v })),
  fc.array(fc.oneof(scalar, fc.constant(null)), { maxLength: 3 }).map((vs) => ({ $in: vs })),
  fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), scalar).map(([o, v]) => ({ [o]: v })),
  fc.tuple(scalar, scalar).map(([a, b]) => ({ $gte: a, $lt: b })),
);
const query = fc.oneof(
  fc.record({ f: op }, { requiredKeys: [] }),
  fc.record({ f: op, g: op }),
  fc.tuple(fc.record({ f: op }), fc.record({ g: op })).map(([a, b]) => ({ $and: [a, b] })),
);

test('narrowing never drops a matching document', () => {
  fc.assert(
    fc.property(fc.array(doc, { maxLength: 12 }), query, (docs, q) => {
      const store = new SqliteStore(null, { t: [{ name: 'fg', keys: { f: 1, g: 1 } }] });
      store.apply(docs.map((d, i) => ({ collection: 't', id: `d${i}`, doc: { ...d, _id: `d${i}` }, create: true })));
      const candidates = new Set(store.candidates('t', planNarrowing(q, store.indexedFields('t'))).map((d) => d._id));
      const mq = new Query(q as never);
      const all = store.candidates('t', null);
      for (const d of all) if (mq.test(d)) expect(candidates.has(d._id)).toBe(true);
      store.close();
    }),
    { numRuns: 400 },
  );
});

test('an equality on an indexed field is narrowed in SQL', () => {
  const plan = planNarrowing({ f: 'a', other: 1 }, ['f']);
  expect(plan).toEqual({ where: '("f:f" = ? OR "f:f" IS NULL)', params: ['a'] });
  expect(planNarrowing({ other: 1 }, ['f'])).toBeNull();
  expect(planNarrowing({ _id: { $in: ['x', 'y'] } }, [])).toEqual({ where: 'id IN (?,?)', params: ['x', 'y'] });
});
