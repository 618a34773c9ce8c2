/**
 * The notification templates as staff saved them: `settings/notify`, versioned like the ladder's and
 * the referral programme's (core/platform/settings.repo.ts). Until someone saves, the demo defaults
 * apply (notify.config.ts).
 */
import { versionedSettings, type VersionedSettings } from '../platform/settings.repo';
import { DEFAULT_NOTIFY_CONFIG, parseNotifyConfig, type NotifyConfig } from './notify.config';

export const NOTIFY_SETTINGS_ID = 'notify';

export const notifySettings = versionedSettings({
  id: NOTIFY_SETTINGS_ID,
  defaults: DEFAULT_NOTIFY_CONFIG,
  parse: parseNotifyConfig,
  conflictMessage: (version) => `通知模板配置已被他人修改（当前版本 ${version}），请刷新后重试`,
});

export type NotifySettings = VersionedSettings<NotifyConfig>;
/** The templates every send and the client's opt-in request use (defaults until staff save their own). */
export const loadNotifyConfig = notifySettings.loadConfig;
