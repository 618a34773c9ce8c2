import { render, screen } from '@testing-library/react';
import { TierLadder } from './tier-ladder';
import { TIER_STEPS, ladderPosition } from '@/utils/tier-steps';

describe('TierLadder', () => {
  it('shows the five rungs in order', () => {
    render(<TierLadder tier="follower" />);
    const names = TIER_STEPS.map((step) => step.name);
    expect(names).toEqual(['基础用户', '未购会员', '已购会员', '复购会员', '品牌KOC']);
    for (const name of names) expect(screen.getByText(name)).toBeTruthy();
  });

  it.each([
    ['follower', 1],
    ['member', 2],
    ['buyer', 3],
    ['repeat_buyer', 4],
    ['koc', 5],
  ] as const)('places %s on rung %i', (tier, position) => {
    expect(ladderPosition(tier)).toBe(position);
    render(<TierLadder tier={tier} />);
    expect(screen.getByTestId('tier-ladder').getAttribute('data-position')).toBe(String(position));
  });
});
