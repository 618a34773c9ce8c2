import type { DataOf, PayloadOf, Wire } from './contracts';

// Compile-time checks of the derived contract, run by `tsc` (npm test's typecheck): each
// `@ts-expect-error` line must fail to compile, or the typecheck fails. Nothing here runs.

type Assert<T extends true> = T;
type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

export function contractChecks(send: <F extends 'points', A extends 'coupons'>(name: F, action: A, payload: PayloadOf<F, A>) => void) {
  send('points', 'coupons', { state: 'available' });
  send('points', 'coupons', {});
  // The drift of issue 12: the hand-written contract accepted 'locked', which the server's schema refuses.
  // @ts-expect-error 'locked' is a coupon's state, not a list the server serves
  send('points', 'coupons', { state: 'locked' });
}

/** Dates cross the wire as ISO strings, at any depth. */
export type WireChecks = [
  Assert<Equal<Wire<{ at: Date; list: Array<{ when: Date | null }> }>, { at: string; list: Array<{ when: string | null }> }>>,
  Assert<Equal<DataOf<'points', 'coupons'>['coupons'][number]['expiresAt'], string>>,
  Assert<Equal<DataOf<'shop', 'order'>['order']['createdAt'], string>>,
];
