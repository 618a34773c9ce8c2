import { render, screen, waitFor, within } from '@testing-library/react';
import { callFunction } from '@/services/cloud';
import type { ProductCard, Role } from '@/services/contracts';
import { useAppStore } from '@/store';
import { productCard } from '@/test-support/catalog-fixtures';
import HomePage from './index';

jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;

function openAs(role: Role, products: ProductCard[] = [productCard()]) {
  callFunctionMock.mockImplementation(async (name) => {
    if (name === 'shop') return { ok: true, data: { products } };
    return {
      ok: true,
      data: {
        profile: {
          memberId: 'm1',
          nickname: '小林',
          avatarUrl: '',
          tier: 'buyer',
          tierName: '已购会员',
          points: 120,
          role,
          isMember: true,
          joinedAt: '2025-01-02T03:04:05.000Z',
        },
      },
    };
  });
}

beforeEach(() => {
  callFunctionMock.mockReset();
  useAppStore.getState().resetSession();
});

describe('HomePage', () => {
  it('welcomes the person by nickname and tier once the session is open', async () => {
    openAs('customer');
    render(<HomePage />);

    await waitFor(() => expect(screen.getByTestId('home-nickname').textContent).toBe('小林'));
    expect(screen.getByTestId('home-tier-name').textContent).toBe('已购会员');
    expect(callFunctionMock).toHaveBeenCalledWith('member', 'open', {});
  });

  it('shows no admin entry to a customer', async () => {
    openAs('customer');
    render(<HomePage />);

    await screen.findByTestId('home-welcome');
    expect(screen.getByTestId('draws-entry')).toBeTruthy();
    expect(screen.queryByTestId('admin-entry')).toBeNull();
  });

  it.each(['moderator', 'admin'] as const)('shows the admin entry to a %s', async (role) => {
    openAs(role);
    render(<HomePage />);

    expect(await screen.findByTestId('admin-entry')).toBeTruthy();
  });

  it('offers a retry when the session cannot be opened', async () => {
    callFunctionMock.mockResolvedValue({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    render(<HomePage />);

    const error = await screen.findByTestId('home-welcome-error');
    expect(error.textContent).toContain('网络异常，请稍后重试');
    expect(screen.getByTestId('home-retry-button')).toBeTruthy();
    // The products say so on their own, with their own retry.
    expect(await screen.findByTestId('home-products-error-action')).toBeTruthy();
  });
});

describe('精选好物 on the home page', () => {
  it('shows the first four products at my price, and the way to all of them', async () => {
    const products = Array.from({ length: 6 }, (_, i) => productCard({ _id: `p${i}`, name: `商品 ${i}` }));
    openAs('customer', products);
    render(<HomePage />);

    const featured = await screen.findByTestId('home-products');
    expect(within(featured).getAllByTestId(/^product-card-/)).toHaveLength(4);
    expect(within(screen.getByTestId('product-card-p0')).getByTestId('product-my-price').textContent).toBe('¥88.00');
    expect(screen.getByTestId('catalog-entry').textContent).toContain('全部商品');
    expect(callFunctionMock.mock.calls.filter(([name]) => name === 'shop')).toEqual([['shop', 'catalog', {}]]);
  });

  it('says new products are coming when there are none', async () => {
    openAs('customer', []);
    render(<HomePage />);

    expect(await screen.findByTestId('home-products-empty')).toBeTruthy();
    expect(screen.queryByTestId('home-products')).toBeNull();
  });
});
