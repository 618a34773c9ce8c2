/**
 * Contract: the real wx-server-sdk against the emulator, for every database operation the SDK
 * can send. If the emulator drifts from what the SDK expects, these fail.
 */
import { startTestEmulator, type TestEmulator } from '../testing';

let t: TestEmulator;
let db: any;
let _: any;

beforeAll(async () => {
  t = await startTestEmulator({
    indexes: {
      items: [
        { name: 'by_category', keys: { category: 1, n: -1 } },
        { name: 'code_unique', keys: { code: 1 }, unique: true, sparse: true },
      ],
      orders: [],
      products: [],
      big: [],
      scratch: [],
    },
  });
  db = t.db;
  _ = db.command;
});
afterAll(() => t.emu.close());

async function seedItems() {
  await db
    .collection('items')
    .where({ n: _.exists(true) })
    .remove();
  const rows = [
    { _id: 'i1', n: 1, category: 'a', name: 'apple', tags: ['red', 'fruit'], price: { fen: 300 } },
    { _id: 'i2', n: 2, category: 'a', name: 'Avocado', tags: ['green', 'fruit'], price: { fen: 1200 } },
    { _id: 'i3', n: 3, category: 'b', name: 'banana', tags: ['yellow', 'fruit'], price: { fen: 500 } },
    { _id: 'i4', n: 4, category: 'b', name: 'broccoli', tags: ['green', 'veg'], price: { fen: 800 } },
    { _id: 'i5', n: 5, category: 'c', name: 'carrot', tags: [], price: { fen: 200 }, discontinued: true },
  ];
  for (const r of rows) await db.collection('items').add({ data: r });
}

describe('CRUD and errors', () => {
  test('add returns an id; doc().get returns the document', async () => {
    const { _id, errMsg } = await db.collection('scratch').add({ data: { title: '你好', count: 1 } });
    expect(errMsg).toBe('collection.add:ok');
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
    const got = await db.collection('scratch').doc(_id).get();
    expect(got.data).toEqual({ _id, title: '你好', count: 1 });
  });

  test('a missing document fails the way WeChat words it', async () => {
    await expect(db.collection('scratch').doc('nope').get()).rejects.toMatchObject({
      errMsg: expect.stringContaining('document with _id nope does not exist'),
    });
  });

  test('an undeclared collection is refused with -502005', async () => {
    await expect(db.collection('not_declared').get()).rejects.toMatchObject({ errCode: -502005 });
    await expect(db.collection('not_declared').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 });
  });

  test('a unique index violation is -502001 with E11000 and changes nothing', async () => {
    await db.collection('items').add({ data: { code: 'SKU-1', n: 100 } });
    const err = await db
      .collection('items')
      .add({ data: { code: 'SKU-1', n: 101 } })
      .catch((e: any) => e);
    expect(err.errCode).toBe(-502001);
    expect(err.errMsg).toMatch(/E11000 duplicate key error collection: items index: code_unique dup key: \{ code: "SKU-1" \}/);
    expect((await db.collection('items').where({ code: 'SKU-1' }).count()).total).toBe(1);
    // sparse: documents without the key do not collide with each other
    await db.collection('items').add({ data: { n: 102 } });
    await db.collection('items').add({ data: { n: 103 } });
    await db
      .collection('items')
      .where({ n: _.gte(100) })
      .remove();
  });

  test('a duplicate _id is E11000 on _id_', async () => {
    await db.collection('scratch').add({ data: { _id: 'fixed', v: 1 } });
    const err = await db
      .collection('scratch')
      .add({ data: { _id: 'fixed', v: 2 } })
      .catch((e: any) => e);
    expect(err.errMsg).toContain('E11000 duplicate key error collection: scratch index: _id_');
    expect((await db.collection('scratch').doc('fixed').get()).data.v).toBe(1);
  });

  test('set() replaces the whole document and upserts', async () => {
    await db
      .collection('scratch')
      .doc('s1')
      .set({ data: { a: 1, b: 2 } });
    await db
      .collection('scratch')
      .doc('s1')
      .set({ data: { c: 3 } });
    expect((await db.collection('scratch').doc('s1').get()).data).toEqual({ _id: 's1', c: 3 });
  });

  test('doc().remove and where().remove report what they removed', async () => {
    await db.collection('scratch').add({ data: { _id: 'r1', kind: 'tmp' } });
    await db.collection('scratch').add({ data: { _id: 'r2', kind: 'tmp' } });
    expect((await db.collection('scratch').doc('r1').remove()).stats.removed).toBe(1);
    expect((await db.collection('scratch').where({ kind: 'tmp' }).remove()).stats.removed).toBe(1);
    expect((await db.collection('scratch').where({ kind: 'tmp' }).count()).total).toBe(0);
  });
});

