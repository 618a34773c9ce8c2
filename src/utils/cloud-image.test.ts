import { imageSrc } from './cloud-image';

const env = { ...process.env };
afterEach(() => {
  process.env = { ...env };
});

describe('imageSrc', () => {
  const fileID = 'cloud://flywheel-local.666c-flywheel-local/rewards/mug 1.png';

  it('on h5, serves a cloud:// fileID through the emulator, at the gateway origin', () => {
    process.env.TARO_ENV = 'h5';
    process.env.TARO_APP_GATEWAY_URL = 'http://127.0.0.1:3900/';
    expect(imageSrc(fileID)).toBe(`http://127.0.0.1:3900/storage/file?fileID=${encodeURIComponent(fileID)}`);
  });

  it('on h5 with the gateway at the same origin, a relative URL', () => {
    process.env.TARO_ENV = 'h5';
    delete process.env.TARO_APP_GATEWAY_URL;
    expect(imageSrc(fileID)).toBe(`/storage/file?fileID=${encodeURIComponent(fileID)}`);
  });

  it('on weapp, keeps the cloud:// fileID: the mini-program renders it natively', () => {
    process.env.TARO_ENV = 'weapp';
    expect(imageSrc(fileID)).toBe(fileID);
  });

  it('leaves https URLs alone and has nothing for a missing image', () => {
    process.env.TARO_ENV = 'h5';
    expect(imageSrc('https://cdn.example.com/a.png')).toBe('https://cdn.example.com/a.png');
    expect(imageSrc(null)).toBe('');
    expect(imageSrc('')).toBe('');
  });
});
