import type { CloudError, CloudResult } from '@/services/cloud-result';
import { fieldErrorsOf, type FieldErrors } from '@/utils/field-errors';
import { idleLoad, sectionLoader, type LoadState } from '@/store/kit/load-state';

// The staff tools that keep a catalogue (积分商城管理, 商品与会员价, 好友助力活动) are one shape:
// a list loaded from the server, an edit form whose save the server validates per field, and an
// on/off switch per row. This factory makes that slice for a list `L` ('Rewards': adminRewards,
// loadAdminRewards, ...) of items `I` ('reward': rewardSaving, saveReward, setRewardStatus, ...).

type Cap<S extends string> = Capitalize<S>;

/** What every catalogue slice holds and does. */
export type ListSlice<L extends string, I extends string, V, P, St> = LoadState<`admin${L}`> & { [K in `admin${L}`]: V[] } & {
  [K in `${I}Saving`]: boolean;
} & { [K in `${I}SaveError`]: CloudError | null } & {
  /** The item whose status is being changed, to disable its switch meanwhile. */
  [K in `${I}StatusChanging`]: string | null;
} & { [K in `${I}StatusError`]: ({ [X in `${I}Id`]: string } & { error: CloudError }) | null } & {
  [K in `loadAdmin${L}`]: () => Promise<void>;
} & {
  /** Creates (no id) or replaces an item; the list shows the saved one. */
  [K in `save${Cap<I>}`]: (payload: P) => Promise<CloudResult<{ [X in I]: V }>>;
} & { [K in `set${Cap<I>}Status`]: (id: string, status: St) => Promise<CloudResult<{ [X in I]: V }>> } & {
  /** A form was opened or closed: forget the last refusal. */
  [K in `clear${Cap<I>}Errors`]: () => void;
} & { [K in `resetAdmin${L}`]: () => void };

/** The per-field messages of the last refusal, for forms that show one message per field. */
export type FieldErrorsSlice<I extends string> = { [K in `${I}FieldErrors`]: FieldErrors } & {
  /** That field was changed: the server's message about it no longer applies. */
  [K in `clear${Cap<I>}FieldError`]: (path: string) => void;
};

export interface ListSpec<I extends string, V, P, St> {
  item: I;
  list: () => Promise<CloudResult<V[]>>;
  save: (payload: P) => Promise<CloudResult<{ [X in I]: V }>>;
  setStatus: (id: string, status: St) => Promise<CloudResult<{ [X in I]: V }>>;
  /** The server's order of the list; a saved item takes its place by it. */
  order: (a: V, b: V) => number;
  /** What a refusal of a save shows besides its error (default: the per-field messages). */
  refusal?: (error: CloudError | null) => Record<string, unknown>;
}

type Untyped = Record<string, unknown>;
const cap = (s: string) => `${s[0].toUpperCase()}${s.slice(1)}`;

export function createListSlice<L extends string, I extends string, V extends { _id: string }, P, St>(list: L, spec: ListSpec<I, V, P, St>) {
  const { item, order } = spec;
  const items = `admin${list}`;
  const refusal = spec.refusal ?? ((error: CloudError | null) => ({ [`${item}FieldErrors`]: fieldErrorsOf(error) }));
  const initial = () => ({
    ...idleLoad(items),
    [items]: [],
    [`${item}Saving`]: false,
    [`${item}SaveError`]: null,
    ...refusal(null),
    [`${item}StatusChanging`]: null,
    [`${item}StatusError`]: null,
  });
  const upsert = (rows: V[], saved: V) =>
    [...(rows.some((row) => row._id === saved._id) ? rows.map((row) => (row._id === saved._id ? saved : row)) : [...rows, saved])].sort(order);

  return (set: (partial: Untyped) => void, get: () => Untyped) => {
    const loader = sectionLoader(set, get, items, { request: spec.list, done: (rows) => ({ [items]: [...rows].sort(order) }) });
    const shown = () => get()[items] as V[];
    return {
      ...initial(),
      [`loadAdmin${list}`]: loader.load,
      [`save${cap(item)}`]: async (payload: P) => {
        const mine = loader.current();
        set({ [`${item}Saving`]: true, [`${item}SaveError`]: null, ...refusal(null) });
        const result = await spec.save(payload);
        if (mine !== loader.current()) return result;
        if (result.ok) set({ [`${item}Saving`]: false, [items]: upsert(shown(), result.data[item]) });
        else set({ [`${item}Saving`]: false, [`${item}SaveError`]: result.error, ...refusal(result.error) });
        return result;
      },
      [`set${cap(item)}Status`]: async (id: string, status: St) => {
        const mine = loader.current();
        set({ [`${item}StatusChanging`]: id, [`${item}StatusError`]: null });
        const result = await spec.setStatus(id, status);
        if (mine !== loader.current()) return result;
        if (result.ok) set({ [`${item}StatusChanging`]: null, [items]: upsert(shown(), result.data[item]) });
        else set({ [`${item}StatusChanging`]: null, [`${item}StatusError`]: { [`${item}Id`]: id, error: result.error } });
        return result;
      },
      [`clear${cap(item)}Errors`]: () => set({ [`${item}SaveError`]: null, ...refusal(null), [`${item}StatusError`]: null }),
      ...(spec.refusal
        ? {}
        : {
            [`clear${cap(item)}FieldError`]: (path: string) => {
              const errors = get()[`${item}FieldErrors`] as FieldErrors;
              if (!(path in errors)) return;
              const { [path]: _gone, ...rest } = errors;
              set({ [`${item}FieldErrors`]: rest });
            },
          }),
      [`resetAdmin${list}`]: () => {
        loader.invalidate();
        set(initial());
      },
    } as unknown as ListSlice<L, I, V, P, St>;
  };
}
