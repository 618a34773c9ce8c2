import { useCallback, useEffect, useMemo } from 'react';
import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { StatePage } from '@/components/page-state/page-state';
import { ShareButton } from '@/components/share-button/share-button';
import { useShareCard } from '@/hooks/use-share-card';
import { useShareVisit } from '@/hooks/use-share-visit';
import { ROUTES, openPage } from '@/routes';
import type { DrawDetailView, DrawRefusal, MyDrawEntry } from '@/services/contracts';
import { imageSrc } from '@/utils/cloud-image';
import { formatLocalDateTime } from '@/utils/date';
import { formatFen } from '@/utils/money';
import { countdownTarget, drawsErrorText, entryStateText, entryTone, PHASE_LABEL, purchaseText, thresholdText, unitsText, windowText } from '../draws-text';
import { selectDrawDetail, useDrawsStore } from '../store';
import { Countdown } from './countdown';
import { SubscribeSheet } from './subscribe-sheet';

export const openVerify = (drawId: string, entryId?: string) =>
  void Taro.navigateTo({ url: `${ROUTES.drawVerify}?id=${encodeURIComponent(drawId)}${entryId ? `&entry=${entryId}` : ''}` });

const openOrder = (orderId: string) => void Taro.navigateTo({ url: `${ROUTES.order}?id=${encodeURIComponent(orderId)}` });

/** A draw's page: the product at my price, the rules in words, the countdown, 参加抽签 or my entry and its result. */
export function DrawDetail({ drawId }: { drawId: string }) {
  // Opened from a friend's card (`s`): the visit is reported; the page never waits for it.
  useShareVisit();
  const selectEntry = useMemo(() => selectDrawDetail(drawId), [drawId]);
  const entry = useDrawsStore(selectEntry);
  const load = useDrawsStore((state) => state.loadDrawDetail);
  const loadTemplates = useDrawsStore((state) => state.loadDrawTemplates);
  const detail = entry.value;

  useShareCard(() =>
    detail
      ? {
          target: { targetType: 'draw', targetId: drawId },
          title: `限量抽签：${detail.draw.title}`,
          ...(detail.draw.productImage?.startsWith('https://') ? { imageUrl: detail.draw.productImage } : {}),
        }
      : null,
  );

  // Every visit: the phase, the count and my entry move on while the person is away. The template
  // ids are read now so that the tap on 参加抽签 can ask for messages at once (WeChat wants the tap).
  useEffect(() => {
    if (!drawId) return;
    void load(drawId);
    void loadTemplates();
  }, [drawId, load, loadTemplates]);

  if (!drawId || (entry.status === 'error' && entry.error?.code === 'NOT_FOUND')) {
    return (
      <StatePage
        kind="empty"
        testId="draw-not-found"
        title="抽签不存在或已结束"
        description="看看其他正在进行的抽签吧。"
        actionText="全部抽签"
        onAction={() => openPage(ROUTES.draws)}
      />
    );
  }
  if (entry.status === 'error' && !detail) {
    return (
      <StatePage
        kind="error"
        testId="draw-error"
        title="抽签加载失败"
        description={drawsErrorText(entry.error)}
        actionText="重试"
        onAction={() => void load(drawId)}
      />
    );
  }
  if (!detail) {
    return <StatePage kind="loading" testId="draw-loading" />;
  }
  return <DrawView detail={detail} onTimeUp={() => void load(drawId)} />;
}

