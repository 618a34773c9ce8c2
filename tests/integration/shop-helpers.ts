/** Shared set-up for the shop suites: the demo brand's products stored as the seed stores them. */
import type { Database } from '../../core/platform/database';
import { PRODUCTS } from '../../scripts/seed/demo-brand';

export async function putProduct(db: Database, id: string, data: Record<string, unknown>): Promise<void> {
  await db
    .collection('products')
    .doc(id)
    .set({ data: { createdAt: new Date(), updatedAt: new Date(), ...data } });
}

/** The five demo products (one member-only from 已购会员), with a cloud fileID each, as seeded. */
export async function seedDemoProducts(db: Database): Promise<void> {
  for (const p of PRODUCTS) {
    const { art: _art, _id, ...product } = p;
    await putProduct(db, _id, { ...product, brand: '山川咖啡', images: [`cloud://flywheel-local.test/products/${_id}.svg`] });
  }
}

/** A product like the demo beans, with overrides. */
export const beans = (extra: Record<string, unknown> = {}) => ({
  name: '测试豆 250g',
  subtitle: '测试用',
  category: '咖啡豆',
  images: [],
  listPriceFen: 12800,
  channelPrices: [
    { channel: '天猫', priceFen: 11800 },
    { channel: '京东', priceFen: 11900 },
  ],
  memberPrices: { member: 11500, buyer: 10900, repeat_buyer: 10500, koc: 9900 },
  stock: 10,
  memberOnlyFromTier: null,
  status: 'on_sale',
  sort: 50,
  ...extra,
});
