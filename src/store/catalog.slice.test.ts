import { callFunction } from '@/services/cloud';
import type { ProductCard, SessionProfile } from '@/services/contracts';
import { productCard, productDetail } from '@/test-support/catalog-fixtures';
import { follower } from '@/test-support/member-fixtures';
import { deferred, NETWORK_DOWN, type Reply } from '@/test-support/replies';
import { createAppStore, selectProductDetail } from './index';

// The store's boundary is the service layer: the transport is replaced, the store is real.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;

const profile: SessionProfile = { ...follower, memberId: 'o-visitor', nickname: '' };

const catalogReply = (products: ProductCard[]): Reply => ({ ok: true, data: { products } });

beforeEach(() => callFunctionMock.mockReset());

describe('catalog slice', () => {
  it('loads the catalog at the caller’s prices', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValue(catalogReply([productCard()]));

    const loading = store.getState().loadCatalog();
    expect(store.getState().catalogStatus).toBe('loading');
    await loading;

    expect(callFunctionMock).toHaveBeenCalledWith('shop', 'catalog', {});
    expect(store.getState().catalogStatus).toBe('ready');
    expect(store.getState().catalog.map((p) => p.myPriceFen)).toEqual([8800]);
  });

  it('keeps what is shown while it reloads, and records a failure', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce(catalogReply([productCard()]));
    await store.getState().loadCatalog();

    const later = deferred();
    callFunctionMock.mockReturnValueOnce(later.promise);
    const reloading = store.getState().loadCatalog();
    expect(store.getState().catalogStatus).toBe('ready');
    later.resolve(NETWORK_DOWN);
    await reloading;
    expect(store.getState().catalogStatus).toBe('error');
    expect(store.getState().catalogError?.code).toBe('NETWORK_ERROR');
  });

  it('drops an answer that arrives after the person switched identity (their prices differ)', async () => {
    const store = createAppStore();
    const stale = deferred();
    callFunctionMock.mockReturnValueOnce(stale.promise);
    const loading = store.getState().loadCatalog();

    store.getState().resetSession();
    stale.resolve(catalogReply([productCard()]));
    await loading;

    expect(store.getState().catalogStatus).toBe('idle');
    expect(store.getState().catalog).toEqual([]);
  });

  it('forgets the catalog and product pages on a switch of identity', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce(catalogReply([productCard()]));
    await store.getState().loadCatalog();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { product: productDetail() } });
    await store.getState().loadProduct('p-beans');

    store.getState().resetSession();
    expect(store.getState().catalog).toEqual([]);
    expect(selectProductDetail('p-beans')(store.getState()).status).toBe('idle');
  });

  it('reloads the catalog after joining: a member pays the member price', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce(catalogReply([productCard({ myTier: 'follower', myPriceFen: 9800 })]));
    await store.getState().loadCatalog();

    callFunctionMock.mockImplementation(async (name, action) => {
      if (name === 'member' && action === 'join') return { ok: true, data: { profile: { ...profile, tier: 'member', isMember: true } } };
      if (name === 'shop') return catalogReply([productCard({ myTier: 'member', myPriceFen: 9200 })]);
      throw new Error(`unexpected ${name}.${action}`);
    });
    await store.getState().join({ agreeTerms: true });
    await new Promise((r) => setTimeout(r, 0));

    expect(store.getState().catalog[0].myPriceFen).toBe(9200);
  });

  it('loads one product by id, and says NOT_FOUND when it is hidden', async () => {
    const store = createAppStore();
    callFunctionMock.mockImplementation(async (_name, _action, payload) =>
      (payload as { productId: string }).productId === 'p-beans'
        ? { ok: true, data: { product: productDetail() } }
        : { ok: false, error: { code: 'NOT_FOUND', message: '商品不存在' } },
    );

    await store.getState().loadProduct('p-beans');
    await store.getState().loadProduct('p-hidden');

    expect(callFunctionMock).toHaveBeenCalledWith('shop', 'product', { productId: 'p-beans' });
    expect(selectProductDetail('p-beans')(store.getState()).product?.tierPrices).toHaveLength(4);
    const hidden = selectProductDetail('p-hidden')(store.getState());
    expect(hidden.status).toBe('error');
    expect(hidden.error?.code).toBe('NOT_FOUND');
  });

  it('a product taken off the shelf since is no longer shown from the older answer', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { product: productDetail() } });
    await store.getState().loadProduct('p-beans');
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_FOUND', message: '商品不存在' } });
    await store.getState().loadProduct('p-beans');

    expect(selectProductDetail('p-beans')(store.getState()).product).toBeNull();
  });

  it('keeps only the newest answer for a product', async () => {
    const store = createAppStore();
    const first = deferred();
    const second = deferred();
    callFunctionMock.mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise);
    const a = store.getState().loadProduct('p-beans');
    const b = store.getState().loadProduct('p-beans');
    second.resolve({ ok: true, data: { product: productDetail({ myPriceFen: 7900 }) } });
    first.resolve({ ok: true, data: { product: productDetail({ myPriceFen: 8800 }) } });
    await Promise.all([a, b]);

    expect(selectProductDetail('p-beans')(store.getState()).product?.myPriceFen).toBe(7900);
  });
});
