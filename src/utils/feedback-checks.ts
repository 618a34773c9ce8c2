import type { MAX_IMAGES as SERVER_MAX_IMAGES, TEXT_MAX as SERVER_TEXT_MAX, TEXT_MIN as SERVER_TEXT_MIN } from '@core/feedback/feedback.model';
import type { ImageType } from '@/services/feedback';

// What 我要吐槽 (the feedback subpackage) refuses at once, before anything is sent, because the
// server would refuse it too (core/feedback/feedback.inputs.ts and feedback.posting.ts decide; these
// only spare a round trip). The limits are typed by the server's constants: a changed limit there is
// a type error here. Only the feedback subpackage imports this.

export const TEXT_MIN: typeof SERVER_TEXT_MIN = 5;
export const TEXT_MAX: typeof SERVER_TEXT_MAX = 500;
export const MAX_IMAGES: typeof SERVER_MAX_IMAGES = 3;
/** core/feedback/feedback.model.ts IMAGE_MAX_BYTES. */
export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;

const IMAGE_TYPES: readonly ImageType[] = ['image/jpeg', 'image/png', 'image/webp'];

/** Characters as a person counts them (and the server: code points), after trimming. */
export const textCount = (text: string): number => Array.from(text.trim()).length;

/** Why the text cannot be sent yet, in words; null when it can. */
export function textProblem(text: string): string | null {
  const n = textCount(text);
  if (n === 0) return '请写下你想说的';
  if (n < TEXT_MIN) return `内容至少 ${TEXT_MIN} 个字`;
  if (n > TEXT_MAX) return `内容最多 ${TEXT_MAX} 个字`;
  if (/<\s*\/?\s*[a-z!?][^>]*>/i.test(text) || /javascript\s*:/i.test(text)) return '内容请使用纯文字，不要包含网页代码';
  return null;
}

export const isImageType = (type: string | null): type is ImageType => type !== null && (IMAGE_TYPES as readonly string[]).includes(type);

/** Why a picked image cannot be attached ('第 2 张图片超过 2 MB…'); null when it can. */
export function imageProblem(image: { bytes: number; type: string | null }, n?: number): string | null {
  const which = n ? `第 ${n} 张图片` : '图片';
  if (!isImageType(image.type)) return `${which}格式不支持，请选择 JPG、PNG 或 WebP 图片`;
  if (image.bytes > IMAGE_MAX_BYTES) return `${which}超过 2 MB，请换一张或压缩后再上传`;
  return null;
}

/** Why the form cannot be sent yet (the first thing to fix), in words; null when it can. */
export function draftProblem(draft: { category: string | null; text: string; images: { state: 'uploading' | 'done' | 'failed' }[] }): string | null {
  if (!draft.category) return '请选择分类';
  const text = textProblem(draft.text);
  if (text) return text;
  if (draft.images.some((img) => img.state === 'uploading')) return '图片上传中，请稍候';
  if (draft.images.some((img) => img.state === 'failed')) return '有图片上传失败，请重试或移除';
  return null;
}
