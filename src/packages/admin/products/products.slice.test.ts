import { callFunctionMock, createAdminStore, staffProfile, type Reply } from '@/test-support/admin-test-kit';
import { adminProduct, PARITY_REFUSAL } from '@/test-support/catalog-fixtures';
import { selectIsAdmin } from '../store';

// The products admin slice with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

beforeEach(() => callFunctionMock.mockReset());

describe('admin products slice', () => {
  it('lists products in catalog order', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValue({ ok: true, data: { products: [adminProduct({ _id: 'b', sort: 20 }), adminProduct({ _id: 'a', sort: 5 })] } });
    await store.getState().loadAdminProducts();

    expect(callFunctionMock).toHaveBeenCalledWith('admin', 'productsList', {});
    expect(store.getState().adminProductsStatus).toBe('ready');
    expect(store.getState().adminProducts.map((p) => p._id)).toEqual(['a', 'b']);
  });

  it('keeps every detail of a parity refusal, several per path, and nothing changes in the list', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { products: [adminProduct()] } });
    await store.getState().loadAdminProducts();
    callFunctionMock.mockResolvedValueOnce(PARITY_REFUSAL);

    const result = await store.getState().saveProduct({
      productId: 'p-beans',
      name: 'x',
      category: '咖啡豆',
      listPriceFen: 9800,
      memberPrices: { member: 9200, buyer: 8800, repeat_buyer: 7900, koc: 9900 },
    });

    expect(result.ok).toBe(false);
    expect(store.getState().productSaveError?.code).toBe('PRICE_PARITY_VIOLATION');
    expect(store.getState().productViolations).toHaveLength(3);
    expect(store.getState().productViolations.filter((v) => v.path === 'memberPrices.koc')).toHaveLength(2);
    expect(store.getState().adminProducts[0].memberPrices.koc).toBe(7500);

    store.getState().dismissProductViolations(['memberPrices.koc']);
    expect(store.getState().productViolations.map((v) => v.path)).toEqual(['channelPrices.0.priceFen']);
    store.getState().clearProductErrors();
    expect(store.getState().productViolations).toEqual([]);
    expect(store.getState().productSaveError).toBeNull();
  });

  it('a saved product replaces its row; a new one joins the list', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { products: [adminProduct()] } });
    await store.getState().loadAdminProducts();

    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { product: adminProduct({ listPriceFen: 9900 }) } });
    await store.getState().saveProduct({ productId: 'p-beans', name: 'x', category: 'c', listPriceFen: 9900, memberPrices: adminProduct().memberPrices });
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { product: adminProduct({ _id: 'p-new', sort: 1, status: 'off_shelf' }) } });
    await store.getState().saveProduct({ name: 'y', category: 'c', listPriceFen: 100, memberPrices: adminProduct().memberPrices, stock: 1 });

    expect(store.getState().adminProducts.map((p) => p._id)).toEqual(['p-new', 'p-beans']);
    expect(store.getState().adminProducts[1].listPriceFen).toBe(9900);
    expect(store.getState().productViolations).toEqual([]);
  });

  it('changes a status and remembers a refusal for that product', async () => {
    const store = createAdminStore();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { products: [adminProduct()] } });
    await store.getState().loadAdminProducts();

    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { productId: 'p-beans', status: 'off_shelf', product: adminProduct({ status: 'off_shelf' }) } });
    await store.getState().setProductStatus('p-beans', 'off_shelf');
    expect(callFunctionMock).toHaveBeenLastCalledWith('admin', 'setProductStatus', { productId: 'p-beans', status: 'off_shelf' });
    expect(store.getState().adminProducts[0].status).toBe('off_shelf');

    callFunctionMock.mockResolvedValueOnce(PARITY_REFUSAL);
    await store.getState().setProductStatus('p-beans', 'on_sale');
    expect(store.getState().productStatusError).toEqual({ productId: 'p-beans', error: PARITY_REFUSAL.error });
    expect(store.getState().productStatusChanging).toBeNull();
  });

  it('drops a list answer after a reset', async () => {
    const store = createAdminStore();
    let answer!: (value: Reply) => void;
    callFunctionMock.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    const loading = store.getState().loadAdminProducts();
    store.getState().resetAdminProducts();
    answer({ ok: true, data: { products: [adminProduct()] } });
    await loading;
    expect(store.getState().adminProducts).toEqual([]);
    expect(store.getState().adminProductsStatus).toBe('idle');
  });

  it.each([
    ['admin', true],
    ['moderator', false],
  ] as const)('a %s may edit: %s', (role, can) => {
    const store = createAdminStore();
    store.setState({ profile: staffProfile(role) });
    expect(selectIsAdmin(store.getState())).toBe(can);
  });
});
