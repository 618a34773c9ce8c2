import { useEffect } from 'react';
import { View, Text } from '@tarojs/components';
import { StatePage } from '@/components/page-state/page-state';
import type { LadderStepView, LadderView, MyLadderView } from '@/services/contracts';
import { errorText } from '@/utils/error-text';
import { usePointsStore } from './store';
import { formatMonthDay } from '@/utils/date';
import { graceSentence, ladderRulesSentence } from '@/utils/ladder-text';
import './ladder.scss';

/**
 * 等级说明: the five steps of the ladder (what each takes and brings), how the rolling period and
 * the grace work, and where the person stands: all from member.ladder, in the server's words.
 */
export default function LadderPage() {
  const view = usePointsStore.use.ladderView();
  const status = usePointsStore.use.ladderStatus();
  const error = usePointsStore.use.ladderError();
  const load = usePointsStore((state) => state.loadLadder);

  useEffect(() => {
    void load();
  }, [load]);

  if (status === 'error' && !view) {
    return (
      <StatePage kind="error" testId="ladder-error" title="等级说明加载失败" description={errorText(error)} actionText="重试" onAction={() => void load()} />
    );
  }
  if (!view) {
    return <StatePage kind="loading" testId="ladder-loading" />;
  }
  return (
    <View className="page ladder-page" data-testid="ladder-page">
      <MyStanding view={view} />
      <View className="card ladder-rules" data-testid="ladder-rules">
        <Text className="ladder-section__title">等级怎么算</Text>
        <Text className="ladder-rules__line">{ladderRulesSentence(view.periodDays, view.graceDays)}。</Text>
        <Text className="ladder-rules__line ladder-rules__line--muted">满足条件后立即升级；退款的订单不计入，同一位好友只算一次。</Text>
      </View>
      <View className="card">
        <Text className="ladder-section__title">五个等级</Text>
        <View className="ladder-steps">
          {view.steps.map((step, index) => (
            <LadderStep key={step.tier} step={step} position={index + 1} current={step.tier === view.me.tier} last={index === view.steps.length - 1} />
          ))}
        </View>
      </View>
    </View>
  );
}

function MyStanding({ view }: { view: LadderView }) {
  const me: MyLadderView = view.me;
  const holds = formatMonthDay(me.holdsUntil);
  return (
    <View className="ladder-me" data-testid="ladder-me" data-tier={me.tier}>
      <Text className="ladder-me__label">我的等级</Text>
      <Text className="ladder-me__tier">{me.tierName}</Text>
      {me.isMember ? (
        <Text className="ladder-me__standing">
          近 {view.periodDays} 天有效订单 {me.paidOrders} 笔 · 好友购买 {me.friends} 位
        </Text>
      ) : null}
      <Text className="ladder-me__progress" data-testid="ladder-progress">
        {me.progress.text}
      </Text>
      {me.grace ? (
        <Text className="ladder-me__grace" data-testid="ladder-grace">
          {graceSentence(me.tierName, me.grace)}
        </Text>
      ) : holds ? (
        <Text className="ladder-me__holds" data-testid="ladder-holds">
          {me.tierName}的条件有效至 {holds}，届时若不再满足，将保留当前等级 {view.graceDays} 天
        </Text>
      ) : null}
    </View>
  );
}

function LadderStep({ step, position, current, last }: { step: LadderStepView; position: number; current: boolean; last: boolean }) {
  return (
    <View className={`ladder-step${current ? ' ladder-step--current' : ''}`} data-testid={`ladder-step-${step.tier}`} data-current={current ? 'true' : 'false'}>
      <View className="ladder-step__rail">
        <View className="ladder-step__dot">{position}</View>
        {last ? null : <View className="ladder-step__line" />}
      </View>
      <View className="ladder-step__body">
        <View className="ladder-step__head">
          <Text className="ladder-step__name">{step.name}</Text>
          {current ? <Text className="ladder-step__badge">当前</Text> : null}
        </View>
        <Text className="ladder-step__requirement">{step.requirement}</Text>
        <View className="ladder-step__benefits">
          {step.benefitLines.map((line) => (
            <Text key={line} className="ladder-step__benefit">
              {line}
            </Text>
          ))}
        </View>
      </View>
    </View>
  );
}
