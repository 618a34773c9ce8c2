import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { FilterTabs } from '@/components/filter-tabs/filter-tabs';
import { PageState } from '@/components/page-state/page-state';
import { usePageShow } from '@/hooks/use-page-show';
import { useAdminToolsStore } from '@/packages/admin/store';
import { FEEDBACK_CATEGORIES, feedbackErrorText } from './feedback-text';
import type { FeedbackBoardColumn, FeedbackCategory } from './feedback.slice';
import { openFeedbackPost } from './post-parts';

const CATEGORY_TABS: ReadonlyArray<{ key: FeedbackCategory | 'all'; label: string }> = [{ key: 'all', label: '全部' }, ...FEEDBACK_CATEGORIES];

/** A column shows its top posts by 我也是; the rest of what was loaded on 展开. */
const FOLDED = 3;

/**
 * 看板: the published posts by status, with counts and the most 我也是 first. On a phone the columns
 * stack (a horizontal strip of six hides five of them); an empty column is one line.
 */
export function BoardTab() {
  const columns = useAdminToolsStore.use.feedbackBoard();
  const status = useAdminToolsStore.use.feedbackBoardStatus();
  const error = useAdminToolsStore.use.feedbackBoardError();
  const category = useAdminToolsStore.use.feedbackBoardCategory();
  const load = useAdminToolsStore((state) => state.loadFeedbackBoard);
  const [opened] = useState(category);

  useEffect(() => {
    void load(opened);
  }, [load, opened]);
  // Back from a post (its status moved, it was merged): the columns are read again.
  usePageShow(() => {
    const state = useAdminToolsStore.getState();
    if (state.feedbackBoardStatus === 'ready') void load(state.feedbackBoardCategory);
  });

  return (
    <View data-testid="admin-feedback-board">
      <FilterTabs
        tabs={CATEGORY_TABS}
        value={category ?? 'all'}
        onChange={(key) => void load(key === 'all' ? null : key)}
        testIdPrefix="admin-feedback-board-category"
      />
      {status === 'error' ? (
        <PageState
          kind="error"
          testId="admin-feedback-board-error"
          title="看板加载失败"
          description={feedbackErrorText(error)}
          actionText="重试"
          onAction={() => void load(category)}
        />
      ) : status !== 'ready' ? (
        <PageState kind="loading" testId="admin-feedback-board-loading" />
      ) : (
        columns.map((column) => <BoardColumn key={column.status} column={column} />)
      )}
    </View>
  );
}

function BoardColumn({ column }: { column: FeedbackBoardColumn }) {
  const [unfolded, setUnfolded] = useState(false);
  const shown = unfolded ? column.posts : column.posts.slice(0, FOLDED);
  return (
    <View className="card admin-section feedback-column" data-testid={`admin-feedback-column-${column.status}`} data-count={column.count}>
      <View className="feedback-column__head">
        <Text className="admin-section__title">{column.name}</Text>
        <Text className="feedback-column__count" data-testid={`admin-feedback-column-${column.status}-count`}>
          {column.count} 条
        </Text>
      </View>
      {column.count === 0 ? (
        <Text className="admin-note">暂无</Text>
      ) : (
        <>
          {shown.map((post) => (
            <View
              key={post.id}
              className="feedback-column__post"
              onClick={() => openFeedbackPost(post.id)}
              data-testid="admin-feedback-board-post"
              data-post-id={post.id}
            >
              <View className="feedback-column__post-main">
                <Text className="feedback-column__text">{post.text}</Text>
                <Text className="reward-admin__meta">
                  {post.categoryName} · {post.author.nickname}
                  {post.replyCount > 0 ? ` · 已回复 ${post.replyCount} 条` : ''}
                </Text>
              </View>
              <Text className="feedback-column__votes" data-testid="admin-feedback-board-votes">
                我也是 {post.votes}
              </Text>
            </View>
          ))}
          {column.posts.length > FOLDED ? (
            <Text className="feedback-column__more" onClick={() => setUnfolded(!unfolded)} data-testid={`admin-feedback-column-${column.status}-more`}>
              {unfolded ? '收起' : `展开其余 ${column.posts.length - FOLDED} 条`}
            </Text>
          ) : null}
          {column.count > column.posts.length ? <Text className="admin-note">只列出「我也是」最多的 {column.posts.length} 条</Text> : null}
        </>
      )}
    </View>
  );
}
