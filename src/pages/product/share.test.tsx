import { act, fireEvent, render, screen } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { callFunction } from '@/services/cloud';
import type { CloudResult } from '@/services/cloud-result';
import { useAppStore } from '@/store';
import { productDetail } from '@/test-support/catalog-fixtures';
import { shareResult, visitResult } from '@/test-support/invite-fixtures';
import { follower, repeatBuyer } from '@/test-support/member-fixtures';
import { shareAppMessage, shareTimeline } from '@/test-support/use-wechat-share';
import ProductPage from './index';

// 商品详情 as a shared card: the card WeChat sends (weapp), the link to copy (h5), and landing on
// it from a card or a poster. The real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;

const CARD = shareResult({ code: 'PrOdUcT12345', path: '/pages/product/index?id=p-beans&s=PrOdUcT12345', page: 'pages/product/index', scene: 'PrOdUcT12345' });
const TIMELINE = shareResult({
  code: 'TiMeLiNe1234',
  path: '/pages/product/index?id=p-beans&s=TiMeLiNe1234',
  page: 'pages/product/index',
  scene: 'TiMeLiNe1234',
});

type Answers = { share?: (channel: string) => CloudResult<unknown>; visit?: CloudResult<unknown> };

const serve = ({
  share = (channel) => ({ ok: true, data: channel === 'timeline' ? TIMELINE : CARD }),
  visit = { ok: true, data: visitResult() },
}: Answers = {}) =>
  callFunctionMock.mockImplementation(async (name, action, payload) => {
    const p = payload as Record<string, string>;
    if (name === 'shop' && action === 'product')
      return p.productId === 'p-beans' ? { ok: true, data: { product: productDetail() } } : { ok: false, error: { code: 'NOT_FOUND', message: '商品不存在' } };
    if (name === 'member' && action === 'open') return { ok: true, data: { profile: follower } };
    if (name === 'referral' && action === 'share') return share(p.channel) as never;
    if (name === 'referral' && action === 'visit') return visit as never;
    throw new Error(`unexpected ${name}.${action}`);
  });

const sent = (action: string) => callFunctionMock.mock.calls.filter(([, a]) => a === action).map(([, , payload]) => payload);

const openWith = (params: Record<string, string>) => {
  (Current as { router: unknown }).router = { params, path: '/pages/product/index' };
  return render(<ProductPage />);
};

const env = process.env.TARO_ENV;

beforeEach(() => {
  callFunctionMock.mockReset();
  useAppStore.getState().resetSession();
});

afterEach(() => {
  (Current as { router: unknown }).router = null;
  process.env.TARO_ENV = env;
  jest.restoreAllMocks();
});

describe('商品详情 · 转发 (weapp)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
  });

  it('hands WeChat the plain card at once and a promise of the server’s card with its code', async () => {
    serve();
    openWith({ id: 'p-beans' });
    await screen.findByTestId('product-detail');
    // Opening the page made no card: a card is made when the person shares.
    expect(sent('share')).toEqual([]);

    const card = shareAppMessage({ from: 'menu' });
    expect(card.title).toBe('保山小粒咖啡豆 250g');
    expect(card.path).toBe('/pages/product/index?id=p-beans');
    await act(async () => {
      await expect(card.promise).resolves.toEqual({ title: '保山小粒咖啡豆 250g', path: '/pages/product/index?id=p-beans&s=PrOdUcT12345' });
    });
    expect(sent('share')).toEqual([{ targetType: 'product', targetId: 'p-beans', channel: 'chat' }]);

    // The share button (openType="share") asks for the same card; it is not made twice.
    const fromButton = shareAppMessage({ from: 'button', target: { dataset: { shareType: 'product', shareId: 'p-beans' } } });
    await expect(fromButton.promise).resolves.toMatchObject({ path: '/pages/product/index?id=p-beans&s=PrOdUcT12345' });
    expect(sent('share')).toHaveLength(1);
  });

  it('falls back to the plain card when the server says no (a visitor’s forward credits nobody)', async () => {
    serve({ share: () => ({ ok: false, error: { code: 'NOT_A_MEMBER', message: '加入会员后才能分享' } }) });
    openWith({ id: 'p-beans' });
    await screen.findByTestId('product-detail');

    await act(async () => {
      fireEvent.click(screen.getByTestId('product-share'));
    });
    const card = shareAppMessage({ from: 'button', target: { dataset: { shareType: 'product', shareId: 'p-beans' } } });
    await act(async () => {
      await expect(card.promise).resolves.toEqual({ title: '保山小粒咖啡豆 250g', path: '/pages/product/index?id=p-beans' });
    });
    // ...and the button offers to join rather than pretending it shared.
    expect(screen.getByTestId('share-join').textContent).toContain('加入会员后才能分享');
  });

  it('朋友圈 wants its query at once: plain the first time, with the timeline card’s code afterwards', async () => {
    serve();
    openWith({ id: 'p-beans' });
    await screen.findByTestId('product-detail');

    let first: ReturnType<typeof shareTimeline> = {};
    await act(async () => {
      first = shareTimeline();
    });
    expect(first).toEqual({ title: '保山小粒咖啡豆 250g', query: 'id=p-beans' });
    expect(sent('share')).toEqual([{ targetType: 'product', targetId: 'p-beans', channel: 'timeline' }]);
    expect(shareTimeline()).toEqual({ title: '保山小粒咖啡豆 250g', query: 'id=p-beans&s=TiMeLiNe1234' });
    expect(sent('share')).toHaveLength(1);
  });
});

