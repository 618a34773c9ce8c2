/**
 * "Now" for every rule and use case. In WeChat Cloud it is real time; under the local emulator it
 * follows the emulator clock, which tests set and advance (the emulator exposes its offset in
 * WX_EMULATOR_CLOCK_OFFSET_MS). Never call `new Date()` for business time elsewhere.
 */
export const CLOCK_OFFSET_ENV = 'WX_EMULATOR_CLOCK_OFFSET_MS';

export function nowMs(): number {
  const offset = Number(process.env[CLOCK_OFFSET_ENV] ?? 0);
  return Date.now() + (Number.isFinite(offset) ? offset : 0);
}

export function now(): Date {
  return new Date(nowMs());
}
