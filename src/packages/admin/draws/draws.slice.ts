import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { AdminDrawView, CreateDrawPayload } from '@/services/contracts';
import { fieldErrorsOf, type FieldErrors } from '@/utils/field-errors';
import { idleLoad, sectionLoader, type LoadState } from '@/store/kit/load-state';
import type { AdminToolsState as AppState } from '../store';

// 限量抽签管理 in the staff area: the draws with their status and entries, one draw's entries by
// step, commitment and results, and the admins' actions (create, cancel with a reason, draw now).
// Moderators read. The server validates (per-field details, shown next to each field), checks the
// role and audits every call.

export type DrawAction = 'cancel' | 'drawNow';

export type AdminDrawsSlice = LoadState<'adminDraws'> &
  LoadState<'adminDraw'> & {
    adminDraws: AdminDrawView[];
    /** The draw whose detail is open. */
    adminDraw: AdminDrawView | null;
    /** Server time minus this phone's, from the list's serverNow: a new draw's default times are the server's. */
    adminDrawsClockOffsetMs: number;
    drawCreating: boolean;
    drawCreateError: CloudError | null;
    drawFieldErrors: FieldErrors;
    /** The action being sent on the open draw, and why the last one was refused. */
    drawActing: DrawAction | null;
    drawActionError: CloudError | null;

    loadAdminDraws: () => Promise<void>;
    loadAdminDraw: (drawId: string) => Promise<void>;
    createDraw: (payload: CreateDrawPayload) => Promise<CloudResult<{ draw: AdminDrawView }>>;
    cancelDraw: (drawId: string, reason: string) => Promise<CloudResult<{ draw: AdminDrawView }>>;
    drawNow: (drawId: string) => Promise<CloudResult<{ draw: AdminDrawView }>>;
    /** That field was changed: the server's message about it no longer applies. */
    clearDrawFieldError: (path: string) => void;
    /** A form or a detail was opened or closed: forget the last refusals. */
    clearDrawErrors: () => void;
    resetAdminDraws: () => void;
  };

const initial = () =>
  ({
    ...idleLoad('adminDraws'),
    ...idleLoad('adminDraw'),
    adminDraws: [],
    adminDraw: null,
    adminDrawsClockOffsetMs: 0,
    drawCreating: false,
    drawCreateError: null,
    drawFieldErrors: {},
    drawActing: null,
    drawActionError: null,
  }) satisfies Partial<AdminDrawsSlice>;

/** Newest draw time first, as the server lists them. */
const byDrawTime = (a: AdminDrawView, b: AdminDrawView) => b.drawAt.localeCompare(a.drawAt);

export const createAdminDrawsSlice: StateCreator<AppState, [], [], AdminDrawsSlice> = (set, get) => {
  let epoch = 0;
  const list = sectionLoader(set, get, 'adminDraws', {
    request: () => callFunction('admin', 'drawsList', {}),
    done: (data) => {
      const server = data.draws[0] ? Date.parse(data.draws[0].serverNow) : NaN;
      return { adminDraws: data.draws, ...(Number.isNaN(server) ? {} : { adminDrawsClockOffsetMs: server - Date.now() }) };
    },
  });
  const detail = sectionLoader(set, get, 'adminDraw', {
    request: (drawId: string) => callFunction('admin', 'drawDetail', { drawId }),
    done: (data) => ({ adminDraw: data.draw }),
    // Another draw's detail is not shown while this one loads.
    start: (drawId: string) => (get().adminDraw?.id === drawId ? {} : { adminDraw: null, adminDrawStatus: 'loading' as const }),
  });

  /** The list shows the draw as the server answered it (a new one first). */
  const upsert = (draw: AdminDrawView) => {
    const rows = get().adminDraws;
    const next = rows.some((row) => row.id === draw.id) ? rows.map((row) => (row.id === draw.id ? draw : row)) : [draw, ...rows];
    return [...next].sort(byDrawTime);
  };

  const act = async (action: DrawAction, request: () => Promise<CloudResult<{ draw: AdminDrawView }>>) => {
    const at = epoch;
    set({ drawActing: action, drawActionError: null });
    const result = await request();
    if (at !== epoch) return result;
    if (result.ok) set({ drawActing: null, adminDraw: result.data.draw, adminDrawStatus: 'ready', adminDraws: upsert(result.data.draw) });
    else set({ drawActing: null, drawActionError: result.error });
    return result;
  };

  return {
    ...initial(),
    loadAdminDraws: list.load,
    loadAdminDraw: detail.load,

    createDraw: async (payload) => {
      const at = epoch;
      set({ drawCreating: true, drawCreateError: null, drawFieldErrors: {} });
      const result = await callFunction('admin', 'createDraw', payload);
      if (at !== epoch) return result;
      if (result.ok) set({ drawCreating: false, adminDraws: upsert(result.data.draw) });
      else set({ drawCreating: false, drawCreateError: result.error, drawFieldErrors: fieldErrorsOf(result.error) });
      return result;
    },

    cancelDraw: (drawId, reason) => act('cancel', () => callFunction('admin', 'cancelDraw', { drawId, reason })),
    drawNow: (drawId) => act('drawNow', () => callFunction('admin', 'drawNow', { drawId })),

    clearDrawFieldError: (path) => {
      const errors = get().drawFieldErrors;
      if (!(path in errors)) return;
      const { [path]: _gone, ...rest } = errors;
      set({ drawFieldErrors: rest });
    },
    clearDrawErrors: () => set({ drawCreateError: null, drawFieldErrors: {}, drawActionError: null }),
    resetAdminDraws: () => {
      epoch += 1;
      list.invalidate();
      detail.invalidate();
      set(initial());
    },
  };
};
