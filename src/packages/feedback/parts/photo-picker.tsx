import { View, Text, Image } from '@tarojs/components';
import { feedbackErrorText } from '../feedback-text';
import { MAX_IMAGES } from '@/utils/feedback-checks';
import type { DraftImage } from '../compose.slice';
import { useFeedbackStore } from '../store';

/**
 * Up to three photos: each uploads as soon as it is picked (上传中… / 上传失败, with 重试 and ×).
 * What the server would refuse (over 2 MB, not JPG/PNG/WebP) is refused at once, in words.
 */
export function PhotoPicker({ images, room, error }: { images: DraftImage[]; room: number; error: string | null }) {
  const notice = useFeedbackStore.use.feedbackImageNotice();
  const pick = useFeedbackStore((state) => state.pickFeedbackImages);
  const retry = useFeedbackStore((state) => state.retryFeedbackImage);
  const remove = useFeedbackStore((state) => state.removeFeedbackImage);
  const full = images.length >= MAX_IMAGES;

  return (
    <View className="card feedback-form" data-testid="feedback-form-images" data-count={images.length}>
      <Text className="feedback-form__label">图片（选填）</Text>
      <View className="feedback-photos">
        {images.map((image) => (
          <View key={image.key} className="feedback-photos__item" data-testid="feedback-form-image" data-state={image.state}>
            <Image className="feedback-photos__image" src={image.localPath} mode="aspectFill" />
            {image.state === 'uploading' ? <Text className="feedback-photos__state">上传中…</Text> : null}
            {image.state === 'failed' ? (
              <Text
                className="feedback-photos__state feedback-photos__state--failed"
                onClick={() => void retry(image.key)}
                data-testid="feedback-form-image-retry"
              >
                上传失败，点此重试
              </Text>
            ) : null}
            <Text className="feedback-photos__remove" onClick={() => remove(image.key)} data-testid="feedback-form-image-remove">
              ×
            </Text>
          </View>
        ))}
        {room > 0 ? (
          // Straight from the tap: h5's file picker opens only on a user gesture.
          <View className="feedback-photos__add" onClick={() => void pick()} data-testid="feedback-form-image-add">
            <Text className="feedback-photos__plus">+</Text>
            <Text>添加图片</Text>
          </View>
        ) : null}
      </View>
      <Text className="feedback-form__hint" data-testid="feedback-form-images-hint">
        {full || room > 0 ? `最多 ${MAX_IMAGES} 张，支持 JPG、PNG、WebP，每张不超过 2 MB` : '今天可上传的图片已用完，明天再来吧'}
      </Text>
      {notice ? (
        <Text className="feedback-form__error" data-testid="feedback-form-image-notice">
          {notice}
        </Text>
      ) : null}
      {images.some((img) => img.state === 'failed' && img.error) ? (
        <Text className="feedback-form__error" data-testid="feedback-form-image-failed">
          {feedbackErrorText(images.find((img) => img.state === 'failed')?.error)}
        </Text>
      ) : null}
      {error ? (
        <Text className="feedback-form__error" data-testid="feedback-form-images-error">
          {error}
        </Text>
      ) : null}
    </View>
  );
}
