import { invocationOf } from '../functions/invocation-id';
import type { ActionHandler } from '../types';
import { decodeEjson, encodeEjson, type Doc } from './ejson';
import { DbError, dbErrors } from './errors';
import { DEFAULT_LIMIT, type DocumentDatabase } from './document-database';

/**
 * The `database.*` actions of the SDK's wire protocol (docs/wechat-cloud-protocol.md, "Database"), translated to DocumentDatabase calls, with
 * replies in the shapes @cloudbase/database parses.
 */
export function databaseActions(db: DocumentDatabase, now: () => number): Record<string, ActionHandler> {
  const decodeObject = (value: unknown, what: string): Doc => {
    if (value === undefined || value === null || value === '') return {};
    const decoded = typeof value === 'string' ? decodeEjson(value, now, what) : value;
    if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) throw dbErrors.invalid(`${what} must be an object`);
    return decoded as Doc;
  };
  const collectionOf = (body: Record<string, unknown>): string => {
    const name = body.collectionName;
    if (typeof name !== 'string' || name.length === 0) throw dbErrors.invalid('collectionName is required');
    return name;
  };
  const txnOf = (body: Record<string, unknown>): string | undefined =>
    typeof body.transactionId === 'string' && body.transactionId ? body.transactionId : undefined;
  const intOf = (value: unknown, what: string): number | undefined => {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw dbErrors.invalid(`${what} must be a non-negative integer`);
    return value;
  };

  return {
    'database.getDocument': (body) => {
      const list = db.find({
        collection: collectionOf(body),
        query: decodeObject(body.query, 'query'),
        order: decodeObject(body.order, 'order') as Record<string, 1 | -1>,
        offset: intOf(body.offset, 'offset'),
        limit: intOf(body.limit, 'limit') ?? DEFAULT_LIMIT,
        projection: body.projection ? decodeObject(body.projection, 'projection') : undefined,
        transactionId: txnOf(body),
      });
      return { data: { list: list.map(encodeEjson), limit: intOf(body.limit, 'limit') ?? DEFAULT_LIMIT, offset: intOf(body.offset, 'offset') ?? 0 } };
    },
    'database.calculateDocument': (body) => ({ data: { total: db.count(collectionOf(body), decodeObject(body.query, 'query'), txnOf(body)) } }),
    'database.insertDocument': async (body) => {
      if (!Array.isArray(body.data) || body.data.length === 0) throw dbErrors.invalid('data must be a non-empty array of documents');
      const docs = body.data.map((d, i) => decodeObject(d, `data[${i}]`));
      return { data: { insertedIds: await db.insert(collectionOf(body), docs, txnOf(body)) } };
    },
    'database.modifyDocument': async (body) => {
      const res = await db.modify({
        collection: collectionOf(body),
        query: decodeObject(body.query, 'query'),
        data: decodeObject(body.data, 'data'),
        multi: body.multi === true,
        merge: body.merge !== false,
        upsert: body.upsert === true,
        transactionId: txnOf(body),
      });
      return { data: { updated: res.updated, upsert_id: res.upsertedId ?? undefined } };
    },
    'database.modifyAndReturnDoc': async (body) => {
      const collection = collectionOf(body);
      const transactionId = txnOf(body);
      const [target] = db.find({ collection, query: decodeObject(body.query, 'query'), limit: 1, transactionId });
      if (!target) return { data: { updated: 0 } };
      const byId = { _id: target._id as string };
      const res = await db.modify({ collection, query: byId, data: decodeObject(body.data, 'data'), multi: false, merge: true, upsert: false, transactionId });
      const [doc] = db.find({ collection, query: byId, limit: 1, transactionId });
      return { data: { updated: res.updated, doc: doc ? encodeEjson(doc) : undefined } };
    },
    'database.removeDocument': async (body) => ({
      data: { deleted: await db.remove(collectionOf(body), decodeObject(body.query, 'query'), body.multi !== false, txnOf(body)) },
    }),
    'database.aggregateDocuments': (body) => {
      if (!Array.isArray(body.stages)) throw dbErrors.invalid('stages must be an array');
      const stages = body.stages.map((s, i) => {
        const stage = s as { stageKey?: unknown; stageValue?: unknown };
        if (typeof stage?.stageKey !== 'string' || !stage.stageKey.startsWith('$'))
          throw dbErrors.invalid(`stages[${i}].stageKey must be an aggregation stage such as $match`);
        return { [stage.stageKey]: typeof stage.stageValue === 'string' ? decodeEjson(stage.stageValue, now, `stages[${i}]`) : stage.stageValue };
      });
      try {
        return { data: { list: db.aggregate(collectionOf(body), stages).map(encodeEjson) } };
      } catch (e) {
        if (e instanceof DbError) throw e;
        throw dbErrors.badOperator(`aggregate failed: ${(e as Error).message}`);
      }
    },
    'database.addCollection': (body) => {
      db.createCollection(collectionOf(body));
      return {};
    },
    'database.deleteCollection': (body) => {
      db.dropCollection(collectionOf(body));
      return {};
    },
    'database.startTransaction': (_body, req) => ({ transactionId: db.startTransaction(invocationOf(req?.url)) }),
    'database.commitTransaction': (body) => {
      db.commitTransaction(requireTxnId(body));
      return {};
    },
    'database.abortTransaction': (body) => {
      db.abortTransaction(requireTxnId(body));
      return {};
    },
    // The older Transaction API of @cloudbase/database (get/set/update/delete by document).
    'database.getInTransaction': (body) => {
      const [doc] = db.find({ collection: collectionOf(body), query: { _id: String(body._id) }, limit: 1, transactionId: requireTxnId(body) });
      return { data: encodeEjson(doc ?? null) };
    },
    'database.updateDocInTransaction': async (body) => {
      const upsert = body.upsert === true;
      const res = await db.modify({
        collection: collectionOf(body),
        query: { _id: String(body._id) },
        data: decodeObject(body.data, 'data'),
        multi: false,
        merge: !upsert,
        upsert,
        transactionId: requireTxnId(body),
      });
      return { updated: encodeEjson(res.updated), upserted: res.upsertedId ? JSON.stringify([{ _id: res.upsertedId }]) : undefined };
    },
    'database.deleteDocInTransaction': async (body) => ({
      deleted: encodeEjson(await db.remove(collectionOf(body), { _id: String(body._id) }, false, requireTxnId(body))),
    }),
  };
}

function requireTxnId(body: Record<string, unknown>): string {
  if (typeof body.transactionId !== 'string' || !body.transactionId) throw dbErrors.invalid('transactionId is required');
  return body.transactionId;
}
