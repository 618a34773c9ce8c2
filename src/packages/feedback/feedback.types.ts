import type { DataOf, PayloadOf } from '@/services/contracts';

// The complaint center's wire types, read off the feedback function's action table (see
// services/contracts.ts): a change of a view or an input on the server is a type error here.

export type PostPage = DataOf<'feedback', 'list'>;
/** A post as a member sees it: masked author, names in words, temporary image URLs, my vote and follow. */
export type PostView = PostPage['posts'][number];
/** A post's page: the post and the brand's public replies (官方回复), oldest first. */
export type ThreadView = DataOf<'feedback', 'detail'>;
export type ReplyView = ThreadView['replies'][number];
/** What 我要吐槽 needs: categories, today's allowance, whether posts are reviewed, my recent orders. */
export type ComposeInfo = DataOf<'feedback', 'compose'>;
export type ComposeOrder = ComposeInfo['orders'][number];
export type Category = PostView['category'];
export type PostStatus = PostView['status'];
export type Review = PostView['review'];
export type BoardSort = NonNullable<PayloadOf<'feedback', 'list'>['sort']>;
export type CreatePayload = PayloadOf<'feedback', 'create'>;
/** What posting answers: the post, whether a person reviews it first, whether it had been posted already. */
export type Posted = DataOf<'feedback', 'create'>;
export type VoteAnswer = DataOf<'feedback', 'vote'>;
export type ImageType = PayloadOf<'feedback', 'uploadPaths'>['types'][number];
/** The messages the complaint center sends: the author's, and the followers' "resolved". */
export type FeedbackNoticeKind = NonNullable<CreatePayload['accepted']>[number] & ('feedback_update' | 'feedback_reply' | 'feedback_resolved');
