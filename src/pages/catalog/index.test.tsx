import { act, fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { callFunction } from '@/services/cloud';
import type { ProductCard } from '@/services/contracts';
import { useAppStore } from '@/store';
import { productCard } from '@/test-support/catalog-fixtures';
import CatalogPage from './index';

// 全部商品 with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;

const serve = (products: ProductCard[]) =>
  callFunctionMock.mockImplementation(async (name, action) => {
    if (name === 'shop' && action === 'catalog') return { ok: true, data: { products } };
    throw new Error(`unexpected ${name}.${action}`);
  });

beforeEach(() => {
  callFunctionMock.mockReset();
  useAppStore.getState().resetSession();
});

describe('全部商品', () => {
  it('shows my price, the list price struck through, my tier and what the next tier pays', async () => {
    serve([productCard()]);
    render(<CatalogPage />);

    const card = within(await screen.findByTestId('catalog')).getByTestId('product-card-p-beans');
    expect(card.textContent).toContain('保山小粒咖啡豆 250g');
    expect(within(card).getByTestId('product-my-price').textContent).toBe('¥88.00');
    const list = within(card).getByTestId('product-list-price');
    expect(list.textContent).toBe('¥98.00');
    expect(list.className).toContain('product-card__list-price');
    expect(within(card).getByTestId('product-my-tier').textContent).toBe('已购会员');
    expect(within(card).getByTestId('product-next-tier').textContent).toBe('升级为复购会员可享 ¥79.00');
  });

  it('shows no struck list price when I pay the list price, and invites a visitor to join', async () => {
    serve([
      productCard({
        myTier: 'follower',
        myTierName: '基础用户',
        myPriceFen: 9800,
        nextTierOffer: { tier: 'member', tierName: '未购会员', priceFen: 9200 },
      }),
    ]);
    render(<CatalogPage />);

    const card = await screen.findByTestId('product-card-p-beans');
    expect(within(card).getByTestId('product-my-price').textContent).toBe('¥98.00');
    expect(within(card).queryByTestId('product-list-price')).toBeNull();
    expect(within(card).getByTestId('product-next-tier').textContent).toBe('加入会员可享 ¥92.00');
  });

  it('shows no next-tier hint at the top of the ladder', async () => {
    serve([productCard({ myTier: 'koc', myTierName: '品牌KOC', myPriceFen: 7500, nextTierOffer: null })]);
    render(<CatalogPage />);

    const card = await screen.findByTestId('product-card-p-beans');
    expect(within(card).queryByTestId('product-next-tier')).toBeNull();
  });

  it('marks sold-out and member-only products', async () => {
    serve([
      productCard({ _id: 'p-out', inStock: false }),
      productCard({ _id: 'p-vip', memberOnlyFromTier: 'repeat_buyer' }),
      productCard({ _id: 'p-mine', memberOnlyFromTier: 'buyer' }),
    ]);
    render(<CatalogPage />);

    const out = await screen.findByTestId('product-card-p-out');
    expect(out.getAttribute('data-in-stock')).toBe('false');
    expect(within(out).getByTestId('product-sold-out').textContent).toBe('已售罄');
    const vip = within(screen.getByTestId('product-card-p-vip')).getByTestId('product-member-only');
    expect(vip.textContent).toBe('复购会员及以上专享');
    expect(vip.getAttribute('data-locked')).toBe('true');
    expect(within(screen.getByTestId('product-card-p-mine')).getByTestId('product-member-only').getAttribute('data-locked')).toBe('false');
  });

  it('opens the product page with its id', async () => {
    serve([productCard()]);
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    render(<CatalogPage />);

    const card = await screen.findByTestId('product-card-p-beans');
    await act(async () => {
      fireEvent.click(card);
    });
    expect(navigate).toHaveBeenCalledWith({ url: '/pages/product/index?id=p-beans' });
    navigate.mockRestore();
  });

  it('has an empty state', async () => {
    serve([]);
    render(<CatalogPage />);
    expect(await screen.findByTestId('catalog-empty')).toBeTruthy();
  });

  it('shows a failure with a retry that loads again', async () => {
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    render(<CatalogPage />);

    expect((await screen.findByTestId('catalog-error')).textContent).toContain('网络异常');
    serve([productCard()]);
    await act(async () => {
      fireEvent.click(screen.getByTestId('catalog-error-action'));
    });
    expect(await screen.findByTestId('product-card-p-beans')).toBeTruthy();
  });
});
