// The brand: the ONLY place where its name, slogan, colours and radii are written down.
// - Pages and page titles show brandText (the home hero, the navigation bar); change the brand
//   here, not in a page.
// - Styles get the colours and radii as Sass variables ($fw-color-primary, $fw-radius-base, …), prepended to every
//   .scss file by config/index.ts; styles/theme.scss turns them into CSS variables for our own
//   styles and points NutUI's --nutui-* variables at them.
// - app.config.ts uses them for the native navigation bar and tab bar, which CSS cannot reach.

export const brandText = {
  name: '山川咖啡',
  slogan: '每一杯，都从产地开始',
} as const;

export const brandColors = {
  primary: '#17806d',
  primaryPressed: '#0f5e50',
  primaryLight: '#e3f3ef',
  primaryDisabled: '#9fcdc3',
  accent: '#d9a441',
  accentLight: '#fbf3e2',
  danger: '#d64541',
  text: '#1d2723',
  textSecondary: '#5f6b66',
  textMuted: '#9aa5a0',
  background: '#f4f6f5',
  surface: '#ffffff',
  border: '#e3e8e6',
} as const;

/** In 750-wide design px (Taro turns them into rpx on weapp and rem on h5). */
export const brandRadii = {
  small: '8px',
  base: '16px',
  large: '32px',
  pill: '999px',
} as const;

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** `$fw-color-primary: #17806d;` … for Sass's additionalData. */
export function brandScssVariables(): string {
  const colors = Object.entries(brandColors).map(([name, value]) => `$fw-color-${kebab(name)}: ${value};`);
  const radii = Object.entries(brandRadii).map(([name, value]) => `$fw-radius-${kebab(name)}: ${value};`);
  return `${[...colors, ...radii].join('\n')}\n`;
}
