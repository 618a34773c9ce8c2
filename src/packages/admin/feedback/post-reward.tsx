import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useAdminToolsStore } from '@/packages/admin/store';
import { FieldInput, FormField } from '../shared/form-field';
import type { FeedbackPostDetail } from './feedback-post.slice';
import { Outcome, useReport } from './post-outcome';

/** The server's limits (core/feedback/feedback.inputs.ts rewardInput; the caller's cap from the post's detail), said before sending. */
const NOTE_MAX = 40;

export function rewardProblem(points: string, note: string, max: number): { points?: string; note?: string } {
  const problems: { points?: string; note?: string } = {};
  const value = /^\d{1,6}$/.test(points.trim()) ? Number(points.trim()) : null;
  if (value === null || value < 1) problems.points = '请填写奖励积分（正整数）';
  else if (value > max) problems.points = `单次奖励最多 ${max.toLocaleString('en-US')} 积分`;
  if (Array.from(note.trim()).length > NOTE_MAX) problems.note = `奖励说明最多 ${NOTE_MAX} 个字`;
  return problems;
}

/**
 * 奖励积分: an adopted idea earns its author points through the ledger, once per post. Moderators
 * may give up to the brand's default reward, admins more (the server's `rewardCap` for the caller).
 * Shown while the server says the post can be rewarded; the post's facts then say 已奖励 N 积分.
 */
export function PostReward({ detail }: { detail: FeedbackPostDetail }) {
  if (!detail.canReward || detail.rewardCap < 1) return null;
  return <RewardForm detail={detail} />;
}

function RewardForm({ detail }: { detail: FeedbackPostDetail }) {
  const acting = useAdminToolsStore.use.feedbackPostActing();
  const reward = useAdminToolsStore((state) => state.rewardFeedbackPost);
  const report = useReport();
  const [points, setPoints] = useState(String(detail.defaultRewardPoints));
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<{ points?: string; note?: string }>({});

  const send = async () => {
    const found = rewardProblem(points, note, detail.rewardCap);
    setProblems(found);
    if (found.points || found.note) return;
    const result = await reward(detail.post.id, Number(points.trim()), note.trim());
    if (result.ok) report('reward', `已奖励 ${result.data.points} 积分`, '已奖励');
  };

  return (
    <View className="card admin-section" data-testid="admin-feedback-reward">
      <View className="admin-section__head">
        <Text className="admin-section__title">奖励积分</Text>
        <Text className="admin-section__hint">建议被采纳时奖励作者，每条反馈只奖励一次，积分记入作者的积分明细</Text>
      </View>
      <FormField
        label="奖励积分"
        hint={detail.rewardCap < 100_000 ? `单次最多 ${detail.rewardCap} 积分，更多请由管理员发放` : undefined}
        error={problems.points}
        errorTestId="admin-feedback-reward-points-error"
      >
        <FieldInput
          value={points}
          onChange={(value) => {
            setPoints(value);
            setProblems({});
          }}
          type="number"
          maxLength={6}
          testId="admin-feedback-reward-points"
        />
      </FormField>
      <FormField label="奖励说明（选填）" hint="作者在积分明细中看到：建议被采纳：<说明>" error={problems.note} errorTestId="admin-feedback-reward-note-error">
        <FieldInput
          value={note}
          onChange={(value) => {
            setNote(value);
            setProblems({});
          }}
          placeholder="例如 新增燕麦奶选项"
          maxLength={NOTE_MAX}
          testId="admin-feedback-reward-note"
        />
      </FormField>
      <Button
        type="primary"
        block
        loading={acting === 'reward'}
        disabled={acting !== null}
        onClick={() => void send()}
        data-testid="admin-feedback-reward-confirm"
      >
        确认奖励
      </Button>
      <Outcome actions={['reward']} testId="admin-feedback-reward-outcome" />
    </View>
  );
}
