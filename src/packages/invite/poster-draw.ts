import { brandColors } from '@/styles/brand-tokens';

// The invite poster, drawn on a 2d canvas in a fixed 300 x 480 layout (the surface scales it to
// the device's pixels): the brand's colours from brand-tokens, the invitation or the product, the
// member's name and the mini-program code that opens the card. Pure drawing: no Taro, no I/O.

export const POSTER_WIDTH = 300;
export const POSTER_HEIGHT = 480;

/** What the canvas can draw as an image: a browser image, or weapp's canvas.createImage(). */
export type PosterImage = CanvasImageSource & { width: number; height: number };

/** The part of a 2d context the poster uses (weapp's 2d context has the same members). */
export type PosterContext = Pick<
  CanvasRenderingContext2D,
  | 'fillStyle'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
  | 'globalAlpha'
  | 'fillRect'
  | 'fillText'
  | 'measureText'
  | 'drawImage'
  | 'beginPath'
  | 'moveTo'
  | 'arcTo'
  | 'closePath'
  | 'fill'
  | 'save'
  | 'restore'
  | 'clip'
>;

export interface PosterContent {
  brandName: string;
  slogan: string;
  /** The member whose card this is. */
  nickname: string;
  /** An invitation, or a product (its name and a line under it). */
  product: { name: string; subtitle: string } | null;
  /** Under the code: how to open it (长按识别 in WeChat, 扫码 in a browser). */
  codeHint: string;
}

export interface PosterImages {
  code: PosterImage;
  product: PosterImage | null;
}

const FONT = "'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";
const font = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size}px ${FONT}`;

function roundRect(ctx: PosterContext, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

/** Splits text into at most `maxLines` lines of `maxWidth` (character by character: Chinese has no spaces). */
export function wrapText(ctx: Pick<PosterContext, 'measureText'>, text: string, maxWidth: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of Array.from(text)) {
    if (line && ctx.measureText(line + char).width > maxWidth) {
      lines.push(line);
      line = char;
      if (lines.length === maxLines) break;
    } else {
      line += char;
    }
  }
  if (lines.length < maxLines && line) lines.push(line);
  else if (lines.length === maxLines && Array.from(text).length > lines.join('').length) {
    const last = Array.from(lines[maxLines - 1]);
    lines[maxLines - 1] = `${last.slice(0, Math.max(0, last.length - 1)).join('')}…`;
  }
  return lines;
}

/** Draws `image` to fill the box, cropped from its centre (like mode="aspectFill"). */
function drawCover(ctx: PosterContext, image: PosterImage, x: number, y: number, w: number, h: number) {
  const scale = Math.max(w / image.width, h / image.height);
  const sw = w / scale;
  const sh = h / scale;
  ctx.drawImage(image, (image.width - sw) / 2, (image.height - sh) / 2, sw, sh, x, y, w, h);
}

function text(ctx: PosterContext, value: string, x: number, y: number, size: number, color: string, options: { bold?: boolean; align?: CanvasTextAlign } = {}) {
  ctx.font = font(size, options.bold);
  ctx.fillStyle = color;
  ctx.textAlign = options.align ?? 'center';
  ctx.fillText(value, x, y);
}

export function drawPoster(ctx: PosterContext, content: PosterContent, images: PosterImages): void {
  const W = POSTER_WIDTH;
  const centre = W / 2;
  const name = content.nickname || '好友';
  ctx.textBaseline = 'alphabetic';

  // The brand: its colour, name and slogan.
  ctx.fillStyle = brandColors.primary;
  ctx.fillRect(0, 0, W, POSTER_HEIGHT);
  ctx.fillStyle = brandColors.accent;
  ctx.fillRect(24, 76, 32, 3);
  text(ctx, content.brandName, 24, 44, 20, brandColors.surface, { bold: true, align: 'left' });
  ctx.globalAlpha = 0.85;
  text(ctx, content.slogan, 24, 66, 12, brandColors.surface, { align: 'left' });
  ctx.globalAlpha = 1;

  // The card.
  ctx.fillStyle = brandColors.surface;
  roundRect(ctx, 16, 92, W - 32, POSTER_HEIGHT - 108, 12);
  ctx.fill();

  if (content.product) {
    ctx.save();
    roundRect(ctx, 36, 110, W - 72, 130, 8);
    ctx.clip();
    ctx.fillStyle = brandColors.primaryLight;
    ctx.fillRect(36, 110, W - 72, 130);
    if (images.product) drawCover(ctx, images.product, 36, 110, W - 72, 130);
    ctx.restore();
    ctx.font = font(16, true);
    wrapText(ctx, content.product.name, W - 72, 2).forEach((line, i) => text(ctx, line, centre, 266 + i * 22, 16, brandColors.text, { bold: true }));
    if (content.product.subtitle) {
      ctx.font = font(12);
      text(ctx, wrapText(ctx, content.product.subtitle, W - 72, 1)[0] ?? '', centre, 312, 12, brandColors.textSecondary);
    }
    text(ctx, `${name} 推荐给你`, centre, 334, 12, brandColors.primary);
  } else {
    text(ctx, name, centre, 138, 18, brandColors.text, { bold: true });
    text(ctx, '邀请你加入', centre, 166, 14, brandColors.textSecondary);
    text(ctx, `${content.brandName}会员`, centre, 204, 26, brandColors.primary, { bold: true });
    text(ctx, '会员价 · 消费积分 · 限量抽签', centre, 232, 12, brandColors.textSecondary);
    ctx.fillStyle = brandColors.border;
    ctx.fillRect(48, 256, W - 96, 1);
  }

  // The mini-program code that opens the card, and how to open it.
  const size = content.product ? 92 : 120;
  const top = content.product ? 346 : 276;
  ctx.drawImage(images.code, centre - size / 2, top, size, size);
  text(ctx, content.codeHint, centre, top + size + 20, 11, brandColors.textMuted);
}
