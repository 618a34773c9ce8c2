import { useEffect, useRef, useState } from 'react';
import { Text } from '@tarojs/components';
import { remainingText } from '../draws-text';

/**
 * Time left until `to` on the server's clock (this phone's time plus the offset the last answer
 * gave), ticking each second in the last hour and every half minute before. `onEnd` runs once when
 * the time comes (the page reads the draw again: it has moved on).
 */
export function Countdown({
  to,
  label,
  offsetMs,
  testId,
  onEnd,
  endedText = '即将更新…',
}: {
  to: string;
  label: string;
  offsetMs: number;
  testId: string;
  onEnd?: () => void;
  endedText?: string;
}) {
  const target = Date.parse(to);
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  const left = target - now;
  const ended = useRef(false);

  useEffect(() => {
    setNow(Date.now() + offsetMs);
  }, [offsetMs, to]);

  useEffect(() => {
    if (!(left > 0)) return;
    const step = left > 3_600_000 ? 30_000 : 1000;
    const timer = setTimeout(() => setNow(Date.now() + offsetMs), Math.min(step, left));
    return () => clearTimeout(timer);
  }, [left, offsetMs]);

  useEffect(() => {
    if (left <= 0 && !ended.current) {
      ended.current = true;
      onEnd?.();
    }
  }, [left, onEnd]);

  if (Number.isNaN(target)) return null;
  return (
    <Text className="draw-countdown" data-testid={testId}>
      {left > 0 ? `${label} ${remainingText(left)}` : endedText}
    </Text>
  );
}
