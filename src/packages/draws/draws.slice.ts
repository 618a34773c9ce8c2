import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { DataOf, DrawDetailView, DrawListItem, DrawProof, MyDrawEntry } from '@/services/contracts';
import { askForMessages, fetchDrawProof, fetchDrawTemplates, fetchProofEntries, type DrawTemplateIds, type SubscribeAnswers } from '@/services/draws';
import { idleLoad, requestCounter, sectionLoader, type LoadState, type LoadStatus } from '@/store/kit/load-state';
import type { DrawsState as AppState } from './store';

// 限量抽签: the list, a draw's page, entering (with the result message asked on the same tap),
// 我的抽签 and the published proof. Phases, eligibility and every sentence are the server's; this
// slice remembers answers, the server's clock, and sends one entry at a time.

export type EnterResult = DataOf<'draws', 'enter'>;

/** One thing loaded by id (a draw's page, a proof, an entry list). */
export interface Keyed<T> {
  value: T | null;
  status: LoadStatus;
  error: CloudError | null;
}

const EMPTY: Keyed<never> = { value: null, status: 'idle', error: null };

export type DrawsSlice = LoadState<'drawList'> &
  LoadState<'myDrawEntries'> & {
    drawList: DrawListItem[];
    drawDetails: Record<string, Keyed<DrawDetailView>>;
    myDrawEntries: MyDrawEntry[];
    drawProofs: Record<string, Keyed<DrawProof>>;
    drawProofEntries: Record<string, Keyed<string[]>>;
    /**
     * Server time minus this phone's time, from the last answer that carried `serverNow`: countdowns
     * run on the server's clock, whatever the phone's says.
     */
    drawClockOffsetMs: number;
    /** The result messages' template ids (null until asked; {} when there are none). */
    drawTemplates: DrawTemplateIds | null;
    /** The draw whose 参加抽签 is being sent. */
    drawEntering: string | null;
    drawEnterError: { drawId: string; error: CloudError } | null;
    /** h5's stand-in for WeChat's subscription prompt, while it waits for 允许 or 拒绝. */
    drawSubscribeSheet: { tmplIds: string[] } | null;

    loadDrawList: () => Promise<void>;
    loadDrawDetail: (drawId: string) => Promise<void>;
    loadMyDrawEntries: () => Promise<void>;
    loadDrawProof: (drawId: string) => Promise<void>;
    loadDrawProofEntries: (drawId: string) => Promise<void>;
    loadDrawTemplates: () => Promise<void>;
    /**
     * 参加抽签: asks for the result messages first — synchronously, since WeChat shows its prompt
     * only inside the tap — then enters with what the member accepted. Already entered (a second
     * device, a retry) is an answer like success: the page shows 已报名.
     */
    enterDraw: (drawId: string) => Promise<CloudResult<EnterResult>>;
    /** The stand-in sheet's 允许 (true) or 拒绝 (false). */
    answerDrawSubscribe: (accept: boolean) => void;
    resetDraws: () => void;
  };

const initialDrawsState = () =>
  ({
    ...idleLoad('drawList'),
    ...idleLoad('myDrawEntries'),
    drawList: [],
    drawDetails: {},
    myDrawEntries: [],
    drawProofs: {},
    drawProofEntries: {},
    drawClockOffsetMs: 0,
    drawTemplates: null,
    drawEntering: null,
    drawEnterError: null,
    drawSubscribeSheet: null,
  }) satisfies Partial<DrawsSlice>;

const offsetOf = (serverNow: string | undefined) => {
  const server = serverNow ? Date.parse(serverNow) : NaN;
  return Number.isNaN(server) ? null : server - Date.now();
};

type KeyedField = 'drawDetails' | 'drawProofs' | 'drawProofEntries';

