import { View, Text } from '@tarojs/components';
import { PageState } from '@/components/page-state/page-state';
import type { TierKey } from '@/services/contracts';
import { useAdminToolsStore } from '@/packages/admin/store';
import { staffErrorText } from '../shared/admin-text';
import { FieldInput, FormField } from '../shared/form-field';
import { SettingsEditorFrame, useSettingsEditor, type SettingsEditorSpec } from '../settings/settings-editor-shell';
import {
  FEEDBACK_SETTINGS_PATHS,
  LIMIT_FIELDS,
  autoPublishChoices,
  autoPublishText,
  feedbackSettingsFormOf,
  readFeedbackSettingsForm,
  templatePath,
  type FeedbackConfig,
  type FeedbackConfigView,
  type FeedbackSettingsForm,
  type LimitField,
} from './feedback-settings-form-model';

const IDS = 'feedback-settings';
const MAX_TEMPLATES = 20;

const FEEDBACK_SETTINGS: SettingsEditorSpec<FeedbackConfig, FeedbackSettingsForm> = {
  testIdPrefix: IDS,
  title: '吐槽中心设置',
  savedNote: '保存后立即生效：新提交的反馈按新门槛审核，每日次数按新上限计算。',
  slice: 'adminFeedbackSettings',
  formOf: feedbackSettingsFormOf,
  read: readFeedbackSettingsForm,
  fieldPaths: FEEDBACK_SETTINGS_PATHS,
};

/** 设置: who skips review, daily limits, reject reasons, the default reward. Admins edit; moderators read. */
export function SettingsTab() {
  const view = useAdminToolsStore.use.adminFeedbackSettingsView();
  const status = useAdminToolsStore.use.adminFeedbackSettingsStatus();
  const error = useAdminToolsStore.use.adminFeedbackSettingsError();
  const load = useAdminToolsStore((state) => state.loadAdminFeedbackSettings);

  if (status === 'error') {
    return (
      <PageState
        kind="error"
        testId={`${IDS}-load-error`}
        title="吐槽中心设置加载失败"
        description={staffErrorText(error)}
        actionText="重试"
        onAction={() => void load()}
      />
    );
  }
  if (status !== 'ready' || !view) return <PageState kind="loading" testId={`${IDS}-loading`} />;
  return <FeedbackSettingsEditor view={view} />;
}