describe('query operators', () => {
  beforeAll(seedItems);
  const ids = (res: any) => res.data.map((d: any) => d._id).sort();

  test.each([
    ['gt', () => ({ n: _.gt(3) }), ['i4', 'i5']],
    ['gte', () => ({ n: _.gte(3) }), ['i3', 'i4', 'i5']],
    ['lt', () => ({ n: _.lt(2) }), ['i1']],
    ['lte', () => ({ n: _.lte(2) }), ['i1', 'i2']],
    ['neq', () => ({ category: _.neq('a') }), ['i3', 'i4', 'i5']],
    ['in', () => ({ category: _.in(['a', 'c']) }), ['i1', 'i2', 'i5']],
    ['nin', () => ({ category: _.nin(['a', 'c']) }), ['i3', 'i4']],
    ['exists', () => ({ discontinued: _.exists(true) }), ['i5']],
    ['and on one field', () => ({ n: _.gt(1).and(_.lt(4)) }), ['i2', 'i3']],
    ['or on one field', () => ({ n: _.lt(2).or(_.gt(4)) }), ['i1', 'i5']],
    ['top-level or', () => _.or([{ category: 'c' }, { n: 1 }]), ['i1', 'i5']],
    ['nested field', () => ({ 'price.fen': _.gte(800) }), ['i2', 'i4']],
    ['nested object match', () => ({ price: { fen: 300 } }), ['i1']],
    ['array contains', () => ({ tags: 'green' }), ['i2', 'i4']],
    ['array all', () => ({ tags: _.all(['green', 'veg']) }), ['i4']],
    ['array size', () => ({ tags: _.size(0) }), ['i5']],
    ['elemMatch', () => ({ tags: _.elemMatch(_.eq('yellow')) }), ['i3']],
    ['regex', () => ({ name: db.RegExp({ regexp: '^a', options: 'i' }) }), ['i1', 'i2']],
    ['js regex', () => ({ name: /^b/ }), ['i3', 'i4']],
    ['indexed equality plus range', () => ({ category: 'b', n: _.gt(3) }), ['i4']],
  ])('%s', async (_name, query, expected) => {
    expect(ids(await db.collection('items').where(query()).get())).toEqual(expected);
  });

  test('count matches get', async () => {
    expect((await db.collection('items').where({ tags: 'fruit' }).count()).total).toBe(3);
  });

  test('orderBy on several fields, skip, limit and field()', async () => {
    const res = await db.collection('items').where({}).orderBy('category', 'desc').orderBy('n', 'asc').skip(1).limit(3).field({ name: true }).get();
    expect(res.data).toEqual([
      { _id: 'i3', name: 'banana' },
      { _id: 'i4', name: 'broccoli' },
      { _id: 'i1', name: 'apple' },
    ]);
  });

  test('sorting puts missing fields first ascending, as MongoDB does', async () => {
    const res = await db.collection('items').where({}).orderBy('discontinued', 'desc').limit(2).get();
    expect(res.data[0]._id).toBe('i5');
    const asc = await db.collection('items').where({}).orderBy('discontinued', 'asc').get();
    expect(asc.data[asc.data.length - 1]._id).toBe('i5');
  });

  test('sorting by a string compares by code point, capitals first', async () => {
    const res = await db.collection('items').where({ category: 'a' }).orderBy('name', 'asc').get();
    expect(res.data.map((d: any) => d.name)).toEqual(['Avocado', 'apple']);
  });
});

