/**
 * Invite posters through the emulator: a poster-channel share and the mini-program code that
 * opens it (getUnlimited with the share code as scene), stored and readable for the canvas; a
 * newcomer who scans it (the page gets `scene`) is recorded like one who opened a chat card.
 */
import type { Database } from '../../core/platform/database';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { memberWithPoints, sdkDb } from './rewards-helpers';
import { referral } from './referrals-helpers';

let p: ProductEmulator;
let db: Database;

beforeAll(async () => {
  p = await startProductEmulator();
  db = sdkDb();
  await memberWithPoints(db, 'o-poster-sharer', 'repeat_buyer', 0);
  await memberWithPoints(db, 'o-poster-follower', 'follower', 0);
});
afterAll(() => p.emu.close());

test('a member’s invite poster carries a mini-program code for its own share code', async () => {
  const res = await referral(p, 'o-poster-sharer', { action: 'poster', targetType: 'invite' });
  expect(res).toMatchObject({
    ok: true,
    data: { page: 'packages/invite/index', scene: expect.stringMatching(/^[A-Za-z0-9]{12}$/), qrFileId: expect.stringMatching(/^cloud:\/\/.*posters\//) },
  });
  const { code, scene, qrUrl } = res.data;
  expect(scene).toBe(code);
  const image = await fetch(qrUrl);
  expect(image.headers.get('content-type')).toBe('image/png');
  expect((await fetch(`${p.emu.url}/control/wxacode?scene=${scene}&page=packages/invite/index`)).headers.get('x-wxacode-target')).toContain(`scene=${scene}`);
  const share = p.emu.db.find({ collection: 'shares', query: { _id: code }, limit: 1 })[0] as any;
  expect(share).toMatchObject({ sharerId: 'o-poster-sharer', targetType: 'invite', channel: 'poster' });
  // The same poster again: the same card.
  expect((await referral(p, 'o-poster-sharer', { action: 'poster', targetType: 'invite' })).data.code).toBe(code);

  // Scanned by a newcomer who opened the app cold: the page passes the scene as the code.
  expect(await referral(p, 'o-poster-follower', { action: 'visit', code: scene })).toMatchObject({
    ok: true,
    data: { recorded: true, share: { targetType: 'invite' } },
  });
});

test('only members make posters; a product poster needs a product on sale', async () => {
  expect(await referral(p, 'o-poster-follower', { action: 'poster', targetType: 'invite' })).toMatchObject({ ok: false, error: { code: 'NOT_A_MEMBER' } });
  expect(await referral(p, 'o-poster-sharer', { action: 'poster', targetType: 'product', targetId: 'p-none' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  });
  expect(await referral(p, 'o-poster-sharer', { action: 'poster', targetType: 'product' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  expect(await referral(p, 'o-poster-sharer', { action: 'poster', targetType: 'invite', channel: 'chat' })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION_FAILED' },
  });
});
