import { useEffect } from 'react';
import { View, Text, Image } from '@tarojs/components';
import { PageState } from '@/components/page-state/page-state';
import { ROUTES, openPage } from '@/routes';
import type { MyDrawEntry } from '@/services/contracts';
import { imageSrc } from '@/utils/cloud-image';
import { formatLocalDateTime } from '@/utils/date';
import { openDraw } from './parts/draw-card';
import { drawsErrorText, entryStateText, entryTone } from './draws-text';
import { useDrawsStore } from './store';
import './draws.scss';

/** 我的抽签: each entry's state in words (pay by …, waitlist #n), newest first; a tap opens the draw. */
export default function MyDrawsPage() {
  const entries = useDrawsStore.use.myDrawEntries();
  const status = useDrawsStore.use.myDrawEntriesStatus();
  const error = useDrawsStore.use.myDrawEntriesError();
  const load = useDrawsStore((state) => state.loadMyDrawEntries);

  useEffect(() => {
    void load();
  }, [load]);

  if (status === 'error') {
    return (
      <View className="page draws-page">
        <PageState
          kind="error"
          testId="my-draws-error"
          title="我的抽签加载失败"
          description={drawsErrorText(error)}
          actionText="重试"
          onAction={() => void load()}
        />
      </View>
    );
  }
  if (status !== 'ready') {
    return (
      <View className="page draws-page">
        <PageState kind="loading" testId="my-draws-loading" />
      </View>
    );
  }
  if (entries.length === 0) {
    return (
      <View className="page draws-page">
        <PageState
          kind="empty"
          testId="my-draws-empty"
          title="还没有参加过抽签"
          description="报名后，开奖结果和付款时限会显示在这里。"
          actionText="去看看抽签"
          onAction={() => openPage(ROUTES.draws)}
        />
      </View>
    );
  }
  return (
    <View className="page draws-page" data-testid="my-draws-list">
      {entries.map((entry) => (
        <MyEntryRow key={entry.entryId} entry={entry} />
      ))}
    </View>
  );
}

function MyEntryRow({ entry }: { entry: MyDrawEntry }) {
  const image = imageSrc(entry.productImage);
  return (
    <View className="card my-draw" onClick={() => openDraw(entry.drawId)} data-testid="my-draw-entry" data-state={entry.state} data-draw-id={entry.drawId}>
      {image ? <Image className="my-draw__image" src={image} mode="aspectFill" /> : <View className="my-draw__image my-draw__image--empty" />}
      <View className="my-draw__body">
        <Text className="my-draw__title">{entry.drawTitle}</Text>
        <Text className="my-draw__meta">{entry.productName}</Text>
        <Text className={`my-draw__state my-draw__state--${entryTone(entry.state)}`} data-testid="my-draw-state">
          {entryStateText(entry)}
        </Text>
        <Text className="my-draw__meta">{formatLocalDateTime(entry.enteredAt)} 报名</Text>
      </View>
      <Text className="my-draw__arrow">›</Text>
    </View>
  );
}
