import { useEffect, useMemo, useState, type ComponentType, type ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import type { CloudError, CloudResult } from '@/services/cloud-result';

import { type FieldErrors, selectIsAdmin, useAdminToolsStore } from '@/packages/admin/store';
import { formatDateTime, nameBookOf, personName, staffErrorText } from '../shared/admin-text';
import { StaffGate } from '../shared/staff-gate';

// 等级规则 and 推荐规则 are the same kind of page: one versioned settings document the server
// validates per field and refuses to overwrite when someone saved in between. Everything except
// the fields themselves lives here so the two pages cannot drift apart.

/** What the shell needs from a stored settings document. */
export interface SettingsView<C> {
  config: C;
  version: number;
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The settings slices (settings.slice.ts), by name. */
export type SettingsName = 'adminLadder' | 'adminReferralSettings' | 'adminFeedbackSettings';

/** The slice `name`'s fields and actions, each read through its generated hook. */
function settingsHooks<V, C>(name: SettingsName) {
  const use = useAdminToolsStore.use as unknown as Record<string, () => unknown>;
  const Name = `${name[0].toUpperCase()}${name.slice(1)}`;
  return {
    view: use[`${name}View`] as () => V | null,
    status: use[`${name}Status`] as () => string,
    error: use[`${name}Error`] as () => CloudError | null,
    saving: use[`${name}Saving`] as () => boolean,
    saveError: use[`${name}SaveError`] as () => CloudError | null,
    fieldErrors: use[`${name}FieldErrors`] as () => FieldErrors,
    conflict: use[`${name}Conflict`] as () => boolean,
    load: use[`load${Name}`] as () => () => Promise<void>,
    save: use[`save${Name}`] as () => (config: C) => Promise<CloudResult<V>>,
    clearFieldError: use[`clear${Name}FieldError`] as () => (path: string) => void,
  };
}

/** One settings page: where its state lives in the store, how its form reads, and its words. */
export interface SettingsEditorSpec<C, F> {
  /** Prefix of every shared test id (`<prefix>-page`, `-form`, `-save`, `-conflict`, ...). */
  testIdPrefix: string;
  /** 等级规则 / 推荐规则: the heading, and the load-failure and saved messages. */
  title: string;
  /** What happens after saving, shown to admins under the heading. */
  savedNote: string;
  /** Where its state lives in the store. */
  slice: SettingsName;
  formOf: (config: C) => F;
  read: (form: F) => { ok: true; config: C } | { ok: false; errors: FieldErrors };
  /** Paths that have a field on the form; the server's other messages go to the summary. */
  fieldPaths: ReadonlySet<string>;
}

/** The staff gate, then the document's loading and load-failure states, then `editor`. */
export function SettingsEditorPage<V extends SettingsView<C>, C, F>(props: { spec: SettingsEditorSpec<C, F>; editor: ComponentType<{ view: V }> }) {
  return <StaffGate>{() => <SettingsArea {...props} />}</StaffGate>;
}

function SettingsArea<V extends SettingsView<C>, C, F>({ spec, editor: Editor }: { spec: SettingsEditorSpec<C, F>; editor: ComponentType<{ view: V }> }) {
  const slice = settingsHooks<V, C>(spec.slice);
  const view = slice.view();
  const status = slice.status();
  const error = slice.error();
  const load = slice.load();
  const ids = spec.testIdPrefix;

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <View className="page admin-page" data-testid={`${ids}-page`}>
      {status === 'error' ? (
        <PageState
          kind="error"
          testId={`${ids}-load-error`}
          title={`${spec.title}加载失败`}
          description={staffErrorText(error)}
          actionText="重试"
          onAction={load}
        />
      ) : status === 'ready' && view ? (
        <Editor view={view} />
      ) : (
        <PageState kind="loading" testId={`${ids}-loading`} />
      )}
    </View>
  );
}

export type SettingsEditor<V extends SettingsView<C>, C, F> = ReturnType<typeof useSettingsEditor<V, C, F>>;

/** The form over a loaded document: its values, local and server errors, reset and save. */
export function useSettingsEditor<V extends SettingsView<C>, C, F>(spec: SettingsEditorSpec<C, F>, view: V) {
  const slice = settingsHooks<V, C>(spec.slice);
  // Moderators read the rules; only admins change them (the server checks again).
  const canEdit = useAdminToolsStore(selectIsAdmin);
  const saving = slice.saving();
  const saveError = slice.saveError();
  const serverErrors = slice.fieldErrors();
  const conflict = slice.conflict();
  const save = slice.save();
  const reload = slice.load();
  const clearServerError = slice.clearFieldError();
  const { formOf } = spec;
  const [form, setForm] = useState<F>(() => formOf(view.config));
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});

  // A saved or reloaded configuration replaces what is on the form.
  useEffect(() => {
    setForm(formOf(view.config));
    setLocalErrors({});
  }, [view, formOf]);

  return {
    spec,
    view,
    form,
    setForm,
    readOnly: !canEdit,
    saving,
    saveError,
    serverErrors,
    localErrors,
    conflict,
    reload,
    errors: { ...serverErrors, ...localErrors } as FieldErrors,
    dirty: JSON.stringify(form) !== JSON.stringify(formOf(view.config)),
    /** Staff changed the field at `path`: neither its server nor its local message applies now. */
    touched: (path: string) => {
      clearServerError(path);
      setLocalErrors(({ [path]: _gone, ...rest }) => rest);
    },
    reset: () => {
      setForm(formOf(view.config));
      setLocalErrors({});
    },
    submit: async () => {
      const read = spec.read(form);
      if (!read.ok) {
        setLocalErrors(read.errors);
        return;
      }
      const result = await save(read.config);
      if (result.ok) void Taro.showToast({ title: `${spec.title}已保存`, icon: 'success' });
    },
  };
}

