import { View, Text } from '@tarojs/components';
import './filter-tabs.scss';

interface Props<K extends string> {
  tabs: ReadonlyArray<{ key: K; label: string }>;
  value: K;
  onChange: (key: K) => void;
  /** Each tab is `<testIdPrefix>-<key>` with `data-active`. */
  testIdPrefix: string;
}

/**
 * A row of filter tabs over a list (我的订单, 订单管理, 退款审核). Plain views rather than NutUI's
 * Tabs: the list below is the only pane, and nothing needs measuring.
 */
export function FilterTabs<K extends string>({ tabs, value, onChange, testIdPrefix }: Props<K>) {
  return (
    <View className="filter-tabs">
      {tabs.map((tab) => (
        <View
          key={tab.key}
          className={`filter-tabs__tab${tab.key === value ? ' filter-tabs__tab--active' : ''}`}
          onClick={() => tab.key !== value && onChange(tab.key)}
          data-testid={`${testIdPrefix}-${tab.key}`}
          data-active={tab.key === value ? 'true' : 'false'}
        >
          <Text>{tab.label}</Text>
        </View>
      ))}
    </View>
  );
}