describe('update operators', () => {
  beforeEach(async () => {
    await db
      .collection('scratch')
      .doc('u')
      .set({ data: { n: 10, list: [1, 2, 3], set: ['a'], nested: { x: 1 }, keep: true, old: 'o' } });
  });
  const read = async () => (await db.collection('scratch').doc('u').get()).data;

  test.each([
    ['inc', () => ({ n: _.inc(5) }), (d: any) => expect(d.n).toBe(15)],
    ['mul', () => ({ n: _.mul(3) }), (d: any) => expect(d.n).toBe(30)],
    ['min', () => ({ n: _.min(4) }), (d: any) => expect(d.n).toBe(4)],
    ['max', () => ({ n: _.max(40) }), (d: any) => expect(d.n).toBe(40)],
    ['set nested by path', () => ({ 'nested.y': 2 }), (d: any) => expect(d.nested).toEqual({ x: 1, y: 2 })],
    ['set object via _.set', () => ({ nested: _.set({ z: 9 }) }), (d: any) => expect(d.nested).toEqual({ z: 9 })],
    ['plain object merges fields', () => ({ nested: { y: 5 } }), (d: any) => expect(d.nested).toEqual({ x: 1, y: 5 })],
    ['remove', () => ({ old: _.remove() }), (d: any) => expect(d).not.toHaveProperty('old')],
    ['push', () => ({ list: _.push([4, 5]) }), (d: any) => expect(d.list).toEqual([1, 2, 3, 4, 5])],
    ['push with position/slice', () => ({ list: _.push({ each: [0], position: 0, slice: 3 }) }), (d: any) => expect(d.list).toEqual([0, 1, 2])],
    ['unshift', () => ({ list: _.unshift([-1]) }), (d: any) => expect(d.list).toEqual([-1, 1, 2, 3])],
    ['pop', () => ({ list: _.pop() }), (d: any) => expect(d.list).toEqual([1, 2])],
    ['shift', () => ({ list: _.shift() }), (d: any) => expect(d.list).toEqual([2, 3])],
    ['pull', () => ({ list: _.pull(_.gt(1)) }), (d: any) => expect(d.list).toEqual([1])],
    ['pullAll', () => ({ list: _.pullAll([1, 3]) }), (d: any) => expect(d.list).toEqual([2])],
    ['addToSet (already there: nothing changes)', () => ({ set: _.addToSet('a') }), (d: any) => expect(d.set).toEqual(['a']), 0],
    ['addToSet each', () => ({ set: _.addToSet({ each: ['a', 'b'] }) }), (d: any) => expect(d.set).toEqual(['a', 'b'])],
    ['rename', () => ({ old: _.rename('renamed') }), (d: any) => expect(d).toMatchObject({ renamed: 'o' })],
  ])('%s', async (_name, data, check, updated = 1) => {
    const res = await db.collection('scratch').doc('u').update({ data: data() });
    expect(res.stats.updated).toBe(updated);
    check(await read());
  });

  test('where().update updates every match and reports the count', async () => {
    await seedItems();
    const res = await db
      .collection('items')
      .where({ category: 'a' })
      .update({ data: { onSale: true } });
    expect(res.stats.updated).toBe(2);
    expect((await db.collection('items').where({ onSale: true }).count()).total).toBe(2);
  });

  test('updating a missing document updates nothing', async () => {
    const res = await db
      .collection('scratch')
      .doc('ghost')
      .update({ data: { a: 1 } });
    expect(res.stats.updated).toBe(0);
  });

  test('an invalid operator use is refused and changes nothing', async () => {
    const err = await db
      .collection('scratch')
      .doc('u')
      .update({ data: { old: _.inc(1) } })
      .catch((e: any) => e);
    expect(err.errCode).toBe(-502001);
    expect((await read()).old).toBe('o');
    const pushErr = await db
      .collection('scratch')
      .doc('u')
      .update({ data: { n: _.push([1]) } })
      .catch((e: any) => e);
    expect(pushErr.errMsg).toContain('non-array');
  });
});

