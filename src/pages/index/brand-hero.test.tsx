import { render, screen } from '@testing-library/react';
import { brandText } from '@/styles/brand-tokens';
import { BrandHero } from './brand-hero';

describe('BrandHero', () => {
  it("shows the brand's name and slogan from the brand tokens", () => {
    render(<BrandHero />);

    expect(screen.getByTestId('brand-name').textContent).toBe('山川咖啡');
    expect(screen.getByTestId('brand-slogan').textContent).toBe('每一杯，都从产地开始');
    expect(brandText).toEqual({ name: '山川咖啡', slogan: '每一杯，都从产地开始' });
    expect(screen.queryByText('Flywheel')).toBeNull();
  });
});
