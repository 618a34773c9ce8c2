/**
 * The platform's error codes: the ones any function may answer, whatever its area. Each area
 * lists its own in `core/<area>/<area>.errors.ts`; a use case's Result names its codes through
 * those catalogs, so an uncatalogued code is a compile error (and the client keys its texts on
 * them, with a completeness check of its own).
 */
export const PLATFORM_ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNKNOWN_ACTION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'TERMS_NOT_ACCEPTED',
  /** Shop, shares, posters, perks and redemptions: the caller has not joined (会员). */
  'NOT_A_MEMBER',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof PLATFORM_ERROR_CODES)[number];
