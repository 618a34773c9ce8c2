import { render, screen, within } from '@testing-library/react';
import type { AdminProductView, Role } from '@/services/contracts';
import { EMPTY_ADMIN_HOME, sent, serve, type Answers, type Reply, typeIn, tap, pageTests } from '@/test-support/admin-test-kit';
import { adminProduct, PARITY_REFUSAL } from '@/test-support/catalog-fixtures';
import ProductsAdminPage from './products-page';
import { refusal } from '@/test-support/replies';

// 商品与会员价 with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const broken = adminProduct({
  _id: 'p-broken',
  name: '挂耳咖啡 10 片',
  status: 'off_shelf',
  memberPrices: { member: 5000, buyer: 4800, repeat_buyer: 4600, koc: 5200 },
  violations: [{ path: 'memberPrices.koc', message: '品牌KOC价 ¥52.00 高于 复购会员价 ¥46.00' }],
});

const serveAs = (role: Role, answers: Answers = {}, products: AdminProductView[] = [adminProduct(), broken]) =>
  serve(role, {
    ...EMPTY_ADMIN_HOME,
    productsList: () => ({ ok: true, data: { products } }),
    ...answers,
  });

const inlineAt = (path: string) => screen.queryAllByTestId('product-violation').filter((el) => el.getAttribute('data-path') === path);

const openAs = pageTests(<ProductsAdminPage />, serveAs, 'resetAdminProducts');

describe('the products list', () => {
  it('shows status, prices and the violations a stored product has', async () => {
    openAs('admin');

    const list = await screen.findByTestId('products-admin-list');
    expect(within(list).getByTestId('product-status-label-p-beans').textContent).toBe('在售');
    expect(within(list).getByTestId('product-status-label-p-broken').textContent).toBe('已下架');
    expect(screen.getByTestId('product-row-price-p-beans-koc').textContent).toBe('品牌KOC ¥75.00');
    expect(screen.queryByTestId('product-row-violations-p-beans')).toBeNull();
    expect(screen.getByTestId('product-row-violations-p-broken').textContent).toContain('⚠ 品牌KOC价 ¥52.00 高于 复购会员价 ¥46.00');
    expect(screen.getByTestId('products-admin-broken').textContent).toContain('1 件商品');
  });

  it('a moderator sees everything and can change nothing', async () => {
    openAs('moderator');

    await screen.findByTestId('products-admin-list');
    expect(screen.getByTestId('products-admin-readonly')).toBeTruthy();
    expect(screen.queryByTestId('product-create')).toBeNull();
    expect(screen.queryByTestId('product-edit-p-beans')).toBeNull();
    expect(screen.queryByTestId('product-status-p-beans')).toBeNull();
    expect(screen.getByTestId('product-row-violations-p-broken')).toBeTruthy();
  });

  it('says why a product cannot go on sale', async () => {
    serveAs('admin', {
      setProductStatus: {
        ok: false,
        error: { code: 'PRICE_PARITY_VIOLATION', message: '会员价不符合价格规则：品牌KOC价 ¥52.00 高于 复购会员价 ¥46.00（共 1 处）' },
      },
    });
    render(<ProductsAdminPage />);
    await screen.findByTestId('products-admin-list');

    await tap('product-status-p-broken');
    expect(sent('setProductStatus')).toEqual([{ productId: 'p-broken', status: 'on_sale' }]);
    expect(screen.getByTestId('product-status-error').textContent).toContain('品牌KOC价 ¥52.00 高于 复购会员价 ¥46.00');
  });
});

