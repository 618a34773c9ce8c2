import { useState } from 'react';
import { View, Text, Textarea } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { draftProblem, textCount, textProblem, TEXT_MAX, TEXT_MIN } from '@/utils/feedback-checks';
import { photoRoom, type FeedbackDraft } from '../compose.slice';
import { sendErrorsOf } from '../feedback-text';
import type { ComposeInfo } from '@/services/feedback';
import { useFeedbackStore } from '../store';
import { OrderPicker } from './order-picker';
import { PhotoPicker } from './photo-picker';
import { FeedbackSubscribeSheet } from './subscribe-sheet';

/**
 * 我要吐槽's form: a category, the text with its live count, photos, an order, and one 提交. What is
 * missing shows by its field after a tap on 提交; the server's refusals show by the field they are
 * about (risky text by the text) and the draft stays as it was.
 */
export function ComposeForm({ info, draft }: { info: ComposeInfo; draft: FeedbackDraft }) {
  const edit = useFeedbackStore((state) => state.editFeedbackDraft);
  const submit = useFeedbackStore((state) => state.submitFeedback);
  const sendStatus = useFeedbackStore.use.feedbackSendStatus();
  const sendError = useFeedbackStore.use.feedbackSendError();
  const [tried, setTried] = useState(false);
  const sending = sendStatus === 'sending';

  const postsLeft = Math.max(0, info.limits.posts - info.usedToday.posts);
  const count = textCount(draft.text);
  const refused = sendErrorsOf(sendError);
  const errors = {
    category: (tried && !draft.category ? '请选择分类' : null) ?? refused.category ?? null,
    text: (tried ? textProblem(draft.text) : null) ?? refused.text ?? null,
    images: refused.images ?? null,
    order: refused.order ?? null,
  };
  const problem = draftProblem(draft);

  const onSubmit = () => {
    if (sending || postsLeft === 0) return;
    setTried(true);
    if (problem) return;
    // Straight from the tap: the store asks for the messages before anything is awaited.
    void submit();
  };

  return (
    <View className="page feedback-page" data-testid="feedback-form">
      <View className="feedback-form__notes">
        <Text data-testid="feedback-form-allowance" data-left={postsLeft}>
          {postsLeft > 0 ? `今天还可发 ${postsLeft} 条` : '今天的发帖次数已用完，明天再来吧'}
        </Text>
        <Text data-testid="feedback-form-review-note" data-reviewed={info.reviewed ? 'true' : 'false'}>
          {info.reviewed ? '提交后需审核，通过后其他会员可见' : '发布后立即公开'}
        </Text>
      </View>

      <View className="card feedback-form">
        <Text className="feedback-form__label">分类</Text>
        <View className="feedback-chips">
          {info.categories.map((category) => (
            <Text
              key={category.key}
              className={`feedback-chip${draft.category === category.key ? ' feedback-chip--active' : ''}`}
              onClick={() => edit({ category: category.key })}
              data-testid={`feedback-form-category-${category.key}`}
              data-active={draft.category === category.key ? 'true' : 'false'}
            >
              {category.name}
            </Text>
          ))}
        </View>
        {errors.category ? (
          <Text className="feedback-form__error" data-testid="feedback-form-category-error">
            {errors.category}
          </Text>
        ) : null}
      </View>

      <View className="card feedback-form">
        <Text className="feedback-form__label">想说的话</Text>
        <Textarea
          className="feedback-form__textarea"
          value={draft.text}
          onInput={(event) => edit({ text: event.detail.value })}
          placeholder={`具体说说遇到的问题或你的建议（${TEXT_MIN}–${TEXT_MAX} 字），请不要填写手机号等个人信息`}
          maxlength={-1}
          disabled={sending}
          data-testid="feedback-form-text"
        />
        <Text
          className={`feedback-form__count${count > TEXT_MAX ? ' feedback-form__count--over' : ''}`}
          data-testid="feedback-form-count"
          data-count={count}
          data-ok={count >= TEXT_MIN && count <= TEXT_MAX ? 'true' : 'false'}
        >
          {count}/{TEXT_MAX}
        </Text>
        {errors.text ? (
          <Text className="feedback-form__error" data-testid="feedback-form-text-error">
            {errors.text}
          </Text>
        ) : null}
      </View>

      <PhotoPicker images={draft.images} room={photoRoom(draft, info)} error={errors.images} />
      <OrderPicker orders={info.orders} chosen={draft.orderId} error={errors.order} />
      {draft.productId && !draft.orderId ? <ChosenProduct productId={draft.productId} /> : null}

      <View className="feedback-bar">
        {refused.form ? (
          <Text className="feedback-bar__error" data-testid="feedback-form-error">
            {refused.form}
          </Text>
        ) : tried && problem ? (
          <Text className="feedback-bar__hint" data-testid="feedback-form-hint">
            {problem}
          </Text>
        ) : null}
        <Button type="primary" block loading={sending} disabled={sending || postsLeft === 0} onClick={onSubmit} data-testid="feedback-form-submit">
          {sending ? '提交中…' : '提交'}
        </Button>
      </View>
      <FeedbackSubscribeSheet />
    </View>
  );
}

/** The product the page was opened for (its name when the app knows it already). */
function ChosenProduct({ productId }: { productId: string }) {
  const name = useFeedbackStore((state) => state.productDetails[productId]?.product?.name ?? state.catalog.find((p) => p._id === productId)?.name ?? null);
  return (
    <View className="card feedback-form" data-testid="feedback-form-product">
      <Text className="feedback-form__label">相关商品</Text>
      <Text className="feedback-form__hint">{name ?? '从商品页带入的商品'}</Text>
    </View>
  );
}
