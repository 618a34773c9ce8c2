import Taro from '@tarojs/taro';

// weapp: saving the drawn poster to the phone's album, with WeChat's permission flow. The first
// save lets WeChat ask for scope.writePhotosAlbum itself; once refused, WeChat never asks again,
// so the person is told why and sent to the settings page (openSetting) to allow it. Each outcome
// ends in a toast that says what happened.

export type SaveOutcome = 'saved' | 'cancelled' | 'denied' | 'failed';

const ALBUM_SCOPE = 'scope.writePhotosAlbum';

const errMsgOf = (error: unknown) => String((error as { errMsg?: unknown } | null)?.errMsg ?? (error as Error | null)?.message ?? '');

const toast = (title: string, success = false) =>
  void Promise.resolve(Taro.showToast({ title, icon: success ? 'success' : 'none', duration: 2500 })).catch(() => undefined);

/** The canvas as a temporary PNG file (Taro.canvasToTempFilePath with a 2d canvas node). */
export async function posterFile(canvas: unknown): Promise<string> {
  const { tempFilePath } = await Taro.canvasToTempFilePath({ canvas: canvas as Taro.canvasToTempFilePath.Option['canvas'], fileType: 'png' });
  return tempFilePath;
}

/** Whether the album may be written: asks to open the settings when it was refused before. */
async function albumAllowed(): Promise<boolean> {
  const settings = await Promise.resolve(Taro.getSetting()).catch(() => null);
  // undefined: never asked (saving will make WeChat ask); true: allowed; false: refused before.
  if (settings?.authSetting?.[ALBUM_SCOPE] !== false) return true;
  const answer = await Promise.resolve(
    Taro.showModal({
      title: '需要相册权限',
      content: '你之前拒绝了保存到相册，请在设置中允许「保存到相册」后再保存海报。',
      confirmText: '去设置',
      cancelText: '暂不',
    }),
  ).catch(() => null);
  if (!answer?.confirm) return false;
  const after = await Promise.resolve(Taro.openSetting()).catch(() => null);
  return after?.authSetting?.[ALBUM_SCOPE] === true;
}

export async function savePosterToAlbum(filePath: string): Promise<SaveOutcome> {
  if (!(await albumAllowed())) {
    toast('未获得相册权限，海报未保存');
    return 'denied';
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath });
    toast('已保存到相册', true);
    return 'saved';
  } catch (error) {
    const message = errMsgOf(error);
    if (/cancel/i.test(message)) {
      toast('已取消保存');
      return 'cancelled';
    }
    // Refused at WeChat's own prompt (auth deny), or the privacy guide not agreed to.
    if (/auth|deny|denied|privacy|permission/i.test(message)) {
      toast('未获得相册权限，海报未保存');
      return 'denied';
    }
    toast('保存失败，请稍后重试');
    return 'failed';
  }
}