function FeedbackSettingsEditor({ view }: { view: FeedbackConfigView }) {
  const editor = useSettingsEditor(FEEDBACK_SETTINGS, view);
  const { form, setForm, errors, readOnly, touched } = editor;

  const setField = (field: LimitField | 'defaultRewardPoints', path: string) => (value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    touched(path);
  };
  const setTier = (tier: TierKey | null) => {
    setForm((current) => ({ ...current, autoPublishFromTier: tier }));
    touched('autoPublishFromTier');
  };
  /** Adding or removing a reason moves the others: the messages naming their places no longer apply. */
  const setTemplates = (next: string[], changed: string[]) => {
    setForm((current) => ({ ...current, rejectTemplates: next }));
    for (const path of changed) touched(path);
  };
  const templatePaths = () => Object.keys(errors).filter((path) => path.startsWith('rejectTemplates'));

  const error = (path: string) => errors[path];
  const errorId = (path: string) => `${IDS}-error-${path}`;

  return (
    <SettingsEditorFrame editor={editor}>
      <View className="card admin-section">
        <Text className="form-group__title">审核</Text>
        <FormField
          label="免审门槛"
          hint="文字检测通过、且作者达到此等级的反馈直接公开；检测需复核的始终人工审核"
          error={error('autoPublishFromTier')}
          errorTestId={errorId('autoPublishFromTier')}
        >
          {readOnly ? (
            <Text className="form-field__value" data-testid={`${IDS}-autoPublishFromTier`}>
              {autoPublishText(form.autoPublishFromTier)}
            </Text>
          ) : (
            <View className="choice-row choice-row--wrap">
              {autoPublishChoices(form.autoPublishFromTier).map((choice) => (
                <Text
                  key={choice.key ?? 'none'}
                  className={`choice${form.autoPublishFromTier === choice.key ? ' choice--chosen' : ''}`}
                  onClick={() => setTier(choice.key)}
                  data-testid={`${IDS}-tier-${choice.key ?? 'none'}`}
                  data-chosen={form.autoPublishFromTier === choice.key}
                >
                  {choice.label}
                </Text>
              ))}
            </View>
          )}
        </FormField>
      </View>

      <View className="card admin-section">
        <Text className="form-group__title">每日上限</Text>
        {LIMIT_FIELDS.map(({ field, path, label, unit }) => (
          <FormField key={field} label={`${label}（${unit}）`} hint="超出后当天不能再提交，次日恢复" error={error(path)} errorTestId={errorId(path)}>
            {readOnly ? (
              <Text className="form-field__value" data-testid={`${IDS}-${field}`}>
                {form[field]}
              </Text>
            ) : (
              <FieldInput value={form[field]} onChange={setField(field, path)} type="number" maxLength={9} testId={`${IDS}-${field}`} />
            )}
          </FormField>
        ))}
      </View>

      <View className="card admin-section" data-testid={`${IDS}-templates`}>
        <Text className="form-group__title">驳回理由模板</Text>
        <Text className="admin-note">审核员驳回时一键选用，作者会看到理由（每条 2～60 个字，最多 {MAX_TEMPLATES} 条）。</Text>
        {error('rejectTemplates') ? (
          <Text className="form-field__error" data-testid={errorId('rejectTemplates')}>
            {error('rejectTemplates')}
          </Text>
        ) : null}
        {form.rejectTemplates.map((template, index) => {
          const path = templatePath(index);
          return readOnly ? (
            <Text key={index} className="feedback-template-row__text" data-testid={`${IDS}-template-${index}`}>
              {index + 1}. {template}
            </Text>
          ) : (
            <View key={index} className="feedback-template-row">
              <View className="feedback-template-row__input">
                <FieldInput
                  value={template}
                  onChange={(value) =>
                    setTemplates(
                      form.rejectTemplates.map((t, i) => (i === index ? value : t)),
                      [path, 'rejectTemplates'],
                    )
                  }
                  maxLength={60}
                  testId={`${IDS}-template-${index}`}
                />
                {error(path) ? (
                  <Text className="form-field__error" data-testid={errorId(path)}>
                    {error(path)}
                  </Text>
                ) : null}
              </View>
              <Text
                className="feedback-template-row__remove"
                onClick={() =>
                  setTemplates(
                    form.rejectTemplates.filter((_, i) => i !== index),
                    templatePaths(),
                  )
                }
                data-testid={`${IDS}-template-remove-${index}`}
              >
                删除
              </Text>
            </View>
          );
        })}
        {!readOnly && form.rejectTemplates.length < MAX_TEMPLATES ? (
          <Text
            className="feedback-template-add"
            onClick={() => setTemplates([...form.rejectTemplates, ''], ['rejectTemplates'])}
            data-testid={`${IDS}-template-add`}
          >
            ＋ 添加理由
          </Text>
        ) : null}
      </View>

      <View className="card admin-section">
        <Text className="form-group__title">奖励</Text>
        <FormField
          label="默认奖励积分"
          hint="奖励被采纳的建议时预填的积分，每次可改"
          error={error('defaultRewardPoints')}
          errorTestId={errorId('defaultRewardPoints')}
        >
          {readOnly ? (
            <Text className="form-field__value" data-testid={`${IDS}-defaultRewardPoints`}>
              {form.defaultRewardPoints}
            </Text>
          ) : (
            <FieldInput
              value={form.defaultRewardPoints}
              onChange={setField('defaultRewardPoints', 'defaultRewardPoints')}
              type="number"
              maxLength={6}
              testId={`${IDS}-defaultRewardPoints`}
            />
          )}
        </FormField>
      </View>
    </SettingsEditorFrame>
  );
}