function DrawView({ detail, onTimeUp }: { detail: DrawDetailView; onTimeUp: () => void }) {
  const { draw, myEntry } = detail;
  const offsetMs = useDrawsStore.use.drawClockOffsetMs();
  const target = countdownTarget(draw);
  const image = imageSrc(draw.productImage);
  const cheaper = draw.myPriceFen !== null && draw.myPriceFen < draw.listPriceFen;

  return (
    <View className="page draw-page" data-testid="draw-detail" data-draw-id={draw.id} data-phase={draw.phase}>
      <View className="draw-hero">
        {image ? <Image className="draw-hero__image" src={image} mode="aspectFill" /> : <Text className="draw-hero__placeholder">{draw.productName}</Text>}
      </View>

      <View className="card draw-head">
        <View className="draw-card__tags">
          <Text className={`draw-phase draw-phase--${draw.phase}`} data-testid="draw-phase">
            {PHASE_LABEL[draw.phase]}
          </Text>
          {myEntry ? <Text className="draw-entered">已报名</Text> : null}
        </View>
        <Text className="draw-head__title">{draw.title}</Text>
        <Text className="draw-head__product">
          {draw.productName} · 限量 {draw.units} 件
        </Text>
        {target ? (
          <Countdown
            to={target.to}
            label={target.label}
            offsetMs={offsetMs}
            testId="draw-countdown"
            onEnd={onTimeUp}
            endedText={draw.phase === 'closed' ? '报名已截止，等待开奖' : '状态更新中…'}
          />
        ) : null}
        <View className="draw-head__price" data-testid="draw-price">
          {draw.myPriceFen !== null ? (
            <>
              <Text className="draw-head__my-price">{formatFen(draw.myPriceFen)}</Text>
              <Text className="draw-head__price-note">中签后按你的会员价购买</Text>
              {cheaper ? <Text className="draw-head__list-price">{formatFen(draw.listPriceFen)}</Text> : null}
            </>
          ) : (
            <>
              <Text className="draw-head__my-price">{formatFen(draw.listPriceFen)}</Text>
              <Text className="draw-head__price-note">原价；加入会员后按会员价购买</Text>
            </>
          )}
        </View>
        {draw.description ? <Text className="draw-head__description">{draw.description}</Text> : null}
      </View>

      <EntryBlock detail={detail} />

      <View className="card draw-rules" data-testid="draw-rules">
        <Text className="draw-section__title">抽签规则</Text>
        <RuleLine name="名额" value={unitsText(draw)} />
        <RuleLine name="门槛" value={thresholdText(draw)} />
        <RuleLine name="报名时间" value={windowText(draw)} />
        <RuleLine name="开奖时间" value={formatLocalDateTime(draw.drawAt)} />
        <RuleLine name="付款时限" value={purchaseText(draw.purchaseHours)} />
        {draw.entryCount !== null ? <RuleLine name="已报名" value={`${draw.entryCount} 人`} testId="draw-entry-count" /> : null}
        <Text className="draw-rules__note">每人限报名一次；中签与否只由公开的随机种子决定，与报名先后、分享次数无关。</Text>
      </View>

      <View className="card draw-fair" data-testid="draw-fairness">
        <Text className="draw-section__title">公平可验证</Text>
        <Text className="draw-fair__text">
          开奖前已公布种子哈希：品牌在创建抽签时就锁定了一个保密的随机种子，只公开它的
          SHA-256。开奖时公开种子本身，任何人都能核对哈希、按公开的报名名单复算中签结果。
        </Text>
        <Text className="draw-fair__label">种子哈希（开奖前公布）</Text>
        <Text className="draw-fair__hash" selectable data-testid="draw-commitment">
          {draw.commitment}
        </Text>
        {draw.phase === 'drawn' ? (
          <Button size="small" type="primary" fill="outline" onClick={() => openVerify(draw.id, myEntry?.entryId)} data-testid="draw-verify-link">
            查看开奖数据并验证
          </Button>
        ) : (
          <Text className="draw-fair__later">开奖后可在此查看种子、完整名单并在本页复算。</Text>
        )}
      </View>

      <View className="draw-page__footer">
        <ShareButton target={{ targetType: 'draw', targetId: draw.id }} testId="draw-share" text="分享给好友" />
        <Text className="draw-page__mine" onClick={() => openPage(ROUTES.drawsMine)} data-testid="draw-mine-link">
          我的抽签 ›
        </Text>
      </View>
      <Text className="draw-page__share-note">分享只是告诉好友，不会增加中签机会。</Text>
      <SubscribeSheet />
    </View>
  );
}

function RuleLine({ name, value, testId }: { name: string; value: string; testId?: string }) {
  return (
    <View className="draw-rule">
      <Text className="draw-rule__name">{name}</Text>
      <Text className="draw-rule__value" data-testid={testId}>
        {value}
      </Text>
    </View>
  );
}

