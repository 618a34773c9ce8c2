import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { ROUTES } from '@/routes';
import type { CloudResult } from '@/services/cloud-result';
import { shareCardKey, useAppStore, type ShareInput, type ShareResult } from '@/store';
// By its alias, which jest maps to a stand-in (Taro's page hooks need a real page).
import { useWeChatShare } from '@/hooks/use-wechat-share';

// A page's WeChat card (转发 and 分享到朋友圈). WeChat forbids rewarding or requiring a share, and
// has no "shared" callback: sharing only makes a card whose code lets the server credit the
// sharer when friends genuinely join or buy. Nothing here depends on whether a share happened.

/** What a card points at (the channel is the way it is sent). */
export type ShareTarget = Omit<ShareInput, 'channel'>;

export interface ShareCardSpec {
  target: ShareTarget;
  title: string;
  /** An https image (5:4); without one WeChat uses a screenshot of the page. */
  imageUrl?: string;
}

interface ShareAppMessageContent {
  title?: string;
  path?: string;
  imageUrl?: string;
}

/** WeChat's onShareAppMessage argument: `from` 'button' with the tapped button as `target`, or 'menu'. */
export interface ShareAppMessageFrom {
  from?: string;
  target?: unknown;
}

export type ShareAppMessageHandler = (from: ShareAppMessageFrom) => ShareAppMessageContent & { promise?: Promise<ShareAppMessageContent> };
export type ShareTimelineHandler = () => { title?: string; query?: string; imageUrl?: string };

/**
 * The path a card opens without a code. WeChat falls back to it when the server's card is not
 * there within 3 s (or was refused: a non-member's forward is a plain link that credits nobody).
 */
export function plainSharePath(target: ShareTarget): string {
  const id = encodeURIComponent(target.targetId ?? '');
  switch (target.targetType) {
    case 'product':
      return `${ROUTES.product}?id=${id}`;
    case 'perk':
      return `${ROUTES.invite}?perk=${id}`;
    default:
      // A draw card opens the draw's page (as referral.share's path does); an invite card is the invite page.
      return target.targetType === 'draw' ? `${ROUTES.drawDetail}?id=${id}` : ROUTES.invite;
  }
}

const queryOf = (path: string) => (path.includes('?') ? path.slice(path.indexOf('?') + 1) : '');

/** The card a share button asked for, from its data-share-type / data-share-id; null from the menu. */
export function targetOfShareButton(from: ShareAppMessageFrom): ShareTarget | null {
  if (from.from !== 'button') return null;
  const dataset = (from.target as { dataset?: Record<string, unknown> } | undefined)?.dataset ?? {};
  const type = dataset.shareType;
  if (type !== 'product' && type !== 'draw' && type !== 'invite' && type !== 'perk') return null;
  const id = typeof dataset.shareId === 'string' && dataset.shareId ? dataset.shareId : undefined;
  return { targetType: type, ...(id ? { targetId: id } : {}) };
}

type MakeCard = (input: ShareInput) => Promise<CloudResult<ShareResult>>;

/**
 * onShareAppMessage's answer: the plain card at once, and `promise` resolving to the server's card
 * (its path carries `s=<code>`); WeChat waits up to 3 s for it.
 */
export function appMessageFor(card: ShareCardSpec | null, makeCard: MakeCard): ReturnType<ShareAppMessageHandler> {
  if (!card) return {};
  const plain: ShareAppMessageContent = { title: card.title, path: plainSharePath(card.target), ...(card.imageUrl ? { imageUrl: card.imageUrl } : {}) };
  const promise = makeCard({ ...card.target, channel: 'chat' }).then(
    (result) => (result.ok ? { ...plain, path: result.data.path } : plain),
    () => plain,
  );
  return { ...plain, promise };
}

/**
 * onShareTimeline's answer, which WeChat wants at once (no promise): the timeline card's query when
 * this person already has one, else the plain one — and the card is made now for the next time.
 */
export function timelineFor(card: ShareCardSpec | null, cards: Record<string, ShareResult>, makeCard: MakeCard): ReturnType<ShareTimelineHandler> {
  if (!card) return {};
  const input: ShareInput = { ...card.target, channel: 'timeline' };
  const made = cards[shareCardKey(input)];
  if (!made) void makeCard(input).catch(() => undefined);
  return { title: card.title, query: queryOf(made ? made.path : plainSharePath(card.target)), ...(card.imageUrl ? { imageUrl: card.imageUrl } : {}) };
}

/**
 * Gives the page its WeChat card. `describe` names the card for a share button's target, or for
 * the page itself (null: the 转发 menu and 朋友圈). The page config must enable both share kinds.
 */
export function useShareCard(describe: (asked: ShareTarget | null) => ShareCardSpec | null): void {
  const makeCard = useAppStore((state) => state.shareCard);
  const cards = useAppStore.use.shareCards();

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    // WeChat's option is `menus`, but Taro's weapp runtime overwrites `menus` with its mapping of
    // `showShareItems` (wechatFriends -> shareAppMessage, wechatMoment -> shareTimeline): a `menus`
    // given directly never reaches WeChat (npm run test:weapp checks what does).
    void Promise.resolve(Taro.showShareMenu({ withShareTicket: false, showShareItems: ['wechatFriends', 'wechatMoment'] })).catch(() => undefined);
  }, []);

  useWeChatShare(
    (from) => appMessageFor(describe(targetOfShareButton(from)), makeCard),
    () => timelineFor(describe(null), cards, makeCard),
  );
}
