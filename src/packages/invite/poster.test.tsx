import { act, fireEvent, render, screen } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { callFunction } from '@/services/cloud';
import type { CloudResult } from '@/services/cloud-result';
import { useAppStore } from '@/store';
import { useInviteStore } from '@/packages/invite/store';
import { productDetail } from '@/test-support/catalog-fixtures';
import { posterResult } from '@/test-support/invite-fixtures';
import { repeatBuyer } from '@/test-support/member-fixtures';
import { openPosterSurface } from './poster-surface';
import { posterFile, savePosterToAlbum } from './save-poster';
import PosterPage from './poster';

// 邀请海报 with the real store and the real drawing; the transport, the canvas (jsdom has none) and
// weapp's album are replaced. The drawing is checked through what it wrote on a recording context.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
jest.mock('./poster-surface', () => ({ openPosterSurface: jest.fn() }));
jest.mock('./save-poster', () => ({ posterFile: jest.fn(), savePosterToAlbum: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;
const openSurface = openPosterSurface as jest.MockedFunction<typeof openPosterSurface>;
const exportFile = posterFile as jest.MockedFunction<typeof posterFile>;
const saveToAlbum = savePosterToAlbum as jest.MockedFunction<typeof savePosterToAlbum>;

const CANVAS_NODE = { kind: 'weapp canvas node' };

/** A 2d context that records the texts drawn and the images placed. */
function recordingSurface() {
  const texts: string[] = [];
  const images: unknown[] = [];
  const ctx = {
    fillStyle: '',
    font: '',
    textAlign: 'left',
    textBaseline: 'alphabetic',
    globalAlpha: 1,
    fillText: jest.fn((text: string) => texts.push(text)),
    measureText: jest.fn((text: string) => ({ width: Array.from(text).length * 12 })),
    drawImage: jest.fn((image: unknown) => images.push(image)),
    fillRect: jest.fn(),
    beginPath: jest.fn(),
    moveTo: jest.fn(),
    arcTo: jest.fn(),
    closePath: jest.fn(),
    fill: jest.fn(),
    save: jest.fn(),
    restore: jest.fn(),
    clip: jest.fn(),
  };
  const loadImage = jest.fn(async (src: string) => ({ src, width: 200, height: 200 }));
  const surface = { ctx: ctx as never, canvas: CANVAS_NODE, loadImage: loadImage as never, toDataUrl: () => 'data:image/png;base64,UE9TVEVS' };
  openSurface.mockResolvedValue(surface);
  return { texts, images, loadImage };
}

const serve = (poster: CloudResult<unknown> = { ok: true, data: posterResult() }) =>
  callFunctionMock.mockImplementation(async (name, action, payload) => {
    if (name === 'member' && action === 'open') return { ok: true, data: { profile: { ...repeatBuyer, nickname: '周周' } } };
    if (name === 'referral' && action === 'poster') return poster as never;
    if (name === 'shop' && action === 'product') return { ok: true, data: { product: productDetail({ _id: (payload as { productId: string }).productId }) } };
    throw new Error(`unexpected ${name}.${action}`);
  });

const sent = (action: string) => callFunctionMock.mock.calls.filter(([, a]) => a === action).map(([, , payload]) => payload);

const open = (params: Record<string, string> = {}) => {
  (Current as { router: unknown }).router = { params, path: '/packages/invite/poster' };
  return render(<PosterPage />);
};

const drawn = async () => {
  const frame = await screen.findByTestId('poster-canvas');
  await act(async () => undefined);
  return frame;
};

const env = process.env.TARO_ENV;

beforeEach(() => {
  callFunctionMock.mockReset();
  openSurface.mockReset();
  exportFile.mockReset();
  saveToAlbum.mockReset();
  useAppStore.getState().resetSession();
  useInviteStore.getState().resetInvite();
});

afterEach(() => {
  (Current as { router: unknown }).router = null;
  process.env.TARO_ENV = env;
  jest.restoreAllMocks();
});

describe('邀请海报 (h5)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('asks for an invite poster, draws brand, invitation, my name and the code, and shows the picture', async () => {
    const { texts, loadImage } = recordingSurface();
    serve();
    open();

    const frame = await drawn();
    expect(sent('poster')).toEqual([{ targetType: 'invite' }]);
    expect(frame.getAttribute('data-state')).toBe('ready');
    expect(screen.getByTestId('poster-page').getAttribute('data-code')).toBe('PoStEr123456');
    // The code image comes from storage through the emulator on h5.
    expect(loadImage).toHaveBeenCalledWith(expect.stringContaining('/storage/file?fileID=cloud%3A%2F%2Fenv%2Fposters%2FPoStEr123456.png'));
    expect(texts).toEqual(expect.arrayContaining(['山川咖啡', '每一杯，都从产地开始', '周周', '邀请你加入', '山川咖啡会员', '扫码打开小程序']));
    // Taro's h5 <Image> is a box around an <img>.
    expect(screen.getByTestId('poster-image').querySelector('img')?.getAttribute('src')).toBe('data:image/png;base64,UE9TVEVS');
    expect(screen.getByText(/长按图片保存/)).toBeTruthy();
    const download = screen.getByTestId('poster-download');
    expect(download.getAttribute('href')).toBe('data:image/png;base64,UE9TVEVS');
    expect(download.getAttribute('download')).toBe('invite-poster.png');
    // No album on h5.
    expect(screen.queryByTestId('poster-save')).toBeNull();
  });

  it('a product’s poster (?id=): asks for that card and draws the product', async () => {
    const { texts } = recordingSurface();
    serve({ ok: true, data: posterResult({ page: 'pages/product/index' }) });
    open({ id: 'p-beans' });

    await drawn();
    expect(sent('poster')).toEqual([{ targetType: 'product', targetId: 'p-beans' }]);
    expect(texts).toEqual(expect.arrayContaining(['保山小粒咖啡豆 250g', '中烘 · 坚果与焦糖', '周周 推荐给你']));
    expect(texts).not.toContain('邀请你加入');
  });

  it('shows an error with a retry when the poster cannot be made', async () => {
    recordingSurface();
    serve({ ok: false, error: { code: 'POSTER_UNAVAILABLE', message: '小程序码生成失败：quota' } });
    open();

    const error = await screen.findByTestId('poster-error');
    expect(error.textContent).toContain('海报生成失败');
    expect(error.textContent).toContain('小程序码生成失败');
    expect(openSurface).not.toHaveBeenCalled();

    serve();
    await act(async () => {
      fireEvent.click(screen.getByTestId('poster-error-action'));
    });
    expect((await drawn()).getAttribute('data-state')).toBe('ready');
    expect(sent('poster')).toHaveLength(2);
  });

  it('a visitor is offered to join (only members make cards)', async () => {
    serve({ ok: false, error: { code: 'NOT_A_MEMBER', message: '加入会员后才能分享' } });
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' } as never);
    open();
    const error = await screen.findByTestId('poster-error');
    expect(error.textContent).toContain('加入会员后才能分享');
    await act(async () => {
      fireEvent.click(screen.getByTestId('poster-error-action'));
    });
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/member/index' });
  });

  it('says so when drawing fails (e.g. the code image did not load), and draws again on tap', async () => {
    const { loadImage } = recordingSurface();
    loadImage.mockRejectedValueOnce(new Error('image failed to load'));
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    serve();
    open();

    await drawn();
    expect(screen.getByTestId('poster-canvas').getAttribute('data-state')).toBe('error');
    expect(screen.queryByTestId('poster-image')).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByTestId('poster-draw-error'));
    });
    expect(screen.getByTestId('poster-canvas').getAttribute('data-state')).toBe('ready');
    expect(screen.getByTestId('poster-image')).toBeTruthy();
  });
});

