import { useEffect, useMemo, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import { useAdminToolsStore } from '@/packages/admin/store';
import { FieldInput } from '../shared/form-field';
import type { FeedbackPostDetail } from './feedback-post.slice';
import { feedbackErrorText } from './feedback-text';
import type { StaffPostView } from './feedback.slice';
import { Outcome, useReport } from './post-outcome';

/** Candidates listed at once: a phone shows a handful; searching finds the rest. */
const LISTED = 8;

/** The board's posts this one may go into: not itself; the same category unless staff search. */
export function mergeCandidates(all: readonly StaffPostView[], post: Pick<StaffPostView, 'id' | 'category'>, query: string): StaffPostView[] {
  const words = query.trim().toLowerCase();
  const others = all.filter((candidate) => candidate.id !== post.id);
  return words
    ? others.filter((candidate) => candidate.text.toLowerCase().includes(words))
    : others.filter((candidate) => candidate.category === post.category);
}

/** 合并到…: a duplicate's 我也是 and followers go to the post it repeats; a merge cut short is finished by asking again. */
export function PostMerge({ detail }: { detail: FeedbackPostDetail }) {
  const { post } = detail;
  const acting = useAdminToolsStore.use.feedbackPostActing();
  const merge = useAdminToolsStore((state) => state.mergeFeedbackPost);
  const report = useReport();
  const [picking, setPicking] = useState(false);
  const [target, setTarget] = useState<StaffPostView | null>(null);
  const [incomplete, setIncomplete] = useState(false);
  const mergeable = post.mergedInto === null && (post.review === 'published' || post.review === 'hidden');
  if (!mergeable && !incomplete) return null;

  const send = async () => {
    if (!target) return;
    const result = await merge(post.id, target.id);
    if (!result.ok) return;
    setIncomplete(!result.data.complete);
    if (result.data.complete) report('merge', `已合并：目标反馈现有 ${result.data.votes} 个「我也是」`, '已合并');
  };

  return (
    <View className="card admin-section" data-testid="admin-feedback-merge">
      <View className="admin-section__head">
        <Text className="admin-section__title">合并重复反馈</Text>
        <Text className="admin-section__hint" data-testid="admin-feedback-merge-explain">
          我也是与关注者会并入目标反馈；本条标为「已合并」，不再单独处理。
        </Text>
      </View>
      {target ? (
        <View className="feedback-merge__target" data-testid="admin-feedback-merge-target">
          <Text className="feedback-merge__label">合并到：</Text>
          <Text className="feedback-column__text">{target.text}</Text>
          <Text className="reward-admin__meta">
            {target.categoryName} · {target.statusName} · 我也是 {target.votes}
          </Text>
        </View>
      ) : null}
      {incomplete ? (
        <Text className="admin-section__error" data-testid="admin-feedback-merge-incomplete">
          合并未完成，请再点一次合并
        </Text>
      ) : null}
      {target ? (
        <View className="feedback-card__actions">
          {incomplete ? null : (
            <Button size="small" fill="outline" disabled={acting !== null} onClick={() => setTarget(null)} data-testid="admin-feedback-merge-change">
              换一条
            </Button>
          )}
          <Button
            size="small"
            type="danger"
            loading={acting === 'merge'}
            disabled={acting !== null}
            onClick={() => void send()}
            data-testid="admin-feedback-merge-confirm"
          >
            {incomplete ? '再次合并' : '确认合并'}
          </Button>
        </View>
      ) : picking ? (
        <MergePicker post={post} onPick={setTarget} />
      ) : (
        <Button fill="outline" block onClick={() => setPicking(true)} data-testid="admin-feedback-merge-open">
          合并到…
        </Button>
      )}
      <Outcome actions={['merge']} testId="admin-feedback-merge-outcome" />
    </View>
  );
}

function MergePicker({ post, onPick }: { post: StaffPostView; onPick: (target: StaffPostView) => void }) {
  const all = useAdminToolsStore.use.feedbackMergeCandidates();
  const status = useAdminToolsStore.use.feedbackMergeStatus();
  const error = useAdminToolsStore.use.feedbackMergeError();
  const load = useAdminToolsStore((state) => state.loadFeedbackMergeCandidates);
  const [query, setQuery] = useState('');

  useEffect(() => {
    void load();
  }, [load]);
  const shown = useMemo(() => mergeCandidates(all, post, query), [all, post, query]);

  return (
    <View data-testid="admin-feedback-merge-picker">
      <FieldInput value={query} onChange={setQuery} placeholder="搜索看板上的反馈内容" maxLength={30} testId="admin-feedback-merge-search" />
      <Text className="admin-note">{query.trim() ? '全部分类中的搜索结果' : `同为「${post.categoryName}」的反馈（按我也是排序）`}</Text>
      {status === 'error' ? (
        <PageState
          compact
          kind="error"
          testId="admin-feedback-merge-error"
          title="看板加载失败"
          description={feedbackErrorText(error)}
          actionText="重试"
          onAction={() => void load()}
        />
      ) : status !== 'ready' ? (
        <PageState compact kind="loading" testId="admin-feedback-merge-loading" />
      ) : shown.length === 0 ? (
        <Text className="admin-note" data-testid="admin-feedback-merge-none">
          {query.trim() ? '没有找到，换个关键词试试' : '同分类下没有其他公开的反馈，可以搜索其他分类'}
        </Text>
      ) : (
        shown.slice(0, LISTED).map((candidate) => (
          <View
            key={candidate.id}
            className="feedback-column__post"
            onClick={() => onPick(candidate)}
            data-testid="admin-feedback-merge-candidate"
            data-post-id={candidate.id}
          >
            <View className="feedback-column__post-main">
              <Text className="feedback-column__text">{candidate.text}</Text>
              <Text className="reward-admin__meta">
                {candidate.categoryName} · {candidate.statusName}
              </Text>
            </View>
            <Text className="feedback-column__votes">我也是 {candidate.votes}</Text>
          </View>
        ))
      )}
    </View>
  );
}
