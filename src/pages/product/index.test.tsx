import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { callFunction } from '@/services/cloud';
import type { ProductDetail } from '@/services/contracts';
import { useAppStore } from '@/store';
import { productDetail } from '@/test-support/catalog-fixtures';
import ProductPage from './index';

// 商品详情 with the real store; only the transport is replaced. The id comes from the route.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;

const serve = (product: ProductDetail) =>
  callFunctionMock.mockImplementation(async (name, action, payload) => {
    if (name === 'shop' && action === 'product' && (payload as { productId: string }).productId === product._id) {
      return { ok: true, data: { product } };
    }
    return { ok: false, error: { code: 'NOT_FOUND', message: '商品不存在' } };
  });

const openAt = (id: string) => {
  (Current as { router: unknown }).router = { params: { id }, path: '/pages/product/index' };
  return render(<ProductPage />);
};

beforeEach(() => {
  callFunctionMock.mockReset();
  useAppStore.getState().resetSession();
});

afterEach(() => {
  (Current as { router: unknown }).router = null;
});

describe('商品详情', () => {
  it('shows my price, the list price struck through, the ladder with my row, channels and the next tier', async () => {
    serve(productDetail());
    openAt('p-beans');

    const page = await screen.findByTestId('product-detail');
    expect(callFunctionMock).toHaveBeenCalledWith('shop', 'product', { productId: 'p-beans' });
    expect(within(page).getByTestId('product-my-price').textContent).toBe('¥88.00');
    expect(within(page).getByTestId('product-list-price').textContent).toBe('¥98.00');
    expect(within(page).getByTestId('product-my-tier').textContent).toBe('已购会员价');
    expect(within(page).getByTestId('product-saving').textContent).toBe('比原价省 ¥10.00');
    expect(within(page).getByTestId('product-next-tier').textContent).toBe('升级为复购会员可享 ¥79.00');

    const mine = screen.getByTestId('tier-price-buyer');
    expect(mine.getAttribute('data-mine')).toBe('true');
    expect(mine.textContent).toContain('我的等级');
    expect(mine.textContent).toContain('¥88.00');
    expect(screen.getByTestId('tier-price-koc').getAttribute('data-mine')).toBe('false');
    expect(screen.getByTestId('tier-price-koc').textContent).toContain('¥75.00');

    // The ladder as the server sends it (here without a 基础用户 row) closes with the list price.
    expect(screen.getByTestId('tier-price-list').textContent).toContain('¥98.00');
    expect(screen.getByTestId('channel-price-0').textContent).toBe('天猫 ¥95.00');
    expect(screen.getByTestId('channel-price-1').textContent).toBe('京东 ¥96.00');
    expect(screen.getByTestId('channel-prices').textContent).toContain('会员价不高于任何渠道');
  });

  it('adds the product to the cart with the chosen quantity, merging with what is there', async () => {
    serve(productDetail());
    openAt('p-beans');

    await screen.findByTestId('product-detail');
    expect(screen.queryByTestId('product-cart-count')).toBeNull();
    fireEvent.click(screen.getByTestId('product-qty-plus'));
    fireEvent.click(screen.getByTestId('product-qty-plus'));
    expect(screen.getByTestId('product-qty-value').textContent).toBe('3');
    await act(async () => {
      fireEvent.click(screen.getByTestId('product-add-to-cart'));
    });

    expect(useAppStore.getState().cartLines).toEqual([
      { productId: 'p-beans', qty: 3, name: '保山小粒咖啡豆 250g', image: 'cloud://env/beans.png', priceFen: 8800 },
    ]);
    expect(screen.getByTestId('product-cart-count').textContent).toBe('3');
    expect(await screen.findByText('已加入购物车')).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByTestId('product-add-to-cart'));
    });
    expect(useAppStore.getState().cartLines[0].qty).toBe(6);
    // Nothing was asked of the server: the cart is the person's, the prices come at checkout.
    expect(callFunctionMock.mock.calls.map(([name, action]) => `${name}.${action}`)).toEqual(['shop.product']);
  });

  it('buys now: checkout of this one product with the chosen quantity', async () => {
    serve(productDetail());
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    openAt('p-beans');

    const buy = await screen.findByTestId('product-buy');
    expect(buy.textContent).toBe('立即购买');
    expect(buy.className).not.toContain('nut-button-disabled');
    fireEvent.click(screen.getByTestId('product-qty-plus'));
    await act(async () => {
      fireEvent.click(buy);
    });
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/shop/checkout?buy=p-beans&qty=2' });
    // Buying now leaves the cart alone.
    expect(useAppStore.getState().cartLines).toEqual([]);
    navigate.mockRestore();
  });

  it('the quantity stays within 1..20', async () => {
    serve(productDetail());
    openAt('p-beans');

    await screen.findByTestId('product-detail');
    fireEvent.click(screen.getByTestId('product-qty-minus'));
    expect(screen.getByTestId('product-qty-value').textContent).toBe('1');
    for (let i = 0; i < 25; i += 1) fireEvent.click(screen.getByTestId('product-qty-plus'));
    expect(screen.getByTestId('product-qty-value').textContent).toBe('20');
  });

  it.each([
    ['sold out', { inStock: false }],
    ['member-only above my tier', { memberOnlyFromTier: 'koc' as const }],
  ])('cannot be bought when %s', async (_case, over) => {
    serve(productDetail(over));
    openAt('p-beans');

    await screen.findByTestId('product-detail');
    expect(screen.getByTestId('product-buy').className).toContain('nut-button-disabled');
    expect(screen.getByTestId('product-add-to-cart').className).toContain('nut-button-disabled');
  });

  it('says a member-only product needs a higher tier, and shows sold out', async () => {
    serve(productDetail({ memberOnlyFromTier: 'repeat_buyer', inStock: false }));
    openAt('p-beans');

    const only = await screen.findByTestId('product-member-only');
    expect(only.textContent).toBe('复购会员及以上专享：升级后即可购买');
    expect(only.getAttribute('data-locked')).toBe('true');
    expect(screen.getByTestId('product-sold-out')).toBeTruthy();
  });

  it('a visitor pays the list price: nothing struck through, and joining is the offer', async () => {
    serve(
      productDetail({
        myTier: 'follower',
        myTierName: '基础用户',
        myPriceFen: 9800,
        nextTierOffer: { tier: 'member', tierName: '未购会员', priceFen: 9200 },
        tierPrices: [{ tier: 'follower', tierName: '基础用户', priceFen: 9800 }, ...productDetail().tierPrices],
      }),
    );
    openAt('p-beans');

    await screen.findByTestId('product-detail');
    expect(screen.queryByTestId('product-list-price')).toBeNull();
    expect(screen.getByTestId('product-next-tier').textContent).toBe('加入会员可享 ¥92.00');
    // Their own row is the list price; no separate 原价 row repeats it.
    expect(screen.getByTestId('tier-price-follower').getAttribute('data-mine')).toBe('true');
    expect(screen.queryByTestId('tier-price-list')).toBeNull();
  });

  it('says a hidden or unknown product is not there', async () => {
    serve(productDetail());
    openAt('p-gone');
    expect(await screen.findByTestId('product-not-found')).toBeTruthy();
  });

  it('retries after a network failure', async () => {
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    openAt('p-beans');

    expect(await screen.findByTestId('product-error')).toBeTruthy();
    serve(productDetail());
    await act(async () => {
      fireEvent.click(screen.getByTestId('product-error-action'));
    });
    expect(await screen.findByTestId('product-detail')).toBeTruthy();
  });
});