describe('商品详情 · 分享链接 (h5)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('asks the server for the card and shows its link, the H5 URL of the server’s path', async () => {
    serve();
    openWith({ id: 'p-beans' });
    await screen.findByTestId('product-detail');
    expect(screen.queryByTestId('share-link')).toBeNull();

    await act(async () => {
      fireEvent.click(screen.getByTestId('product-share'));
    });
    expect(sent('share')).toEqual([{ targetType: 'product', targetId: 'p-beans', channel: 'chat' }]);
    expect(screen.getByTestId('share-link').textContent).toBe('http://localhost/#/pages/product/index?id=p-beans&s=PrOdUcT12345');
  });

  it('a visitor is offered to join instead of a link', async () => {
    serve({ share: () => ({ ok: false, error: { code: 'NOT_A_MEMBER', message: '加入会员后才能分享' } }) });
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' } as never);
    openWith({ id: 'p-beans' });
    await screen.findByTestId('product-detail');

    await act(async () => {
      fireEvent.click(screen.getByTestId('product-share'));
    });
    expect(screen.queryByTestId('share-link')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByTestId('share-join-action'));
    });
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/member/index' });
  });

  it('shows the server’s refusal otherwise', async () => {
    serve({ share: () => ({ ok: false, error: { code: 'NOT_FOUND', message: '商品不存在或已下架' } }) });
    openWith({ id: 'p-beans' });
    await screen.findByTestId('product-detail');
    await act(async () => {
      fireEvent.click(screen.getByTestId('product-share'));
    });
    expect(screen.queryByTestId('share-link')).toBeNull();
    expect(screen.queryByTestId('share-join')).toBeNull();
    expect(await screen.findByText('内容不存在或已被删除')).toBeTruthy();
  });
});

describe('商品详情 · 打开分享', () => {
  it('from a card: shows the product and reports the visit once the session is open', async () => {
    serve();
    openWith({ id: 'p-beans', s: 'PrOdUcT12345' });
    await screen.findByTestId('product-detail');
    await act(async () => undefined);
    expect(sent('open')).toHaveLength(1);
    expect(sent('visit')).toEqual([{ code: 'PrOdUcT12345' }]);
  });

  it('from a poster (scene only): the visit says which product to show', async () => {
    serve({ visit: { ok: true, data: visitResult({ targetType: 'product', targetId: 'p-beans', path: '/pages/product/index?id=p-beans&s=PoStEr123456' }) } });
    openWith({ scene: 'PoStEr123456' });
    expect(screen.getByTestId('product-loading')).toBeTruthy();

    const page = await screen.findByTestId('product-detail');
    expect(page.getAttribute('data-product-id')).toBe('p-beans');
    expect(sent('visit')).toEqual([{ code: 'PoStEr123456' }]);
    expect(sent('product')).toEqual([{ productId: 'p-beans' }]);
  });

  it('from a poster while the network fails: a retry asks for the visit again', async () => {
    serve({ visit: { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } } });
    openWith({ scene: 'PoStEr123456' });
    expect(await screen.findByTestId('product-error')).toBeTruthy();

    serve({ visit: { ok: true, data: visitResult({ targetType: 'product', targetId: 'p-beans' }) } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('product-error-action'));
    });
    expect((await screen.findByTestId('product-detail')).getAttribute('data-product-id')).toBe('p-beans');
    expect(sent('visit')).toEqual([{ code: 'PoStEr123456' }, { code: 'PoStEr123456' }]);
  });

  it('from an unknown poster code: says the product is not there', async () => {
    serve({ visit: { ok: false, error: { code: 'SHARE_NOT_FOUND', message: '分享已失效或不存在' } } });
    openWith({ scene: 'GoneGoneGone' });
    expect(await screen.findByTestId('product-not-found')).toBeTruthy();
    expect(sent('product')).toEqual([]);
  });

  it('a member opening their own card sees the page as usual', async () => {
    serve({ visit: { ok: true, data: visitResult({ targetType: 'product', targetId: 'p-beans' }, false) } });
    useAppStore.setState({ profile: repeatBuyer, sessionStatus: 'ready' });
    openWith({ id: 'p-beans', s: 'PrOdUcT12345' });
    await screen.findByTestId('product-detail');
    await act(async () => undefined);
    expect(sent('open')).toEqual([]);
    expect(sent('visit')).toEqual([{ code: 'PrOdUcT12345' }]);
  });
});
