/**
 * Posting feedback. Everything that can refuse is checked before anything is written: membership,
 * today's allowance, the linked order (the member's own) and product, each image (the member's own
 * upload, JPEG/PNG/WebP by its bytes, at most 2 MB), then WeChat's text check — risky text is
 * refused with the reason and nothing visible is stored. The image checks are asynchronous: their
 * verdicts arrive later (feedback.media.ts) and hide the post if one is risky.
 *
 * The post's id derives from the compose form's request id, so a retry after a lost answer finds
 * the post it made; the post and the day's count are written in one transaction, so two posts sent
 * at once cannot both take the last place of the allowance.
 */
import { findProduct } from '../catalog/catalog.repo';
import { findMember } from '../members/member.repo';
import type { Member } from '../members/member.rules';
import { addOptIns } from '../notify/notify.repo';
import { distinctKinds } from '../notify/notify.rules';
import { findOrder } from '../orders/orders.repo';
import { now } from '../platform/clock';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import type { FeedbackPorts } from './content.port';
import type { FeedbackResult } from './feedback.errors';
import type { CreateInput } from './feedback.inputs';
import { IMAGE_MAX_BYTES, type ImageType, type PostDoc, type PostImage } from './feedback.model';
import { chinaDay } from '../platform/china-time';
import { maskNickname } from '../members/member.rules';
import { overDailyLimit, publishesAtOnce, riskyTextMessage, uploadFolderKey } from './feedback.rules';
import { dailyIdFor, findDaily, findPost, followIdFor, postIdFor, putDaily, putFollow, putPost } from './feedback.repo';
import { loadFeedbackConfig } from './feedback-settings.repo';
import { applyArrivedVerdicts } from './feedback.media';

export interface Posted {
  postId: string;
  /** Whether a person reviews it before others see it (the page says so). */
  reviewed: boolean;
  /** True when this request had been handled already: nothing new was written. */
  replayed: boolean;
}

export async function createPost(ctx: ActionContext, ports: FeedbackPorts, input: CreateInput): Promise<FeedbackResult<Posted>> {
  const memberId = ctx.caller.openid;
  const postId = postIdFor(memberId, input.requestId);
  const existing = await findPost(ctx.db, postId);
  if (existing) return ok({ postId, reviewed: existing.review !== 'published', replayed: true });

  const member = await findMember(ctx.db, memberId);
  if (!member?.joinedAt) return fail('NOT_A_MEMBER', '加入会员后即可发帖');
  const config = await loadFeedbackConfig(ctx.db);
  const day = chinaDay(now());
  const daily = await findDaily(ctx.db, memberId, day);
  const over = overDailyLimit(config.limits, daily ?? { posts: 0, images: 0, votes: 0 }, { posts: 1, images: input.images.length });
  if (over) return fail('FEEDBACK_DAILY_LIMIT', over.message);

  const about = await aboutOf(ctx, member, input);
  if (!about.ok) return about;
  const images = await inspectImages(ports, memberId, input.images);
  if (!images.ok) return images;

  const verdict = await ports.checks.checkText({ openid: memberId, scene: 3, content: input.text });
  if (!verdict) return fail('FEEDBACK_CHECK_UNAVAILABLE', '内容安全检测暂不可用，请稍后再试');
  if (verdict.suggest === 'risky') return fail('FEEDBACK_CONTENT_RISKY', riskyTextMessage(verdict.label));
  const textSuggest = verdict.suggest;

  const checked = await startImageChecks(ports, memberId, images.data);
  const imagesUnchecked = checked.some((img) => img.traceId === null);
  const atOnce = !imagesUnchecked && publishesAtOnce(config, member.tier, textSuggest);

  const written = await inTransaction(ctx.db, async (tx) => {
    const at = now();
    if (await findPost(tx, postId)) return 'replayed' as const;
    const today = (await findDaily(tx, memberId, day)) ?? { _id: dailyIdFor(memberId, day), memberId, day, posts: 0, images: 0, votes: 0 };
    const overNow = overDailyLimit(config.limits, today, { posts: 1, images: checked.length });
    if (overNow) return overNow.message;
    const post: PostDoc = {
      _id: postId,
      authorId: memberId,
      authorMasked: maskNickname(member.nickname),
      authorTier: member.tier,
      category: input.category,
      text: input.text,
      images: checked,
      orderId: about.data.orderId,
      productId: about.data.productId,
      productName: about.data.productName,
      review: atOnce ? 'published' : 'pending',
      textCheck: { suggest: textSuggest, label: verdict.label, traceId: verdict.traceId },
      reviewReason: null,
      status: 'open',
      mergedInto: null,
      votes: 0,
      replyCount: 0,
      reward: null,
      createdAt: at,
      publishedAt: atOnce ? at : null,
      updatedAt: at,
      rev: 0,
    };
    await putPost(tx, post);
    await putDaily(tx, { ...today, posts: today.posts + 1, images: today.images + checked.length });
    // The author follows their own post: its status changes reach them on 我的反馈 and by message.
    await putFollow(tx, { _id: followIdFor(postId, memberId), postId, memberId, at });
    return 'written' as const;
  });
  if (written !== 'written' && written !== 'replayed') return fail('FEEDBACK_DAILY_LIMIT', written);
  if (written === 'written') {
    if (input.accepted.length > 0) await addOptIns(ctx.db, memberId, distinctKinds(input.accepted), now());
    // Only a post with image checks under way can have verdicts waiting for it.
    if (checked.some((img) => img.traceId)) await applyArrivedVerdicts(ctx.db, postId);
  }
  return ok({ postId, reviewed: !atOnce, replayed: written === 'replayed' });
}