export const createDrawsSlice: StateCreator<AppState, [], [], DrawsSlice> = (set, get) => {
  // Answers to requests sent before a reset (another identity) are dropped.
  let epoch = 0;
  let sheet: { tmplIds: string[]; resolve: (answers: SubscribeAnswers) => void } | null = null;
  const counters = new Map<string, ReturnType<typeof requestCounter>>();

  const list = sectionLoader(set, get, 'drawList', {
    request: () => callFunction('draws', 'list', {}),
    done: (data) => {
      const offset = offsetOf(data.draws[0]?.serverNow);
      return { drawList: data.draws, ...(offset === null ? {} : { drawClockOffsetMs: offset }) };
    },
  });
  const mine = sectionLoader(set, get, 'myDrawEntries', {
    request: () => callFunction('draws', 'mine', {}),
    done: (data) => ({ myDrawEntries: data.entries }),
  });

  const setKeyed = <F extends KeyedField>(field: F, id: string, entry: Partial<Keyed<unknown>>) =>
    set({ [field]: { ...get()[field], [id]: { ...(get()[field][id] ?? EMPTY), ...entry } } } as Partial<DrawsSlice>);

  /** Loads one thing by id: keeps what is shown while it reloads, drops an answer overtaken by a newer load or a reset. */
  const loadKeyed = async <T>(field: KeyedField, id: string, request: () => Promise<CloudResult<T>>, done?: (value: T) => Partial<DrawsSlice>) => {
    const key = `${field}:${id}`;
    const counter = counters.get(key) ?? requestCounter();
    counters.set(key, counter);
    const mine = counter.next();
    const at = epoch;
    const shown = get()[field][id]?.status === 'ready';
    setKeyed(field, id, { status: shown ? 'ready' : 'loading', error: null });
    const result = await request();
    if (at !== epoch || !counter.isLatest(mine)) return;
    if (result.ok) {
      setKeyed(field, id, { status: 'ready', value: result.data, error: null });
      if (done) set(done(result.data));
    } else setKeyed(field, id, { status: 'error', error: result.error });
  };

  const standIn = (tmplIds: string[]) =>
    new Promise<SubscribeAnswers>((resolve) => {
      sheet?.resolve({});
      sheet = { tmplIds, resolve };
      set({ drawSubscribeSheet: { tmplIds } });
    });

  return {
    ...initialDrawsState(),

    loadDrawList: list.load,
    loadMyDrawEntries: mine.load,

    loadDrawDetail: (drawId) =>
      loadKeyed(
        'drawDetails',
        drawId,
        () => callFunction('draws', 'detail', { drawId }),
        (detail) => {
          const offset = offsetOf(detail.draw.serverNow);
          return offset === null ? {} : { drawClockOffsetMs: offset };
        },
      ),

    loadDrawProof: (drawId) =>
      loadKeyed('drawProofs', drawId, async () => {
        const result = await fetchDrawProof(drawId);
        return result.ok ? { ok: true as const, data: result.data.proof } : result;
      }),

    loadDrawProofEntries: (drawId) => loadKeyed('drawProofEntries', drawId, () => fetchProofEntries(drawId)),

    loadDrawTemplates: async () => {
      if (get().drawTemplates) return;
      const at = epoch;
      const templates = await fetchDrawTemplates();
      if (at === epoch) set({ drawTemplates: templates });
    },

    enterDraw: (drawId) => {
      const at = epoch;
      const templates = get().drawTemplates ?? {};
      const tmplIds = [templates.draw_result, templates.draw_promoted].filter((id): id is string => Boolean(id));
      set({ drawEntering: drawId, drawEnterError: null });
      // Before anything is awaited: WeChat shows its prompt only inside the tap.
      const asking = askForMessages(tmplIds, standIn);
      return asking.then(async (answers) => {
        const accepted = (id: string | undefined) => Boolean(id && answers[id] === 'accept');
        const result = await callFunction('draws', 'enter', {
          drawId,
          notify: accepted(templates.draw_result),
          notifyPromoted: accepted(templates.draw_promoted),
        });
        if (at !== epoch) return result;
        const entered = result.ok || result.error.code === 'DRAW_ALREADY_ENTERED';
        set({
          drawEntering: null,
          drawEnterError: entered || result.ok ? null : { drawId, error: result.error },
          ...(entered ? { drawList: get().drawList.map((d) => (d.id === drawId ? { ...d, entered: true } : d)) } : {}),
        });
        // The page shows the receipt and the new count (entered), or why not now (the draw moved on).
        void get().loadDrawDetail(drawId);
        return result;
      });
    },

    answerDrawSubscribe: (accept) => {
      const asked = sheet;
      sheet = null;
      set({ drawSubscribeSheet: null });
      asked?.resolve(Object.fromEntries(asked.tmplIds.map((id) => [id, accept ? 'accept' : 'reject'])));
    },

    resetDraws: () => {
      epoch += 1;
      list.invalidate();
      mine.invalidate();
      counters.clear();
      sheet?.resolve({});
      sheet = null;
      set(initialDrawsState());
    },
  };
};

export const selectDrawDetail =
  (drawId: string) =>
  (state: AppState): Keyed<DrawDetailView> =>
    state.drawDetails[drawId] ?? EMPTY;
export const selectDrawProof =
  (drawId: string) =>
  (state: AppState): Keyed<DrawProof> =>
    state.drawProofs[drawId] ?? EMPTY;
export const selectDrawProofEntries =
  (drawId: string) =>
  (state: AppState): Keyed<string[]> =>
    state.drawProofEntries[drawId] ?? EMPTY;
