import { View, Text, type ITouchEvent } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { feedbackErrorText } from '../feedback-text';
import type { PostView } from '@/services/feedback';
import { useFeedbackStore } from '../store';

/**
 * 我也是 with its count: a tap says it, another takes it back; the count moves at once and the
 * server's live count follows. The author's own post — and one not open to votes (waiting for
 * review, merged) — shows the count alone.
 */
export function VoteButton({ post }: { post: PostView }) {
  const busy = useFeedbackStore((state) => Boolean(state.feedbackVoting[post.id]));
  const vote = useFeedbackStore((state) => state.voteFeedback);
  const votable = !post.mine && post.review === 'published' && post.status !== 'duplicate';

  if (!votable) {
    return (
      // Its own key: a node that keeps its place while its tap handler is dropped breaks Taro 4.1's weapp render (docs/weapp.md).
      <View key="static" className="feedback-vote feedback-vote--count" data-testid="feedback-vote-static">
        <Text>我也是</Text>
        <Text data-testid="feedback-vote-count">{post.votes}</Text>
      </View>
    );
  }

  const onTap = (event: ITouchEvent) => {
    // The card around it opens the thread; this tap is only the vote.
    event.stopPropagation();
    if (busy) return;
    void vote(post.id, !post.myVote).then((result) => {
      if (result && !result.ok && result.error.code !== 'NOT_A_MEMBER')
        void Taro.showToast({ title: feedbackErrorText(result.error), icon: 'none', duration: 2500 });
    });
  };

  return (
    <View
      key="button"
      className={`feedback-vote${post.myVote ? ' feedback-vote--on' : ''}${busy ? ' feedback-vote--busy' : ''}`}
      onClick={onTap}
      data-testid="feedback-vote"
      data-voted={post.myVote ? 'true' : 'false'}
      data-post-id={post.id}
    >
      <Text>{post.myVote ? '✓ 我也是' : '我也是'}</Text>
      <Text data-testid="feedback-vote-count">{post.votes}</Text>
    </View>
  );
}
