/** The complaint center's settings: `settings/feedback`, versioned (core/platform/settings.repo.ts); the defaults apply until staff save. */
import type { Database } from '../platform/database';
import { ok, type Result } from '../platform/result';
import { settingsView, versionedSettings, type SettingsView } from '../platform/settings.repo';
import { DEFAULT_FEEDBACK_CONFIG, parseFeedbackConfig, type FeedbackConfig } from './feedback.config';

export const feedbackSettings = versionedSettings({
  id: 'feedback',
  defaults: DEFAULT_FEEDBACK_CONFIG,
  parse: parseFeedbackConfig,
  conflictMessage: (version) => `吐槽中心设置已被他人修改（当前版本 ${version}），请刷新后重试`,
});

export const loadFeedbackConfig = feedbackSettings.loadConfig;

export async function feedbackConfigView(db: Database): Promise<SettingsView<FeedbackConfig>> {
  return settingsView(await feedbackSettings.load(db));
}

export async function updateFeedbackSettings(
  db: Database,
  input: unknown,
  by: string,
  expectedVersion?: number,
): Promise<Result<SettingsView<FeedbackConfig>, 'VALIDATION_FAILED' | 'CONFLICT'>> {
  const saved = await feedbackSettings.update(db, input, by, expectedVersion);
  if (!saved.ok) return saved;
  return ok(await feedbackConfigView(db));
}
