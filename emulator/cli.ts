#!/usr/bin/env node
/**
 * npm run emulator -- [--port N] [--data DIR | --memory] [--indexes FILE] [--functions DIR] [--static DIR]
 *   [--message-push FN] [--media-check-delay-ms N] [--media-check-mode auto|manual]
 * Environment: WX_EMULATOR_PORT, WX_EMULATOR_DATA.
 */
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmulator } from './index';

const HELP = `Flywheel WeChat Cloud emulator — the real wx-server-sdk talks to it unchanged.

  --port N         port on 127.0.0.1 (default 3900, env WX_EMULATOR_PORT; 0 = any free port)
  --data DIR       data folder (default .data/emulator, env WX_EMULATOR_DATA)
  --memory         keep everything in memory
  --indexes FILE   index declarations (default cloudfunctions/indexes.json when present)
  --functions DIR  built functions to serve (default build/cloudfunctions when present)
  --static DIR     a built H5 app to serve at /
  --env-id ID      environment id the functions see (default flywheel-local)
  --h5-url URL     where the H5 app is served (encoded in mini-program codes)
  --allow-host H   also answer requests addressed to host name H (repeatable; loopback is always allowed)
  --message-push FN
                   the function that receives WeChat's message pushes (消息推送), e.g. the verdicts of
                   security.mediaCheckAsync; without it verdicts are kept, not delivered
  --media-check-delay-ms N
                   real-time delay before a media-check verdict is pushed (default 1500)
  --media-check-mode M
                   auto (default: push after the delay) or manual (hold until
                   POST /control/openapi/media-check/deliver)
  --help`;

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      memory: { type: 'boolean' },
      indexes: { type: 'string' },
      functions: { type: 'string' },
      static: { type: 'string' },
      'env-id': { type: 'string' },
      'h5-url': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'message-push': { type: 'string' },
      'media-check-delay-ms': { type: 'string' },
      'media-check-mode': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = Number(values.port ?? process.env.WX_EMULATOR_PORT ?? 3900);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  const indexes = values.indexes ?? (existsSync('cloudfunctions/indexes.json') ? 'cloudfunctions/indexes.json' : undefined);
  const functionsDir = values.functions ?? (existsSync('build/cloudfunctions') ? 'build/cloudfunctions' : undefined);
  const mediaCheckDelayMs = values['media-check-delay-ms'] === undefined ? undefined : Number(values['media-check-delay-ms']);
  if (mediaCheckDelayMs !== undefined && !(Number.isFinite(mediaCheckDelayMs) && mediaCheckDelayMs >= 0)) {
    throw new Error(`--media-check-delay-ms must be 0 or more, got ${values['media-check-delay-ms']}`);
  }
  const mediaCheckMode = values['media-check-mode'];
  if (mediaCheckMode !== undefined && mediaCheckMode !== 'auto' && mediaCheckMode !== 'manual') {
    throw new Error(`--media-check-mode must be auto or manual, got ${mediaCheckMode}`);
  }
  const dataDir = values.memory ? null : resolve(values.data ?? process.env.WX_EMULATOR_DATA ?? '.data/emulator');

  const emu = await startEmulator({
    port,
    dataDir,
    indexes: indexes ? resolve(indexes) : undefined,
    functionsDir: functionsDir ? resolve(functionsDir) : null,
    staticDir: values.static ? resolve(values.static) : null,
    envId: values['env-id'],
    h5BaseUrl: values['h5-url'],
    allowedHosts: values['allow-host'] ?? [],
    messagePush: values['message-push'] ? { function: values['message-push'] } : null,
    mediaCheckDelayMs,
    mediaCheckMode,
    log: (m) => console.log(`[emulator] ${m}`),
  });

  console.log(`WeChat Cloud emulator: data ${dataDir ?? 'in memory'}; indexes ${indexes ?? 'none'}; functions ${functionsDir ?? 'none'}`);
  console.log(
    `Message pushes (media-check verdicts): ${values['message-push'] ? `to function ${values['message-push']}` : 'none configured (--message-push FN)'}`,
  );
  console.log('Point an unchanged wx-server-sdk process at it with:');
  for (const [k, v] of Object.entries(emu.env)) console.log(`  export ${k}='${v}'`);
  console.log(`listening on ${emu.url}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await emu.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(`emulator failed to start: ${(e as Error).message}`);
  process.exit(1);
});