/** Heading with the stored version, the form around `children`, the save summary and the buttons. */
export function SettingsEditorFrame<V extends SettingsView<C>, C, F>({ editor, children }: { editor: SettingsEditor<V, C, F>; children: ReactNode }) {
  const { spec, view, readOnly, saving, saveError, serverErrors, localErrors, conflict, reload, dirty, reset, submit } = editor;
  const ids = spec.testIdPrefix;
  const staffNames = useAdminToolsStore.use.staffNames();
  const names = useMemo(() => nameBookOf(staffNames), [staffNames]);
  const unplaced = Object.entries(serverErrors)
    .filter(([path]) => !spec.fieldPaths.has(path))
    .map(([, message]) => message);
  const placed = Object.keys(serverErrors).length - unplaced.length;

  return (
    <>
      <View className="card admin-section">
        <View className="admin-section__head">
          <Text className="admin-section__title">{spec.title}</Text>
          <Text className="admin-section__hint" data-testid={`${ids}-version`}>
            {view.isDefault
              ? '当前使用默认规则，尚未保存过'
              : `版本 ${view.version} · ${formatDateTime(view.updatedAt ?? '')} 由${personName(view.updatedBy, names)}保存`}
          </Text>
        </View>
        {readOnly ? (
          <Text className="admin-note" data-testid={`${ids}-readonly`}>
            你是审核员：可以查看规则，修改需由管理员操作。
          </Text>
        ) : (
          <Text className="admin-note">{spec.savedNote}</Text>
        )}
      </View>

      <View className="ladder-form" data-testid={`${ids}-form`} data-readonly={readOnly}>
        {children}

        {conflict ? (
          <View className="card admin-section ladder-conflict" data-testid={`${ids}-conflict`}>
            <Text className="admin-section__error">{staffErrorText(saveError)}。规则已被其他管理员修改，你的修改尚未保存。请重新加载最新规则后再修改。</Text>
            <Button type="primary" block onClick={() => void reload()} data-testid={`${ids}-reload`}>
              重新加载
            </Button>
          </View>
        ) : saveError ? (
          <Text className="admin-section__error" data-testid={`${ids}-error`}>
            {placed > 0 ? `有 ${placed} 项需要修改，见上方标红的项目。` : ''}
            {unplaced.length > 0 ? unplaced.join('；') : placed > 0 ? '' : staffErrorText(saveError)}
          </Text>
        ) : Object.keys(localErrors).length > 0 ? (
          <Text className="admin-section__error" data-testid={`${ids}-error`}>
            请按提示修改标红的项目。
          </Text>
        ) : null}

        {readOnly ? null : (
          <View className="ladder-form__actions">
            <Button fill="outline" disabled={!dirty || saving} onClick={reset} data-testid={`${ids}-reset`}>
              还原
            </Button>
            <Button type="primary" loading={saving} disabled={saving || conflict} onClick={() => void submit()} data-testid={`${ids}-save`}>
              保存规则
            </Button>
          </View>
        )}
      </View>
    </>
  );
}
