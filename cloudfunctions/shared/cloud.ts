import cloud from 'wx-server-sdk';

// DYNAMIC_CURRENT_ENV (a symbol) makes every function use the environment it is deployed in;
// the SDK's typings declare `env` as a string only.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export { cloud };
