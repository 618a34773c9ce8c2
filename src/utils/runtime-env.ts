// Build-time settings. Taro's bundler replaces `process.env.X` with literals, so code written as
// `if (process.env.TARO_ENV === 'h5')` loses the other platform's branch (and the modules only
// that branch uses) at build time. Keep that test inline where it guards platform-only code:
// wrapped in a helper function, the bundler can no longer drop the branch. jest reads the same
// variables at run time, so tests can switch platform by setting process.env.TARO_ENV.

/** Origin of the emulator's HTTP gateway (h5); '' = same origin as the page. */
export const gatewayBaseUrl = (): string => (process.env.TARO_APP_GATEWAY_URL ?? '').replace(/\/+$/, '');

/** WeChat Cloud environment id (weapp); '' = the project's default environment. */
export const cloudEnvId = (): string => process.env.TARO_APP_CLOUD_ENV ?? '';
