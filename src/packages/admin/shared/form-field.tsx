import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { Input } from '@nutui/nutui-react-taro';

// The staff forms' building blocks: a labelled field with its hint and its error underneath, and
// a bordered text input. Errors come from the form's own checks or from the server's details.

interface FormFieldProps {
  label: string;
  hint?: string;
  error?: string;
  /** The error's test id (shown only when there is an error). */
  errorTestId?: string;
  /** The field's path, on its error (for forms whose refusals name fields). */
  errorPath?: string;
  /** The field's own test id; it then also says `data-invalid`. */
  testId?: string;
  children: ReactNode;
}

export function FormField({ label, hint, error, errorTestId, errorPath, testId, children }: FormFieldProps) {
  const marks = testId ? { 'data-testid': testId, 'data-invalid': error ? 'true' : 'false' } : {};
  return (
    <View className={`form-field${error ? ' form-field--invalid' : ''}`} {...marks}>
      <Text className="form-field__label">{label}</Text>
      {children}
      {error ? (
        <Text className="form-field__error" data-testid={errorTestId} data-path={errorPath}>
          {error}
        </Text>
      ) : hint ? (
        <Text className="form-field__hint">{hint}</Text>
      ) : null}
    </View>
  );
}

interface FieldInputProps {
  value: string;
  onChange: (value: string) => void;
  testId: string;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit';
  maxLength?: number;
  disabled?: boolean;
}

export function FieldInput({ value, onChange, testId, placeholder, type = 'text', maxLength, disabled }: FieldInputProps) {
  return (
    <View className="form-field__input">
      <Input
        value={value}
        onChange={onChange}
        type={type}
        placeholder={placeholder}
        maxLength={maxLength}
        disabled={disabled}
        clearable={!disabled && type === 'text'}
        data-testid={testId}
      />
    </View>
  );
}

/** A yes/no choice as a tappable chip (read-only: just the answer). */
export function ToggleChip({
  label,
  checked,
  onChange,
  testId,
  readOnly,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId: string;
  readOnly?: boolean;
}) {
  return (
    <View
      className={`toggle-chip${checked ? ' toggle-chip--on' : ''}${readOnly ? ' toggle-chip--readonly' : ''}`}
      onClick={readOnly ? undefined : () => onChange(!checked)}
      data-testid={testId}
      data-checked={checked}
    >
      <Text className="toggle-chip__mark">{checked ? '✓' : '✕'}</Text>
      <Text>{label}</Text>
    </View>
  );
}
