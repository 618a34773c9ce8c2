import type { ErrorCode, Result } from '../platform/result';

/** What the catalog answers besides the platform's codes (core/platform/platform.errors.ts). */
export const CATALOG_ERROR_CODES = [
  /** A product's prices break the rules (member prices within list price, higher steps never dearer...): one detail per violation. */
  'PRICE_PARITY_VIOLATION',
] as const;

export type CatalogErrorCode = (typeof CATALOG_ERROR_CODES)[number];

export type CatalogResult<T, C extends CatalogErrorCode | ErrorCode = CatalogErrorCode | ErrorCode> = Result<T, C>;
