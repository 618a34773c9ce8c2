import { savePosterToAlbum } from './save-poster';

// weapp's album permission flow through mocked Taro APIs (jsdom has no WeChat). The module calls
// Taro.x, which the build turns into named imports of @tarojs/taro: both forms are mocked.
jest.mock('@tarojs/taro', () => {
  const api = {
    getSetting: jest.fn(),
    openSetting: jest.fn(),
    showModal: jest.fn(),
    showToast: jest.fn(),
    saveImageToPhotosAlbum: jest.fn(),
    canvasToTempFilePath: jest.fn(),
  };
  return { __esModule: true, default: api, ...api };
});
const mockTaro = (
  jest.requireMock('@tarojs/taro') as {
    default: Record<'getSetting' | 'openSetting' | 'showModal' | 'showToast' | 'saveImageToPhotosAlbum' | 'canvasToTempFilePath', jest.Mock>;
  }
).default;

const FILE = 'wxfile://tmp/poster.png';
const toasts = () => mockTaro.showToast.mock.calls.map(([options]) => (options as { title: string }).title);

const albumSetting = (value: boolean | undefined) => ({ authSetting: value === undefined ? {} : { 'scope.writePhotosAlbum': value } });

beforeEach(() => {
  for (const fn of Object.values(mockTaro)) fn.mockReset();
  mockTaro.showToast.mockResolvedValue({});
});

describe('savePosterToAlbum', () => {
  it('never asked before: saves, and WeChat’s own prompt asks', async () => {
    mockTaro.getSetting.mockResolvedValue(albumSetting(undefined));
    mockTaro.saveImageToPhotosAlbum.mockResolvedValue({ errMsg: 'saveImageToPhotosAlbum:ok' });

    await expect(savePosterToAlbum(FILE)).resolves.toBe('saved');
    expect(mockTaro.saveImageToPhotosAlbum).toHaveBeenCalledWith({ filePath: FILE });
    expect(mockTaro.showModal).not.toHaveBeenCalled();
    expect(mockTaro.openSetting).not.toHaveBeenCalled();
    expect(toasts()).toEqual(['已保存到相册']);
  });

  it('allowed before: saves without asking', async () => {
    mockTaro.getSetting.mockResolvedValue(albumSetting(true));
    mockTaro.saveImageToPhotosAlbum.mockResolvedValue({ errMsg: 'saveImageToPhotosAlbum:ok' });
    await expect(savePosterToAlbum(FILE)).resolves.toBe('saved');
    expect(mockTaro.showModal).not.toHaveBeenCalled();
  });

  it('refused before: explains, opens the settings, and saves once allowed there', async () => {
    mockTaro.getSetting.mockResolvedValue(albumSetting(false));
    mockTaro.showModal.mockResolvedValue({ confirm: true, cancel: false });
    mockTaro.openSetting.mockResolvedValue(albumSetting(true));
    mockTaro.saveImageToPhotosAlbum.mockResolvedValue({ errMsg: 'saveImageToPhotosAlbum:ok' });

    await expect(savePosterToAlbum(FILE)).resolves.toBe('saved');
    expect((mockTaro.showModal.mock.calls[0][0] as { confirmText: string; content: string }).confirmText).toBe('去设置');
    expect((mockTaro.showModal.mock.calls[0][0] as { content: string }).content).toContain('保存到相册');
    expect(mockTaro.openSetting).toHaveBeenCalledTimes(1);
    expect(toasts()).toEqual(['已保存到相册']);
  });

  it('refused before, and the person keeps it off in the settings: nothing saved, and says why', async () => {
    mockTaro.getSetting.mockResolvedValue(albumSetting(false));
    mockTaro.showModal.mockResolvedValue({ confirm: true, cancel: false });
    mockTaro.openSetting.mockResolvedValue(albumSetting(false));

    await expect(savePosterToAlbum(FILE)).resolves.toBe('denied');
    expect(mockTaro.saveImageToPhotosAlbum).not.toHaveBeenCalled();
    expect(toasts()).toEqual(['未获得相册权限，海报未保存']);
  });

  it('refused before, and the person declines to open the settings', async () => {
    mockTaro.getSetting.mockResolvedValue(albumSetting(false));
    mockTaro.showModal.mockResolvedValue({ confirm: false, cancel: true });

    await expect(savePosterToAlbum(FILE)).resolves.toBe('denied');
    expect(mockTaro.openSetting).not.toHaveBeenCalled();
    expect(mockTaro.saveImageToPhotosAlbum).not.toHaveBeenCalled();
    expect(toasts()).toEqual(['未获得相册权限，海报未保存']);
  });

  it.each([
    ['refuses WeChat’s prompt', 'saveImageToPhotosAlbum:fail auth deny', 'denied', '未获得相册权限，海报未保存'],
    ['has not agreed to the privacy guide', 'saveImageToPhotosAlbum:fail privacy permission is not authorized', 'denied', '未获得相册权限，海报未保存'],
    ['cancels', 'saveImageToPhotosAlbum:fail cancel', 'cancelled', '已取消保存'],
    ['hits another failure', 'saveImageToPhotosAlbum:fail file not found', 'failed', '保存失败，请稍后重试'],
  ])('when the person %s, says so', async (_case, errMsg, outcome, toast) => {
    mockTaro.getSetting.mockResolvedValue(albumSetting(undefined));
    mockTaro.saveImageToPhotosAlbum.mockRejectedValue({ errMsg });
    await expect(savePosterToAlbum(FILE)).resolves.toBe(outcome);
    expect(toasts()).toEqual([toast]);
  });

  it('a failing getSetting does not stop the save (WeChat asks by itself)', async () => {
    mockTaro.getSetting.mockRejectedValue({ errMsg: 'getSetting:fail' });
    mockTaro.saveImageToPhotosAlbum.mockResolvedValue({ errMsg: 'saveImageToPhotosAlbum:ok' });
    await expect(savePosterToAlbum(FILE)).resolves.toBe('saved');
  });
});
