import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { ShareTarget } from '@/hooks/use-share-card';
import { ROUTES, openPage } from '@/routes';
import { errorText } from '@/utils/error-text';
import { useAppStore } from '@/store';
import './share-button.scss';

interface ShareButtonProps {
  target: ShareTarget;
  text?: string;
  testId: string;
  fill?: 'solid' | 'outline';
  block?: boolean;
}

/** The h5 address of a card's path: the hash router's URL of this very app. */
export const h5ShareUrl = (path: string) => `${window.location.origin}${window.location.pathname}#${path}`;

/**
 * Sends a card to friends. On weapp it is an openType="share" button: WeChat asks the page's
 * onShareAppMessage (useShareCard) for the card, which the button's data-share-* name. On h5 there
 * is no share sheet: the button asks the server for the card and shows its link to copy. Only
 * members share; when the server says NOT_A_MEMBER, the button offers to join instead.
 */
export function ShareButton({ target, text = '分享给好友', testId, fill = 'outline', block = false }: ShareButtonProps) {
  const makeCard = useAppStore((state) => state.shareCard);
  const shareError = useAppStore.use.shareError();
  const [asked, setAsked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState('');

  const onClick = async () => {
    // On weapp the same tap opens WeChat's share sheet (openType), which asks the page for the card.
    setAsked(true);
    // Inline platform test, so the weapp build drops the h5 branch (see utils/runtime-env.ts).
    if (process.env.TARO_ENV !== 'h5') return;
    setBusy(true);
    const result = await makeCard({ ...target, channel: 'chat' });
    setBusy(false);
    if (result.ok) setLink(h5ShareUrl(result.data.path));
    else if (result.error.code !== 'NOT_A_MEMBER') void Taro.showToast({ title: errorText(result.error), icon: 'none' });
  };

  return (
    <View className={`share-button${block ? ' share-button--block' : ''}`}>
      <Button
        type="primary"
        fill={fill}
        size="small"
        block={block}
        loading={busy}
        openType={process.env.TARO_ENV === 'weapp' ? 'share' : undefined}
        data-share-type={target.targetType}
        data-share-id={target.targetId ?? ''}
        onClick={() => void onClick()}
        data-testid={testId}
      >
        {text}
      </Button>
      {process.env.TARO_ENV === 'h5' && link ? (
        <View className="share-button__panel">
          <Text className="share-button__hint">复制链接发给好友，好友打开即可查看</Text>
          <Text className="share-button__link" selectable data-testid="share-link">
            {link}
          </Text>
          <Text
            className="share-button__action"
            onClick={() => void Promise.resolve(Taro.setClipboardData({ data: link })).catch(() => undefined)}
            data-testid="share-copy"
          >
            复制链接
          </Text>
        </View>
      ) : null}
      {asked && shareError?.code === 'NOT_A_MEMBER' ? (
        <View className="share-button__panel" data-testid="share-join">
          <Text className="share-button__hint">加入会员后才能分享</Text>
          <Text className="share-button__action" onClick={() => openPage(ROUTES.member)} data-testid="share-join-action">
            去加入会员
          </Text>
        </View>
      ) : null}
    </View>
  );
}
