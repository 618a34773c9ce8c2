import { callFunction } from '@/services/cloud';
import type { DataOf, PayloadOf } from '@/services/contracts';
import { createListSlice, type FieldErrorsSlice, type ListSlice } from '../shared/list-slice';

// 好友助力活动 in the staff area: perks a member unlocks when enough friends genuinely join (and
// buy) through their cards. Moderators read them; admins create and edit them and switch them on
// or off. The server validates (per-field details, shown next to each field) and audits; a new
// perk starts switched off.

export type AdminPerkView = DataOf<'admin', 'perksList'>['perks'][number];
export type SavePerkPayload = PayloadOf<'admin', 'savePerk'>;
export type PerkStatus = AdminPerkView['status'];

export type AdminPerksSlice = ListSlice<'Perks', 'perk', AdminPerkView, SavePerkPayload, PerkStatus> & FieldErrorsSlice<'perk'>;

export const createAdminPerksSlice = createListSlice('Perks', {
  item: 'perk',
  list: async () => {
    const result = await callFunction('admin', 'perksList', {});
    return result.ok ? { ok: true, data: result.data.perks } : result;
  },
  save: (payload: SavePerkPayload) => callFunction('admin', 'savePerk', payload),
  setStatus: (perkId, status: PerkStatus) => callFunction('admin', 'setPerkStatus', { perkId, status }),
  // The server lists perks by `sort`; a saved one takes its place by the same order.
  order: (a: AdminPerkView, b: AdminPerkView) => a.sort - b.sort,
}) as unknown as (set: never, get: never) => AdminPerksSlice;