/** 参加抽签 (or why not, and the way on), or my entry: its receipt, state and what to do next. */
function EntryBlock({ detail }: { detail: DrawDetailView }) {
  const { draw, myEntry, canEnter, refusal } = detail;
  const entering = useDrawsStore.use.drawEntering();
  const enterError = useDrawsStore.use.drawEnterError();
  const enter = useDrawsStore((state) => state.enterDraw);
  const busy = entering === draw.id;

  const onEnter = useCallback(() => {
    if (busy) return;
    // Straight from the tap: the store asks for the result message before anything is awaited.
    void enter(draw.id).then((result) => {
      if (result.ok) void Taro.showToast({ title: '报名成功', icon: 'success' });
      else if (result.error.code === 'DRAW_ALREADY_ENTERED') void Taro.showToast({ title: '已报名', icon: 'none' });
    });
  }, [busy, enter, draw.id]);

  if (myEntry) return <Receipt entry={myEntry} phase={draw.phase} drawId={draw.id} />;
  if (draw.phase === 'cancelled') return null;

  const error = enterError?.drawId === draw.id ? enterError.error : null;
  return (
    <View className="card draw-enter" data-testid="draw-enter-block" data-can-enter={canEnter ? 'true' : 'false'}>
      <Button type="primary" block disabled={!canEnter || busy} loading={busy} onClick={onEnter} data-testid="draw-enter">
        {canEnter ? '参加抽签' : draw.phase === 'open' ? '暂不能参加' : draw.phase === 'upcoming' ? '未开始' : '报名已截止'}
      </Button>
      {!canEnter && refusal ? <RefusalWays refusal={refusal} /> : null}
      {canEnter ? <Text className="draw-enter__hint">报名时会询问是否接收开奖结果通知，拒绝也可正常参加。</Text> : null}
      {error ? (
        <Text className="draw-enter__error" data-testid="draw-enter-error">
          {drawsErrorText(error)}
        </Text>
      ) : null}
    </View>
  );
}

/** The refusal as the server words it, and what the member can do about it. */
function RefusalWays({ refusal }: { refusal: DrawRefusal }) {
  const byDays = refusal.need === 'membership_days';
  return (
    <View className="draw-refusal">
      <Text className="draw-refusal__text" data-testid="draw-enter-refusal" data-code={refusal.code}>
        {refusal.message}
      </Text>
      {refusal.code === 'NOT_A_MEMBER' ? (
        <Text className="draw-refusal__way" onClick={() => openPage(ROUTES.member)} data-testid="draw-way-join">
          去加入会员 ›
        </Text>
      ) : null}
      {refusal.code === 'DRAW_NOT_ELIGIBLE' && !byDays ? (
        <View className="draw-refusal__ways">
          <Text className="draw-refusal__way" onClick={() => openPage(ROUTES.catalog)} data-testid="draw-way-shop">
            去下单 ›
          </Text>
          <Text className="draw-refusal__way" onClick={() => openPage(ROUTES.ladder)} data-testid="draw-way-ladder">
            查看等级 ›
          </Text>
        </View>
      ) : null}
    </View>
  );
}

function Receipt({ entry, phase, drawId }: { entry: MyDrawEntry; phase: DrawDetailView['draw']['phase']; drawId: string }) {
  return (
    <View className={`card draw-receipt draw-receipt--${entryTone(entry.state)}`} data-testid="draw-receipt" data-state={entry.state}>
      <Text className="draw-receipt__state" data-testid="draw-entry-state">
        {entryStateText(entry)}
      </Text>
      <Text className="draw-receipt__label">抽签编号（开奖后可在公开名单中找到）</Text>
      <Text className="draw-receipt__id" selectable data-testid="draw-entry-id">
        {entry.entryId}
      </Text>
      <Text className="draw-receipt__meta">
        报名时间 {formatLocalDateTime(entry.enteredAt)}
        {entry.notify ? ' · 已开启开奖通知' : ''}
      </Text>
      {entry.state === 'won' && entry.orderId ? (
        <Button type="primary" block onClick={() => openOrder(entry.orderId!)} data-testid="draw-pay">
          去付款
        </Button>
      ) : null}
      {entry.state === 'paid' && entry.orderId ? (
        <Text className="draw-refusal__way" onClick={() => openOrder(entry.orderId!)} data-testid="draw-order-link">
          查看订单 ›
        </Text>
      ) : null}
      {phase === 'drawn' ? (
        <Text className="draw-refusal__way" onClick={() => openVerify(drawId, entry.entryId)} data-testid="draw-receipt-verify">
          在公开名单中核对 ›
        </Text>
      ) : null}
    </View>
  );
}
