import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signs temporary download URLs. The key is derived from the env id rather than random so URLs
 * stay valid across emulator restarts until they expire, like WeChat's; it guards against typos
 * and stale links, not attackers (this is a local emulator).
 */
export class TempUrlSigner {
  private readonly key: Buffer;

  constructor(envId: string) {
    this.key = createHash('sha256').update(`flywheel-emulator-storage:${envId}`).digest();
  }

  sign(path: string, expiresAtSec: number): string {
    return createHmac('sha256', this.key).update(`${path}\n${expiresAtSec}`).digest('hex').slice(0, 32);
  }

  verify(path: string, expiresAtSec: number, signature: string): boolean {
    const expected = Buffer.from(this.sign(path, expiresAtSec));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
