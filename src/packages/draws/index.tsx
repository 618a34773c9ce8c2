import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { PageState } from '@/components/page-state/page-state';
import { ROUTES, openPage, routeParam } from '@/routes';
import { DrawDetail } from './parts/draw-detail';
import { DrawCard } from './parts/draw-card';
import { drawsErrorText, GROUP_TITLE, groupOf, type DrawGroup } from './draws-text';
import { useDrawsStore } from './store';
import './draws.scss';

const GROUPS: DrawGroup[] = ['open', 'upcoming', 'past'];

/**
 * 限量抽签. A draw's card (`?id=`, what referral.share makes) and a result message (`?drawId=`)
 * open this page with one draw: it shows that draw, as its page would.
 */
export default function DrawsPage() {
  const [drawId] = useState(() => routeParam('id') || routeParam('drawId'));
  if (drawId) return <DrawDetail drawId={drawId} />;
  return <DrawsList />;
}

function DrawsList() {
  const draws = useDrawsStore.use.drawList();
  const status = useDrawsStore.use.drawListStatus();
  const error = useDrawsStore.use.drawListError();
  const offsetMs = useDrawsStore.use.drawClockOffsetMs();
  const load = useDrawsStore((state) => state.loadDrawList);

  // Fresh on every visit: phases and 已报名 change while the person is away.
  useEffect(() => {
    void load();
  }, [load]);

  const mine = (
    <View className="draws-head" onClick={() => openPage(ROUTES.drawsMine)} data-testid="draws-mine-entry">
      <View className="draws-head__text">
        <Text className="draws-head__title">限量抽签</Text>
        <Text className="draws-head__hint">每人一次机会；开奖前公布种子哈希，开奖后任何人都能复算结果</Text>
      </View>
      <Text className="draws-head__link">我的抽签 ›</Text>
    </View>
  );

  if (status === 'error') {
    return (
      <View className="page draws-page">
        {mine}
        <PageState kind="error" testId="draws-error" title="抽签加载失败" description={drawsErrorText(error)} actionText="重试" onAction={() => void load()} />
      </View>
    );
  }
  if (status !== 'ready') {
    return (
      <View className="page draws-page">
        {mine}
        <PageState kind="loading" testId="draws-loading" />
      </View>
    );
  }
  if (draws.length === 0) {
    return (
      <View className="page draws-page">
        {mine}
        <PageState
          kind="empty"
          testId="draws-empty"
          title="暂时没有抽签"
          description="新的限量发售会在这里公布，开始报名前就能看到。"
          actionText="逛逛商品"
          onAction={() => openPage(ROUTES.catalog)}
        />
      </View>
    );
  }
  return (
    <View className="page draws-page" data-testid="draws-list">
      {mine}
      {GROUPS.map((group) => {
        const inGroup = draws.filter((d) => groupOf(d.phase) === group);
        if (inGroup.length === 0) return null;
        return (
          <View key={group} className="draws-group" data-testid={`draws-group-${group}`}>
            <Text className="draws-group__title">{GROUP_TITLE[group]}</Text>
            {inGroup.map((draw) => (
              <DrawCard key={draw.id} draw={draw} offsetMs={offsetMs} onTimeUp={() => void load()} />
            ))}
          </View>
        );
      })}
    </View>
  );
}
