import { useState } from 'react';
import { routeParam } from '@/routes';
import { DrawDetail } from './parts/draw-detail';
import './draws.scss';

/** 抽签详情 (`?id=`). */
export default function DrawDetailPage() {
  const [drawId] = useState(() => routeParam('id'));
  return <DrawDetail drawId={drawId} />;
}
