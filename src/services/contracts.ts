// The typed map of every cloud function action the client calls: function -> action -> payload
// and data. The server side implements these; the client only relies on the shapes below.

export type TierKey = 'follower' | 'member' | 'buyer' | 'repeat_buyer' | 'koc';
export type Role = 'customer' | 'moderator' | 'admin';

export interface SessionProfile {
  memberId: string;
  nickname: string;
  avatarUrl: string;
  tier: TierKey;
  /** Display name of the tier, e.g. '基础用户'. */
  tierName: string;
  points: number;
  role: Role;
  isMember: boolean;
  /** Server time (ISO 8601) of joining, or null while not a member. */
  joinedAt: string | null;
}

/** A demo identity seeded into the local emulator (only meaningful on h5 against the emulator). */
export interface DemoPersona {
  key: string;
  openid: string;
  label: string;
  description: string;
}

/** An action taking no input. */
export type EmptyPayload = Record<string, never>;

interface Action<Payload, Data> {
  payload: Payload;
  data: Data;
}

export interface CloudContracts {
  member: {
    open: Action<EmptyPayload, { profile: SessionProfile }>;
    join: Action<{ agreeTerms: true; phone?: string }, { profile: SessionProfile }>;
    updateProfile: Action<{ nickname?: string; avatarUrl?: string }, { profile: SessionProfile }>;
    listPersonas: Action<EmptyPayload, { personas: DemoPersona[] }>;
  };
}

export type FunctionName = keyof CloudContracts;
export type ActionName<F extends FunctionName> = keyof CloudContracts[F] & string;

type ContractOf<F extends FunctionName, A extends ActionName<F>> = CloudContracts[F][A] extends Action<
  infer P,
  infer D
>
  ? { payload: P; data: D }
  : never;

export type PayloadOf<F extends FunctionName, A extends ActionName<F>> = ContractOf<F, A>['payload'];
export type DataOf<F extends FunctionName, A extends ActionName<F>> = ContractOf<F, A>['data'];
