import Taro from '@tarojs/taro';
import type { DataOf, PayloadOf } from './contracts';

// What the complaint center needs beyond cloud calls: its photos, picked from the album or the
// camera and uploaded to cloud storage (services/upload.ts, every feature's upload). Imported by
// the feedback subpackage's store (its pages import the types below).

export { uploadImage } from './upload';

/** A photo the member picked: where it is on the device, its size, and its type when it can be told. */
export interface PickedImage {
  path: string;
  bytes: number;
  /** 'image/png', ... (h5 knows the file's type; weapp's temp path ends in its extension); null when unknown. */
  type: string | null;
}

const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
};

function typeOf(declared: string | undefined, path: string, file: { type?: string } | undefined): string | null {
  if (declared && declared.includes('/')) return declared;
  if (file?.type) return file.type;
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(path)?.[1]?.toLowerCase();
  return extension ? (BY_EXTENSION[extension] ?? `image/${extension}`) : null;
}

/**
 * Up to `count` photos, compressed by WeChat. Called straight from the tap: on h5 it opens the
 * browser's file picker, which only a user gesture may do. A cancelled pick is no photos.
 */
export async function pickImages(count: number): Promise<PickedImage[]> {
  if (count <= 0) return [];
  try {
    // Taro 4 implements chooseMedia on h5 too; chooseImage is the way on a runtime without it.
    if (typeof Taro.chooseMedia === 'function') {
      const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
      return res.tempFiles.map((file) => ({
        path: file.tempFilePath,
        bytes: file.size,
        type: typeOf(file.fileType, file.tempFilePath, (file as { originalFileObj?: File }).originalFileObj),
      }));
    }
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return res.tempFiles.map((file) => ({ path: file.path, bytes: file.size, type: typeOf(file.type, file.path, file.originalFileObj) }));
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// The complaint center's wire types, read off the feedback function's action table (see
// contracts.ts): a change of a view or an input on the server is a type error here.

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
