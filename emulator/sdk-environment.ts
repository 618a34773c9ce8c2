/**
 * The environment that points an unchanged `wx-server-sdk` at the emulator (see
 * docs/wechat-cloud-protocol.md, "Layers and addressing"): the SDK posts every call to TCB_CONTEXT_CNFG.URL; TENCENTCLOUD=true skips the
 * metadata probe; SCF_NAMESPACE is the env id; the SDK refuses to start without some secrets.
 */
export function sdkEnvironment(baseUrl: string, envId: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${baseUrl}/admin` }),
    TENCENTCLOUD: 'true',
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
    TENCENTCLOUD_SECRETID: 'emulator-secret-id',
    TENCENTCLOUD_SECRETKEY: 'emulator-secret-key',
  };
}

/** The variable the project's clock helper reads: emulator time minus real time, in ms. */
export const CLOCK_OFFSET_ENV = 'WX_EMULATOR_CLOCK_OFFSET_MS';