describe('邀请海报 (weapp)', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
  });

  it('draws on the page’s canvas and saves it to the album through the permission flow', async () => {
    const { loadImage } = recordingSurface();
    serve();
    exportFile.mockResolvedValue('wxfile://tmp/poster.png');
    saveToAlbum.mockResolvedValue('saved');
    open();

    await drawn();
    expect(openSurface).toHaveBeenCalledWith('#poster-canvas');
    // weapp loads the cloud fileID itself.
    expect(loadImage).toHaveBeenCalledWith('cloud://env/posters/PoStEr123456.png');
    expect(screen.queryByTestId('poster-image')).toBeNull();
    const save = screen.getByTestId('poster-save');
    expect(save.className).not.toContain('nut-button-disabled');

    await act(async () => {
      fireEvent.click(save);
    });
    expect(exportFile).toHaveBeenCalledWith(CANVAS_NODE);
    expect(saveToAlbum).toHaveBeenCalledWith('wxfile://tmp/poster.png');
  });

  it('cannot save before the poster is drawn', async () => {
    openSurface.mockReturnValue(new Promise(() => undefined));
    serve();
    open();
    await screen.findByTestId('poster-canvas');
    expect(screen.getByTestId('poster-canvas').getAttribute('data-state')).toBe('drawing');
    expect(screen.getByTestId('poster-save').className).toContain('nut-button-disabled');
  });
});