describe('EJSON and server dates', () => {
  test('dates round-trip as dates; numbers keep their types; regexes are stored', async () => {
    const at = new Date('2026-05-04T03:02:01.123Z');
    const { _id } = await db.collection('scratch').add({ data: { at, int: 7, float: 7.25, neg: -3, big: 2 ** 40, nested: [{ when: at }] } });
    const { data } = await db.collection('scratch').doc(_id).get();
    expect(data.at).toBeInstanceOf(Date);
    expect(data.at.toISOString()).toBe(at.toISOString());
    expect(data.nested[0].when).toBeInstanceOf(Date);
    expect(data).toMatchObject({ int: 7, float: 7.25, neg: -3, big: 2 ** 40 });
    const byDate = await db
      .collection('scratch')
      .where({ at: _.gte(new Date('2026-05-04T00:00:00Z')) })
      .get();
    expect(byDate.data.map((d: any) => d._id)).toContain(_id);
  });

  test('serverDate follows the emulator clock, with its offset', async () => {
    const target = Date.parse('2030-01-02T03:04:05Z');
    await t.control('/control/clock', { body: { set: target } });
    const { _id } = await db.collection('scratch').add({ data: { created: db.serverDate(), later: db.serverDate({ offset: 60_000 }) } });
    const { data } = await db.collection('scratch').doc(_id).get();
    expect(Math.abs(data.created.getTime() - target)).toBeLessThan(5_000);
    expect(data.later.getTime() - data.created.getTime()).toBe(60_000);
    await t.control('/control/clock', { body: { reset: true } });
  });
});

describe('limits as WeChat has them', () => {
  beforeAll(async () => {
    const batch = Array.from({ length: 1200 }, (_v, i) => ({ i }));
    for (let k = 0; k < batch.length; k += 200) await db.collection('big').add({ data: batch.slice(k, k + 200) });
  });

  test('get() without limit returns 100; limit(5000) is capped at 1000', async () => {
    expect((await db.collection('big').get()).data).toHaveLength(100);
    expect((await db.collection('big').limit(5000).get()).data).toHaveLength(1000);
    expect((await db.collection('big').count()).total).toBe(1200);
  });

  test('the server caps a raw limit above 1000', async () => {
    const res = await fetch(`${t.emu.url}/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'database.getDocument', collectionName: 'big', queryType: 'WHERE', query: '{}', limit: 5000 }),
    }).then((r) => r.json());
    expect(res.data.list).toHaveLength(1000);
  });
});

describe('aggregation', () => {
  beforeAll(async () => {
    await seedItems();
    await db
      .collection('orders')
      .where({ itemId: _.exists(true) })
      .remove();
    await db.collection('orders').add({
      data: [
        { itemId: 'i1', qty: 2, at: new Date('2026-01-01') },
        { itemId: 'i1', qty: 1, at: new Date('2026-01-02') },
        { itemId: 'i3', qty: 5, at: new Date('2026-01-03') },
      ],
    });
  });

  test('$match $group $sort', async () => {
    const $ = db.command.aggregate;
    const res = await db
      .collection('items')
      .aggregate()
      .match({ n: _.lte(4) })
      .group({ _id: '$category', total: $.sum('$n'), count: $.sum(1) })
      .sort({ _id: 1 })
      .end();
    expect(res.list).toEqual([
      { _id: 'a', total: 3, count: 2 },
      { _id: 'b', total: 7, count: 2 },
    ]);
  });

  test('$skip $limit $project $addFields $count', async () => {
    const $ = db.command.aggregate;
    const res = await db
      .collection('items')
      .aggregate()
      .sort({ n: 1 })
      .skip(1)
      .limit(2)
      .addFields({ double: $.multiply(['$n', 2]) })
      .project({ _id: 0, name: 1, double: 1 })
      .end();
    expect(res.list).toEqual([
      { name: 'Avocado', double: 4 },
      { name: 'banana', double: 6 },
    ]);
    const counted = await db.collection('items').aggregate().match({ category: 'b' }).count('howMany').end();
    expect(counted.list).toEqual([{ howMany: 2 }]);
  });

  test('$lookup and $unwind across collections', async () => {
    const res = await db
      .collection('orders')
      .aggregate()
      .lookup({ from: 'items', localField: 'itemId', foreignField: '_id', as: 'item' })
      .unwind('$item')
      .group({ _id: '$item.name', qty: db.command.aggregate.sum('$qty') })
      .sort({ _id: 1 })
      .end();
    expect(res.list).toEqual([
      { _id: 'apple', qty: 3 },
      { _id: 'banana', qty: 5 },
    ]);
  });

  test('aggregation keeps dates as dates', async () => {
    const res = await db.collection('orders').aggregate().sort({ at: -1 }).limit(1).end();
    expect(res.list[0].at).toBeInstanceOf(Date);
  });
});
