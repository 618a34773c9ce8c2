import { callFunction } from '@/services/cloud';
import type { CloudError } from '@/services/cloud-result';
import { pickImages, uploadImage, type Category, type ComposeInfo, type CreatePayload, type ImageType, type Posted } from '@/services/feedback';
import { idleLoad, sectionLoader, type LoadState } from '@/store/kit/load-state';
import { newRequestId } from '@/utils/request-id';
import { draftProblem, imageProblem, MAX_IMAGES } from '@/utils/feedback-checks';
import type { FeedbackKit, Sent } from './feedback.slice';
import type { FeedbackState as AppState } from './store';

// 我要吐槽: what the form needs (categories, today's allowance, my orders), the draft, the photos
// (each uploaded as soon as it is picked: a place from the server, then the file), and posting.
//
// One request id per form: a double tap, a retry after a lost answer, or a second try after a
// refusal all post at most once (the server derives the post's id from it, and a refusal stores
// nothing). A new form — after posting, or opened for another order — gets a new one.

export interface DraftImage {
  key: string;
  /** Where it is on the device (the thumbnail, and what a retry uploads). */
  localPath: string;
  type: ImageType;
  bytes: number;
  state: 'uploading' | 'done' | 'failed';
  fileId: string | null;
  error: CloudError | null;
}

export interface FeedbackDraft {
  requestId: string;
  /** What the page was opened with (`?orderId=` / `?productId=`): the same again keeps the draft. */
  from: { orderId: string | null; productId: string | null };
  category: Category | null;
  text: string;
  orderId: string | null;
  productId: string | null;
  images: DraftImage[];
}

export type ComposeSlice = LoadState<'feedbackCompose'> & {
  feedbackCompose: ComposeInfo | null;
  feedbackDraft: FeedbackDraft | null;
  /** Why picked photos were not attached (too large, not JPG/PNG/WebP): shown by the picker. */
  feedbackImageNotice: string | null;
  feedbackSendStatus: 'idle' | 'sending' | 'failed';
  feedbackSendError: CloudError | null;
  /** The answer of the last post: the page shows 已提交 and what happens next. */
  feedbackPosted: Posted | null;

  /** Opens the form: the unsent draft for the same order or product is kept, otherwise a new one. */
  openFeedbackForm: (preset: { orderId?: string; productId?: string }) => void;
  loadFeedbackCompose: () => Promise<void>;
  editFeedbackDraft: (change: Partial<Pick<FeedbackDraft, 'category' | 'text' | 'orderId'>>) => void;
  /** Picks photos (straight from the tap: h5's file picker needs the gesture), refuses at once what the server would, uploads the rest. */
  pickFeedbackImages: () => Promise<void>;
  retryFeedbackImage: (key: string) => Promise<void>;
  removeFeedbackImage: (key: string) => void;
  /**
   * 提交: asks for the author's messages (approved, replied, status) on the tap, then posts with
   * the accepted kinds and the form's request id. Null when the draft is not ready or nothing was sent.
   */
  submitFeedback: () => Sent<Posted>;
};

export const initialComposeState = () =>
  ({
    ...idleLoad('feedbackCompose'),
    feedbackCompose: null,
    feedbackDraft: null,
    feedbackImageNotice: null,
    feedbackSendStatus: 'idle' as const,
    feedbackSendError: null,
    feedbackPosted: null,
  }) satisfies Partial<ComposeSlice>;

const newDraft = (from: FeedbackDraft['from']): FeedbackDraft => ({
  requestId: newRequestId('fb'),
  from,
  category: null,
  text: '',
  orderId: from.orderId,
  productId: from.productId,
  images: [],
});

/** How many more photos this post may take: three a post, and what is left of today's allowance. */
export function photoRoom(draft: FeedbackDraft | null, info: ComposeInfo | null): number {
  if (!draft) return 0;
  const today = info ? Math.max(0, info.limits.images - info.usedToday.images) : MAX_IMAGES;
  return Math.max(0, Math.min(MAX_IMAGES, today) - draft.images.length);
}