interface About {
  orderId: string | null;
  productId: string | null;
  productName: string | null;
}

async function aboutOf(ctx: ActionContext, member: Member, input: CreateInput): Promise<FeedbackResult<About>> {
  let productId = input.productId ?? null;
  let productName: string | null = null;
  if (input.orderId) {
    const order = await findOrder(ctx.db, input.orderId);
    // Someone else's order and no order at all answer alike: an order id reveals nothing.
    if (!order || order.memberId !== member._id) return fail('FEEDBACK_ORDER_NOT_YOURS', '只能关联你自己的订单');
    const line = order.lines.find((l) => l.productId === productId) ?? order.lines[0];
    productId = line?.productId ?? null;
    productName = line?.name ?? null;
  } else if (productId) {
    const product = await findProduct(ctx.db, productId);
    if (!product) return fail('NOT_FOUND', '关联的商品不存在');
    productName = product.name;
  }
  return ok({ orderId: input.orderId ?? null, productId, productName });
}

/** JPEG, PNG and WebP by their first bytes (a name or a declared type proves nothing). */
export function imageTypeOf(head: Uint8Array): ImageType | null {
  const at = (i: number) => head[i] ?? -1;
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...Array.from(head.slice(from, to)));
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

async function inspectImages(
  ports: FeedbackPorts,
  memberId: string,
  fileIds: readonly string[],
): Promise<FeedbackResult<{ fileId: string; type: ImageType; bytes: number }[]>> {
  if (new Set(fileIds).size !== fileIds.length) return fail('FEEDBACK_IMAGE_INVALID', '同一张图片只能上传一次');
  const folder = `/feedback/${uploadFolderKey(memberId)}/`;
  const out: { fileId: string; type: ImageType; bytes: number }[] = [];
  for (const [i, fileId] of fileIds.entries()) {
    const n = i + 1;
    if (!fileId.includes(folder)) return fail('FEEDBACK_IMAGE_INVALID', `第 ${n} 张图片不是你上传的，请重新上传`);
    const file = await ports.files.inspect(fileId);
    if (!file) return fail('FEEDBACK_IMAGE_INVALID', `第 ${n} 张图片上传未完成，请重新上传`);
    if (file.bytes > IMAGE_MAX_BYTES) return fail('FEEDBACK_IMAGE_INVALID', `第 ${n} 张图片超过 2 MB，请压缩后再上传`);
    const type = imageTypeOf(file.head);
    if (!type) return fail('FEEDBACK_IMAGE_INVALID', `第 ${n} 张图片格式不支持，请上传 JPG、PNG 或 WebP`);
    out.push({ fileId, type, bytes: file.bytes });
  }
  return ok(out);
}

async function startImageChecks(ports: FeedbackPorts, memberId: string, images: { fileId: string; type: ImageType; bytes: number }[]): Promise<PostImage[]> {
  if (images.length === 0) return [];
  const urls = await ports.files.tempUrls(images.map((i) => i.fileId));
  return Promise.all(
    images.map(async (img) => {
      const url = urls.get(img.fileId);
      const started = url ? await ports.checks.checkImage({ openid: memberId, scene: 3, mediaUrl: url }) : null;
      return { ...img, traceId: started?.traceId ?? null, check: 'pending' as const, label: null };
    }),
  );
}