describe('the product form', () => {
  it('sends prices typed in yuan as integer fen, every field, and leaves stock alone when left empty', async () => {
    openAs('admin', { saveProduct: (payload) => ({ ok: true, data: { product: adminProduct({ ...(payload as object), violations: [] } as never) } }) });
    await screen.findByTestId('products-admin-list');
    await tap('product-edit-p-beans');

    expect(screen.getByTestId('product-form').getAttribute('data-mode')).toBe('edit');
    typeIn('product-input-listPrice', '99.9');
    typeIn('product-input-member-koc', '70');
    typeIn('product-input-channel-price-0', '96.5');
    await tap('product-channel-add');
    typeIn('product-input-channel-1', '门店');
    typeIn('product-input-channel-price-1', '98');
    await tap('product-only-repeat_buyer');
    await tap('product-save');

    expect(sent('saveProduct')).toEqual([
      {
        productId: 'p-beans',
        name: '保山小粒咖啡豆 250g',
        subtitle: '中烘',
        category: '咖啡豆',
        description: '云南保山',
        listPriceFen: 9990,
        channelPrices: [
          { channel: '天猫', priceFen: 9650 },
          { channel: '门店', priceFen: 9800 },
        ],
        memberPrices: { member: 9200, buyer: 8800, repeat_buyer: 7900, koc: 7000 },
        memberOnlyFromTier: 'repeat_buyer',
        sort: 10,
        images: ['cloud://env/beans.png'],
      },
    ]);
    // Saved and still on sale: no status call; back to the list.
    expect(sent('setProductStatus')).toEqual([]);
    expect(await screen.findByTestId('products-admin-list')).toBeTruthy();
  });

  it('shows each parity violation next to its field and all of them at the top; nothing is saved', async () => {
    serveAs('admin', {
      saveProduct: PARITY_REFUSAL,
    });
    render(<ProductsAdminPage />);
    await screen.findByTestId('products-admin-list');
    await tap('product-edit-p-beans');
    typeIn('product-input-member-koc', '99');
    await tap('product-save');

    expect(inlineAt('memberPrices.koc').map((el) => el.textContent)).toEqual([
      '品牌KOC价 ¥99.00 高于 天猫价 ¥95.00',
      '品牌KOC价 ¥99.00 高于 复购会员价 ¥79.00',
    ]);
    expect(within(screen.getByTestId('product-channel-0')).getByTestId('product-violation').textContent).toBe('天猫价须为非负整数（分）');
    const summary = screen.getByTestId('product-form-summary');
    expect(summary.getAttribute('data-count')).toBe('3');
    expect(summary.textContent).toContain('价格不符合规则，共 3 处');
    expect(summary.textContent).toContain('品牌KOC价 ¥99.00 高于 天猫价 ¥95.00');
    expect(summary.textContent).not.toContain('品牌KOC价：');
    expect(summary.textContent).toContain('渠道价（第 1 行）：天猫价须为非负整数（分）');
    // Still the form: nothing was saved.
    expect(screen.getByTestId('product-form')).toBeTruthy();

    // Changing a price makes the price messages out of date.
    typeIn('product-input-member-koc', '70');
    expect(screen.queryAllByTestId('product-violation')).toHaveLength(0);
    expect(screen.queryByTestId('product-form-summary')).toBeNull();
  });

  it('shows a validation refusal next to its field too', async () => {
    serveAs('admin', {
      saveProduct: refusal('VALIDATION_FAILED', '输入有误：category 请填写商品分类', [['category', '请填写商品分类']]) as Reply,
    });
    render(<ProductsAdminPage />);
    await screen.findByTestId('products-admin-list');
    await tap('product-edit-p-beans');
    typeIn('product-input-category', ' ');
    await tap('product-save');

    expect(inlineAt('category').map((el) => el.textContent)).toEqual(['请填写商品分类']);
    expect(screen.getByTestId('product-form-summary').textContent).toContain('有 1 处需要修改');
  });

  it('opens a stored product with its violations shown where they are', async () => {
    openAs('admin');
    await screen.findByTestId('products-admin-list');
    await tap('product-edit-p-broken');

    expect(inlineAt('memberPrices.koc').map((el) => el.textContent)).toEqual(['品牌KOC价 ¥52.00 高于 复购会员价 ¥46.00']);
    expect(screen.getByTestId('product-form-summary').textContent).toContain('共 1 处');
  });

  it('checks amounts before sending: yuan with at most two decimals', async () => {
    openAs('admin');
    await screen.findByTestId('products-admin-list');
    await tap('product-create');

    typeIn('product-input-name', '新品');
    typeIn('product-input-category', '咖啡豆');
    typeIn('product-input-listPrice', '12.345');
    await tap('product-save');

    expect(sent('saveProduct')).toEqual([]);
    expect(inlineAt('listPriceFen')[0].textContent).toContain('最多两位小数');
    expect(inlineAt('stock')[0].textContent).toBe('请填写库存');
    expect(inlineAt('memberPrices.member')).toHaveLength(1);
  });

  it('creates a product and puts it on sale (new products start off shelf)', async () => {
    serveAs('admin', {
      saveProduct: { ok: true, data: { product: adminProduct({ _id: 'p-new', name: '新品', status: 'off_shelf' }) } },
      setProductStatus: { ok: true, data: { productId: 'p-new', status: 'on_sale', product: adminProduct({ _id: 'p-new', name: '新品', status: 'on_sale' }) } },
    });
    render(<ProductsAdminPage />);
    await screen.findByTestId('products-admin-list');
    await tap('product-create');

    typeIn('product-input-name', '新品');
    typeIn('product-input-category', '咖啡豆');
    typeIn('product-input-listPrice', '50');
    typeIn('product-input-channel-price-0', '48');
    typeIn('product-input-channel-price-1', '49');
    typeIn('product-input-member-member', '45');
    typeIn('product-input-member-buyer', '44');
    typeIn('product-input-member-repeat_buyer', '42');
    typeIn('product-input-member-koc', '40');
    typeIn('product-input-stock', '30');
    await tap('product-save');

    expect(sent('saveProduct')[0]).toMatchObject({
      listPriceFen: 5000,
      stock: 30,
      channelPrices: [
        { channel: '天猫', priceFen: 4800 },
        { channel: '京东', priceFen: 4900 },
      ],
      memberPrices: { member: 4500, buyer: 4400, repeat_buyer: 4200, koc: 4000 },
    });
    expect(sent('saveProduct')[0]).not.toHaveProperty('productId');
    expect(sent('setProductStatus')).toEqual([{ productId: 'p-new', status: 'on_sale' }]);
    expect(await screen.findByTestId('product-row-p-new')).toBeTruthy();
  });

  it('removing a channel row drops it from what is sent', async () => {
    openAs('admin', { saveProduct: { ok: true, data: { product: adminProduct({ channelPrices: [] }) } } });
    await screen.findByTestId('products-admin-list');
    await tap('product-edit-p-beans');
    await tap('product-channel-remove-0');
    expect(screen.queryByTestId('product-channel-0')).toBeNull();
    await tap('product-save');
    expect(sent('saveProduct')[0].channelPrices).toEqual([]);
  });
});
