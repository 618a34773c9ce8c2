// Build-time settings. Taro replaces `process.env.X` with literals at build time, so the
// branch for the other platform is removed from each bundle; jest reads them at run time.

export const isH5 = (): boolean => process.env.TARO_ENV === 'h5';
export const isWeapp = (): boolean => process.env.TARO_ENV === 'weapp';

/** Origin of the emulator's HTTP gateway (h5); '' = same origin as the page. */
export const gatewayBaseUrl = (): string => (process.env.TARO_APP_GATEWAY_URL ?? '').replace(/\/+$/, '');

/** WeChat Cloud environment id (weapp); '' = the project's default environment. */
export const cloudEnvId = (): string => process.env.TARO_APP_CLOUD_ENV ?? '';
