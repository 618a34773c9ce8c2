import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { CloudError, CloudResult } from '@/services/cloud-result';
import type { FieldErrors } from '@/packages/admin/store';
import { staffErrorText } from './admin-text';

/**
 * The state behind a create/edit form whose server refusals come as one message per field path
 * (奖品, 好友助力): the typed values, the form's own checks, clearing a field's messages when it
 * changes, and saving. 商品 keeps its own: its price messages are about several fields at once.
 */
export function useEditForm<F, P>(options: {
  initial: () => F;
  /** Checks the typed values; the payload to send or a message per path. */
  read: (form: F) => { ok: true; payload: P } | { ok: false; errors: FieldErrors };
  save: (payload: P) => Promise<CloudResult<unknown>>;
  saveError: CloudError | null;
  serverErrors: FieldErrors;
  clearServerError: (path: string) => void;
  /** Whether a field shows the messages about `path`; the others are shown by the buttons. */
  owns: (path: string) => boolean;
  savedToast: string;
  onDone: () => void;
}) {
  const { read, save, saveError, serverErrors, clearServerError, owns, savedToast, onDone } = options;
  const [form, setForm] = useState<F>(options.initial);
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const errors: FieldErrors = { ...serverErrors, ...localErrors };
  // Messages no field owns (about the item as a whole): shown by the buttons.
  const unplaced = Object.entries(serverErrors)
    .filter(([path]) => !owns(path))
    .map(([, message]) => message);

  /** Sets `field`; the messages about `paths` no longer apply. */
  const change =
    <K extends keyof F>(field: K, paths: string[]) =>
    (value: F[K]) => {
      setForm((current) => ({ ...current, [field]: value }));
      for (const path of paths) clearServerError(path);
      setLocalErrors((current) => Object.fromEntries(Object.entries(current).filter(([path]) => !paths.includes(path))));
    };

  const submit = async () => {
    const checked = read(form);
    if (!checked.ok) {
      setLocalErrors(checked.errors);
      return;
    }
    setLocalErrors({});
    const result = await save(checked.payload);
    if (result.ok) {
      void Taro.showToast({ title: savedToast, icon: 'success' });
      onDone();
    }
  };

  const formError =
    saveError || Object.keys(localErrors).length > 0
      ? saveError && Object.keys(serverErrors).length === 0
        ? staffErrorText(saveError)
        : unplaced.length > 0
          ? unplaced.join('；')
          : '请按提示修改标红的项目。'
      : null;

  return { form, errors, change, submit, formError };
}
