import { View, Text } from '@tarojs/components';
import './qty-stepper.scss';

interface Props {
  value: number;
  min?: number;
  max: number;
  onChange: (value: number) => void;
  disabled?: boolean;
  /** The stepper's test id; its buttons are `<testId>-minus` / `<testId>-plus`, the number `<testId>-value`. */
  testId: string;
}

/**
 * − 2 + : a quantity within min..max. Drawn here rather than NutUI's InputNumber because it sits
 * on the product page, in the main package every customer downloads, and needs no typing.
 */
export function QtyStepper({ value, min = 1, max, onChange, disabled = false, testId }: Props) {
  const canDown = !disabled && value > min;
  const canUp = !disabled && value < max;
  // The handlers stay bound and check instead: on weapp, Taro 4.1 throws when the last handler
  // is removed from a <Text> (no "pure-text" template), which unmounts the whole page.
  return (
    <View className={`qty-stepper${disabled ? ' qty-stepper--disabled' : ''}`} data-testid={testId} data-value={value}>
      <Text
        className={`qty-stepper__button${canDown ? '' : ' qty-stepper__button--off'}`}
        onClick={() => canDown && onChange(value - 1)}
        data-testid={`${testId}-minus`}
      >
        −
      </Text>
      <Text className="qty-stepper__value" data-testid={`${testId}-value`}>
        {value}
      </Text>
      <Text
        className={`qty-stepper__button${canUp ? '' : ' qty-stepper__button--off'}`}
        onClick={() => canUp && onChange(value + 1)}
        data-testid={`${testId}-plus`}
      >
        +
      </Text>
    </View>
  );
}
