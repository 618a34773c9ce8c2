import Taro from '@tarojs/taro';
import { mockGatewayFetch } from '@/test-support/gateway-fetch';
import { readSession } from './session-token';
import { uploadImage } from './upload';

// Tested at its boundary only: fetch (h5: the picked blob, then the emulator's gateway) and
// Taro.cloud.uploadFile (weapp).

const PHOTO = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], { type: 'image/png' });
const BLOB_URL = 'blob:http://127.0.0.1:3900/6f1c0e4e-8f1e-4a55-9d0e-3b8d2c1a7f00';
const CLOUD_PATH = 'feedback/k3x9/20261203-a1b2c3d4e5f6.png';

function reply(status: number, body?: unknown) {
  return { ok: status >= 200 && status < 300, status, json: async () => body, blob: async () => PHOTO } as unknown as Response;
}

const gateway = mockGatewayFetch();

describe('uploadImage on h5 (emulator gateway)', () => {
  gateway.onH5Gateway();

  /** The picked photo's blob answers first; the gateway's answer second. */
  const gatewayAnswers = (status: number, body?: unknown) => gateway.fetch().mockResolvedValueOnce(reply(200)).mockResolvedValueOnce(reply(status, body));

  it('reads the picked blob and POSTs its bytes to /gateway/upload with the session, the cloud path and the image type', async () => {
    gatewayAnswers(200, { fileID: 'cloud://env.bucket/feedback/k3x9/20261203-a1b2c3d4e5f6.png', errMsg: 'cloud.uploadFile:ok' });

    const outcome = await uploadImage(BLOB_URL, CLOUD_PATH);

    expect(outcome).toEqual({ ok: true, data: { fileId: 'cloud://env.bucket/feedback/k3x9/20261203-a1b2c3d4e5f6.png' } });
    expect(gateway.fetch()).toHaveBeenCalledTimes(2);
    expect(gateway.fetch().mock.calls[0][0]).toBe(BLOB_URL);
    const [url, init] = gateway.fetch().mock.calls[1];
    expect(url).toBe(`http://127.0.0.1:3900/gateway/upload?cloudPath=${encodeURIComponent(CLOUD_PATH)}`);
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'Content-Type': 'image/png', Authorization: 'Bearer tok-1' });
    expect(init.body).toBe(PHOTO);
  });

  it("names the type from the cloud path when the browser does not know the file's", async () => {
    const untyped = new Blob([new Uint8Array([0xff, 0xd8, 0xff])]);
    gateway
      .fetch()
      .mockResolvedValueOnce({ ok: true, status: 200, blob: async () => untyped } as unknown as Response)
      .mockResolvedValueOnce(reply(200, { fileID: 'cloud://x/y.jpg' }));

    await uploadImage(BLOB_URL, 'feedback/k3x9/20261203-a.jpg');

    expect(gateway.fetch().mock.calls[1][1].headers['Content-Type']).toBe('image/jpeg');
  });

  it.each([
    [413, 'VALIDATION_FAILED', '图片太大，请压缩后再上传'],
    [415, 'VALIDATION_FAILED', '只能上传图片'],
    [400, 'INTERNAL', '服务开小差了，请稍后重试'],
    [500, 'INTERNAL', '服务开小差了，请稍后重试'],
  ])('maps a %s refusal to %s', async (status, code, message) => {
    gatewayAnswers(status, { errCode: -1, errMsg: 'cloud.uploadFile:fail x' });

    await expect(uploadImage(BLOB_URL, CLOUD_PATH)).resolves.toEqual({ ok: false, error: { code, message } });
  });

  it('maps an unreachable gateway, or an answer without a fileID, to the transport failures', async () => {
    gateway.fetch().mockResolvedValueOnce(reply(200)).mockRejectedValueOnce(new TypeError('Failed to fetch'));
    expect(await uploadImage(BLOB_URL, CLOUD_PATH)).toEqual({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });

    gatewayAnswers(200, { errMsg: 'cloud.uploadFile:ok' });
    const noId = await uploadImage(BLOB_URL, CLOUD_PATH);
    expect(noId.ok === false && noId.error.code).toBe('INTERNAL');
  });

  it('a blob that cannot be read (revoked) is a validation failure, and nothing is sent', async () => {
    gateway.fetch().mockRejectedValueOnce(new TypeError('Failed to fetch'));

    const outcome = await uploadImage(BLOB_URL, CLOUD_PATH);

    expect(outcome).toEqual({ ok: false, error: { code: 'VALIDATION_FAILED', message: '读取图片失败，请重新选择' } });
    expect(gateway.fetch()).toHaveBeenCalledTimes(1);
  });

  it('on 401 forgets the session and sends the person to the login page', async () => {
    gatewayAnswers(401, { errCode: -401001, errMsg: 'cloud.uploadFile:fail session expired' });

    const outcome = await uploadImage(BLOB_URL, CLOUD_PATH);

    expect(outcome.ok === false && outcome.error.code).toBe('UNAUTHENTICATED');
    expect(readSession()).toBeNull();
    expect(gateway.reLaunch()).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('without a session sends nothing and asks for an identity', async () => {
    Taro.clearStorageSync();

    const outcome = await uploadImage(BLOB_URL, CLOUD_PATH);

    expect(gateway.fetch()).not.toHaveBeenCalled();
    expect(outcome.ok === false && outcome.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('uploadImage on weapp (Taro.cloud.uploadFile)', () => {
  let uploadFile: jest.Mock;
  const taroWithCloud = Taro as unknown as { cloud?: unknown };

  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
    uploadFile = jest.fn();
    // Taro.cloud only exists inside WeChat; this is the boundary the weapp upload talks to.
    taroWithCloud.cloud = { uploadFile };
  });

  afterEach(() => {
    delete taroWithCloud.cloud;
  });

  it('uploads the temp file to the cloud path and answers its fileID', async () => {
    uploadFile.mockResolvedValue({ fileID: 'cloud://env.bucket/feedback/k3x9/a.png', statusCode: 204, errMsg: 'cloud.uploadFile:ok' });

    const outcome = await uploadImage('wxfile://tmp_a1b2.png', CLOUD_PATH);

    expect(uploadFile).toHaveBeenCalledWith({ cloudPath: CLOUD_PATH, filePath: 'wxfile://tmp_a1b2.png' });
    expect(outcome).toEqual({ ok: true, data: { fileId: 'cloud://env.bucket/feedback/k3x9/a.png' } });
    expect(gateway.fetch()).not.toHaveBeenCalled();
  });

  it('maps a failed upload to NETWORK_ERROR (try again) and an answer without a fileID to INTERNAL', async () => {
    uploadFile
      .mockRejectedValueOnce({ errCode: -1, errMsg: 'cloud.uploadFile:fail request:fail timeout' })
      .mockResolvedValueOnce({ errMsg: 'cloud.uploadFile:ok' });

    expect(await uploadImage('wxfile://tmp_a.png', CLOUD_PATH)).toEqual({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    const noId = await uploadImage('wxfile://tmp_a.png', CLOUD_PATH);
    expect(noId.ok === false && noId.error.code).toBe('INTERNAL');
  });
});