export function composeActions(kit: FeedbackKit) {
  const { set, get } = kit;
  let keys = 0;
  let sending: Sent<Posted> | null = null;

  const compose = sectionLoader<AppState, 'feedbackCompose', ComposeInfo>(set, get, 'feedbackCompose', {
    request: () => callFunction('feedback', 'compose', {}),
    done: (data) => ({ feedbackCompose: data }),
  });

  /** Changes the current draft, if it is still the one `requestId` names (a new form drops late answers). */
  const patchDraft = (requestId: string, change: (draft: FeedbackDraft) => FeedbackDraft) => {
    const draft = get().feedbackDraft;
    if (draft && draft.requestId === requestId) set({ feedbackDraft: change(draft) });
  };
  const patchImage = (requestId: string, key: string, change: Partial<DraftImage>) =>
    patchDraft(requestId, (draft) => ({ ...draft, images: draft.images.map((img) => (img.key === key ? { ...img, ...change } : img)) }));

  /** A place for each photo from the server (its folder proves whose upload it is), then the files, side by side. */
  const upload = async (requestId: string, images: DraftImage[]) => {
    if (images.length === 0) return;
    const at = kit.epoch();
    const places = await callFunction('feedback', 'uploadPaths', { types: images.map((img) => img.type) });
    if (at !== kit.epoch()) return;
    if (!places.ok) {
      kit.askToJoin(places.error);
      for (const img of images) patchImage(requestId, img.key, { state: 'failed', error: places.error });
      return;
    }
    await Promise.all(
      images.map(async (img, i) => {
        const uploaded = await uploadImage(img.localPath, places.data.paths[i]);
        if (at !== kit.epoch()) return;
        patchImage(requestId, img.key, uploaded.ok ? { state: 'done', fileId: uploaded.data.fileId, error: null } : { state: 'failed', error: uploaded.error });
      }),
    );
  };

  const actions: Omit<ComposeSlice, keyof ReturnType<typeof initialComposeState>> = {
    openFeedbackForm: (preset) => {
      const from = { orderId: preset.orderId || null, productId: preset.productId || null };
      const draft = get().feedbackDraft;
      const same = draft && draft.from.orderId === from.orderId && draft.from.productId === from.productId;
      set({
        feedbackDraft: same ? draft : newDraft(from),
        feedbackPosted: null,
        feedbackImageNotice: null,
        ...(get().feedbackSendStatus === 'sending' ? {} : { feedbackSendStatus: 'idle' as const, feedbackSendError: null }),
      });
    },

    loadFeedbackCompose: compose.load,

    editFeedbackDraft: (change) => {
      const draft = get().feedbackDraft;
      if (!draft || get().feedbackSendStatus === 'sending') return;
      set({ feedbackDraft: { ...draft, ...change } });
    },

    pickFeedbackImages: () => {
      const draft = get().feedbackDraft;
      const room = photoRoom(draft, get().feedbackCompose);
      if (!draft || room === 0) return Promise.resolve();
      set({ feedbackImageNotice: null });
      // Straight from the tap: h5's file picker opens only on a user gesture.
      return pickImages(room).then(async (picked) => {
        const current = get().feedbackDraft;
        if (!current || current.requestId !== draft.requestId) return;
        const problems = new Set<string>();
        const fresh: DraftImage[] = [];
        for (const image of picked.slice(0, photoRoom(current, get().feedbackCompose))) {
          const problem = imageProblem(image);
          if (problem || !image.type) problems.add(problem ?? '图片格式不支持');
          else
            fresh.push({
              key: `img-${++keys}`,
              localPath: image.path,
              type: image.type as ImageType,
              bytes: image.bytes,
              state: 'uploading',
              fileId: null,
              error: null,
            });
        }
        set({ feedbackImageNotice: problems.size > 0 ? [...problems].join('；') : null, feedbackDraft: { ...current, images: [...current.images, ...fresh] } });
        await upload(current.requestId, fresh);
      });
    },

    retryFeedbackImage: async (key) => {
      const draft = get().feedbackDraft;
      const image = draft?.images.find((img) => img.key === key);
      if (!draft || !image || image.state !== 'failed') return;
      patchImage(draft.requestId, key, { state: 'uploading', error: null });
      await upload(draft.requestId, [{ ...image, state: 'uploading', error: null }]);
    },

    removeFeedbackImage: (key) => {
      const draft = get().feedbackDraft;
      if (!draft || get().feedbackSendStatus === 'sending') return;
      set({ feedbackDraft: { ...draft, images: draft.images.filter((img) => img.key !== key) }, feedbackImageNotice: null });
    },

    submitFeedback: () => {
      if (sending) return sending;
      const draft = get().feedbackDraft;
      if (!draft || draftProblem(draft) || !draft.category) return Promise.resolve(null);
      const at = kit.epoch();
      const category = draft.category;
      set({ feedbackSendStatus: 'sending', feedbackSendError: null });
      // Before anything is awaited: WeChat shows its prompt only inside the tap.
      const asking = kit.ask(['feedback_update', 'feedback_reply'], 'post');
      sending = asking
        .then(async (accepted) => {
          const payload: CreatePayload = {
            category,
            text: draft.text.trim(),
            images: draft.images.map((img) => img.fileId).filter((id): id is string => Boolean(id)),
            accepted,
            requestId: draft.requestId,
            ...(draft.orderId ? { orderId: draft.orderId } : {}),
            ...(draft.productId ? { productId: draft.productId } : {}),
          };
          const result = await callFunction('feedback', 'create', payload);
          if (at !== kit.epoch()) return result;
          if (result.ok) {
            // Today's allowance and 我的反馈 changed: both are read again when next shown.
            set({ feedbackPosted: result.data, feedbackDraft: null, feedbackSendStatus: 'idle', feedbackCompose: null, feedbackComposeStatus: 'idle' });
          } else {
            kit.askToJoin(result.error);
            set({ feedbackSendStatus: 'failed', feedbackSendError: result.error });
          }
          return result;
        })
        .finally(() => {
          sending = null;
        });
      return sending;
    },
  };

  return {
    actions,
    forget: () => {
      compose.invalidate();
      sending = null;
    },
  };
}
