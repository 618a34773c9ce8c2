/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.scss';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time: which platform this bundle is for. */
    TARO_ENV?: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'quickapp';
    /** h5 only: origin of the emulator's HTTP gateway; '' means same origin. */
    TARO_APP_GATEWAY_URL?: string;
    /** weapp only: WeChat Cloud environment id; '' means the project's default environment. */
    TARO_APP_CLOUD_ENV?: string;
  }
}
