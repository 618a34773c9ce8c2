// Values the client may read at build time. Taro only injects TARO_APP_* found in .env files, so a
// variable exported in the shell (e.g. by the e2e runner) would otherwise be silently ignored.
// Every known key is always defined so `process.env.TARO_APP_X` never survives into the bundle.
const KNOWN_PUBLIC_KEYS = ['TARO_APP_GATEWAY_URL', 'TARO_APP_CLOUD_ENV'] as const;

export function publicEnv(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of KNOWN_PUBLIC_KEYS) env[key] = JSON.stringify(source[key] ?? '');
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith('TARO_APP_') && value !== undefined) env[key] = JSON.stringify(value);
  }
  return env;
}
