import { View, Text } from '@tarojs/components';
import { formatLocalDateTime } from '@/utils/date';
import type { ReplyView } from '@/services/feedback';

/** The brand's public answers, oldest first, each marked 官方回复. */
export function Replies({ replies }: { replies: ReplyView[] }) {
  return (
    <View className="card" data-testid="feedback-replies">
      <Text className="feedback-section-title">品牌回复</Text>
      {replies.length === 0 ? (
        <Text className="feedback-empty-line" data-testid="feedback-replies-empty">
          品牌还没有回复，有进展会显示在这里。
        </Text>
      ) : (
        replies.map((reply) => (
          <View key={reply.id} className="feedback-reply" data-testid="feedback-reply" data-reply-id={reply.id}>
            <View className="feedback-reply__head">
              <Text className="feedback-reply__badge" data-testid="feedback-reply-badge">
                官方回复
              </Text>
              <Text className="feedback-reply__time" data-testid="feedback-reply-time">
                {formatLocalDateTime(reply.at)}
              </Text>
            </View>
            <Text className="feedback-reply__text" data-testid="feedback-reply-text" selectable>
              {reply.text}
            </Text>
          </View>
        ))
      )}
    </View>
  );
}
