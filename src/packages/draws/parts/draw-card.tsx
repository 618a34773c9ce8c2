import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ROUTES } from '@/routes';
import type { DrawListItem } from '@/services/contracts';
import { imageSrc } from '@/utils/cloud-image';
import { formatLocalDateTime } from '@/utils/date';
import { countdownTarget, PHASE_LABEL } from '../draws-text';
import { Countdown } from './countdown';

export const openDraw = (drawId: string) => void Taro.navigateTo({ url: `${ROUTES.drawDetail}?id=${encodeURIComponent(drawId)}` });

/** One draw in the list: the product, how many units, its phase and countdown, and 已报名 when I entered. */
export function DrawCard({ draw, offsetMs, onTimeUp }: { draw: DrawListItem; offsetMs: number; onTimeUp: () => void }) {
  const target = countdownTarget(draw);
  const image = imageSrc(draw.productImage);
  return (
    <View
      className={`card draw-card draw-card--${draw.phase}`}
      onClick={() => openDraw(draw.id)}
      data-testid="draw-card"
      data-draw-id={draw.id}
      data-phase={draw.phase}
      data-entered={draw.entered ? 'true' : 'false'}
    >
      <View className="draw-card__media">
        {image ? <Image className="draw-card__image" src={image} mode="aspectFill" /> : <Text className="draw-card__placeholder">{draw.productName}</Text>}
      </View>
      <View className="draw-card__body">
        <View className="draw-card__tags">
          <Text className={`draw-phase draw-phase--${draw.phase}`} data-testid="draw-card-phase">
            {PHASE_LABEL[draw.phase]}
          </Text>
          {draw.entered ? (
            <Text className="draw-entered" data-testid="draw-card-entered">
              已报名
            </Text>
          ) : null}
        </View>
        <Text className="draw-card__title">{draw.title}</Text>
        <Text className="draw-card__meta">
          {draw.productName} · 限量 {draw.units} 件
        </Text>
        {target ? (
          <Countdown to={target.to} label={target.label} offsetMs={offsetMs} testId="draw-card-countdown" onEnd={onTimeUp} endedText="状态更新中…" />
        ) : (
          <Text className="draw-card__meta">{draw.phase === 'drawn' ? `${formatLocalDateTime(draw.drawAt)} 开奖` : PHASE_LABEL[draw.phase]}</Text>
        )}
      </View>
    </View>
  );
}
