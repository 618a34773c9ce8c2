import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useAdminToolsStore } from '@/packages/admin/store';
import { formatDateTime } from '../shared/admin-text';
import { FieldInput } from '../shared/form-field';
import type { FeedbackPostDetail } from './feedback-post.slice';
import { Outcome, useReport } from './post-outcome';

/** The server's limits on a reply (core/feedback/feedback.inputs.ts), said before sending. */
const REPLY_MIN = 2;
const REPLY_MAX = 500;

/** 官方回复: the brand's public answers, and the box to write one (once the post is public). */
export function PostReplies({ detail }: { detail: FeedbackPostDetail }) {
  const { post, replies } = detail;
  const acting = useAdminToolsStore.use.feedbackPostActing();
  const reply = useAdminToolsStore((state) => state.replyFeedbackPost);
  const report = useReport();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState('');
  const open = post.review === 'published';

  const send = async () => {
    const length = Array.from(text.trim()).length;
    const found = length < REPLY_MIN ? `回复至少 ${REPLY_MIN} 个字` : length > REPLY_MAX ? `回复最多 ${REPLY_MAX} 个字` : '';
    setProblem(found);
    if (found) return;
    const result = await reply(post.id, text.trim());
    if (result.ok) {
      setText('');
      report('reply', '回复已公开，作者会收到通知', '已回复');
    }
  };

  return (
    <View className="card admin-section" data-testid="admin-feedback-replies">
      <View className="admin-section__head">
        <Text className="admin-section__title">官方回复</Text>
        <Text className="admin-section__hint">以品牌身份公开回复，所有会员可见</Text>
      </View>
      {replies.length === 0 ? <Text className="admin-note">还没有回复</Text> : null}
      {replies.map((item) => (
        <View key={item.id} className="feedback-reply" data-testid="admin-feedback-reply">
          <Text className="feedback-reply__badge">官方回复</Text>
          <Text className="feedback-reply__text">{item.text}</Text>
          <Text className="reward-admin__meta">{formatDateTime(item.at)}</Text>
        </View>
      ))}
      {open ? (
        <View className="feedback-reply-box">
          <FieldInput
            value={text}
            onChange={(value) => {
              setText(value);
              setProblem('');
            }}
            placeholder="写下回复（纯文字，最多 500 字）"
            maxLength={REPLY_MAX}
            testId="admin-feedback-reply-input"
          />
          {problem ? (
            <Text className="form-field__error" data-testid="admin-feedback-reply-problem">
              {problem}
            </Text>
          ) : null}
          <Button
            type="primary"
            block
            loading={acting === 'reply'}
            disabled={acting !== null}
            onClick={() => void send()}
            data-testid="admin-feedback-reply-send"
          >
            发布回复
          </Button>
        </View>
      ) : (
        <Text className="admin-note" data-testid="admin-feedback-reply-closed">
          反馈公开后才能回复。
        </Text>
      )}
      <Outcome actions={['reply']} testId="admin-feedback-reply-outcome" />
    </View>
  );
}
