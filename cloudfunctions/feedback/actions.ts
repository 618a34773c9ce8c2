import { action } from '@core/platform/router';
import type { FeedbackPorts } from '@core/feedback/content.port';
import { createInput, followInput, listInput, mineInput, postIdInput, uploadPathsInput, voteInput } from '@core/feedback/feedback.inputs';
import { composeInfo, followPost, listPosts, myPosts, postDetail, uploadPaths } from '@core/feedback/feedback.usecases';
import { createPost } from '@core/feedback/feedback.posting';
import { votePost } from '@core/feedback/feedback.votes';
import { emptyInput } from '@core/platform/inputs';

/** The complaint center as members use it: the board, a thread, 我的反馈, posting (checked by WeChat), "我也是" and following. */
export const feedbackActions = (ports: FeedbackPorts) => ({
  list: action(listInput, (ctx, input) => listPosts(ctx, ports, input)),
  detail: action(postIdInput, (ctx, input) => postDetail(ctx, ports, input)),
  mine: action(mineInput, (ctx, input) => myPosts(ctx, ports, input)),
  compose: action(emptyInput, (ctx) => composeInfo(ctx)),
  uploadPaths: action(uploadPathsInput, (ctx, input) => uploadPaths(ctx, input)),
  create: action(createInput, (ctx, input) => createPost(ctx, ports, input)),
  vote: action(voteInput, (ctx, input) => votePost(ctx, input)),
  follow: action(followInput, (ctx, input) => followPost(ctx, input)),
});
