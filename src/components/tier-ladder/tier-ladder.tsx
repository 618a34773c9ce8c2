import { View } from '@tarojs/components';
import { Step, Steps } from '@nutui/nutui-react-taro';
import type { TierKey } from '@/services/contracts';
import { TIER_STEPS, ladderPosition } from '@/utils/tier-steps';
import './tier-ladder.scss';

/** 基础用户 → 未购会员 → 已购会员 → 复购会员 → 品牌KOC, with the current rung highlighted. */
export function TierLadder({ tier }: { tier: TierKey }) {
  const position = ladderPosition(tier);
  return (
    <View className="tier-ladder" data-testid="tier-ladder" data-tier={tier} data-position={position}>
      <Steps value={position} status="dynamic" type="dot" layout="double">
        {TIER_STEPS.map((step, index) => (
          <Step key={step.tier} value={index + 1} title={step.name} />
        ))}
      </Steps>
    </View>
  );
}
