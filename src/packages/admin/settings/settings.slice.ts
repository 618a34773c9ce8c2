import { callFunction } from '@/services/cloud';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { DataOf, PayloadOf } from '@/services/contracts';
import { fieldErrorsOf, type FieldErrors } from '@/utils/field-errors';
import { idleLoad, sectionLoader, type LoadState } from '@/store/kit/load-state';

// 等级规则 and 推荐规则: one versioned settings document each, read by staff and saved by admins.
// The server validates it (per-field details) and refuses a save based on a version someone else
// has already replaced (CONFLICT): staff then reload rather than overwrite blindly. The two are
// twins at every layer, so this one factory makes both slices (and the draws' and feedback's to come).

/** A settings document's read and write actions in the admin function. */
export type SettingsActions =
  | { read: 'ladderConfig'; write: 'updateLadderConfig' }
  | { read: 'referralConfig'; write: 'updateReferralConfig' }
  | { read: 'feedbackConfig'; write: 'updateFeedbackConfig' };
type ViewOf<A extends SettingsActions> = DataOf<'admin', A['read']>;
type ConfigOf<A extends SettingsActions> = Extract<PayloadOf<'admin', A['write']>, { config: unknown }>['config'];

/** The slice of the settings named `N` ('adminLadder' -> adminLadderView, loadAdminLadder, ...). */
export type SettingsSlice<N extends string, A extends SettingsActions> = LoadState<N> & {
  [K in `${N}View`]: ViewOf<A> | null;
} & { [K in `${N}Saving`]: boolean } & {
  /** Why the last save was refused (null after a success or a reload). */
  [K in `${N}SaveError`]: CloudError | null;
} & {
  /** Field path ('thresholds.repeatBuyerOrders') -> the server's message. */
  [K in `${N}FieldErrors`]: FieldErrors;
} & {
  /** The save was refused because the settings changed since they were loaded. */
  [K in `${N}Conflict`]: boolean;
} & {
  /** Loads the settings (forgetting any refusal and conflict). */
  [K in `load${Capitalize<N>}`]: () => Promise<void>;
} & {
  /** Saves `config` over the version that was loaded. */
  [K in `save${Capitalize<N>}`]: (config: ConfigOf<A>) => Promise<CloudResult<ViewOf<A>>>;
} & {
  /** Staff edited a field: its server message no longer applies. */
  [K in `clear${Capitalize<N>}FieldError`]: (path: string) => void;
} & { [K in `reset${Capitalize<N>}`]: () => void };

type Untyped = Record<string, unknown>;

export function createSettingsSlice<N extends string, A extends SettingsActions>(name: N, actions: A) {
  const Name = `${name[0].toUpperCase()}${name.slice(1)}`;
  const key = (suffix: string) => `${name}${suffix}`;
  const afresh = () => ({ [key('SaveError')]: null, [key('FieldErrors')]: {}, [key('Conflict')]: false });
  const initial = () => ({ ...idleLoad(name), [key('View')]: null, [key('Saving')]: false, ...afresh() });

  return (set: (partial: Untyped) => void, get: () => Untyped): SettingsSlice<N, A> => {
    const view = () => get()[key('View')] as { version: number } | null;
    const loader = sectionLoader(set, get, name, {
      request: () => callFunction('admin', actions.read, {}),
      done: (data) => ({ [key('View')]: data }),
      start: afresh,
    });

    return {
      ...initial(),
      [`load${Name}`]: loader.load,
      [`save${Name}`]: async (config: ConfigOf<A>) => {
        const mine = loader.current();
        const expectedVersion = view()?.version;
        set({ [key('Saving')]: true, ...afresh() });
        const send = callFunction as (f: 'admin', a: A['write'], p: unknown) => Promise<CloudResult<ViewOf<A>>>;
        const result = await send('admin', actions.write, { config, ...(expectedVersion !== undefined ? { expectedVersion } : {}) });
        if (mine !== loader.current()) return result;
        if (result.ok) set({ [key('Saving')]: false, [key('View')]: result.data, [key('Status')]: 'ready' });
        else {
          set({
            [key('Saving')]: false,
            [key('SaveError')]: result.error,
            [key('FieldErrors')]: fieldErrorsOf(result.error),
            [key('Conflict')]: result.error.code === 'CONFLICT',
          });
        }
        return result;
      },
      [`clear${Name}FieldError`]: (path: string) => {
        const errors = get()[key('FieldErrors')] as FieldErrors;
        if (!(path in errors)) return;
        const { [path]: _gone, ...rest } = errors;
        set({ [key('FieldErrors')]: rest });
      },
      [`reset${Name}`]: () => {
        loader.invalidate();
        set(initial());
      },
    } as SettingsSlice<N, A>;
  };
}
