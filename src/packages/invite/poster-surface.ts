import Taro from '@tarojs/taro';
import { POSTER_HEIGHT, POSTER_WIDTH, type PosterContext, type PosterImage } from './poster-draw';

// Where the poster is drawn, per platform. weapp: the page's <Canvas type="2d"> node (found by a
// selector query once WeChat has rendered it), images through canvas.createImage(). h5: an
// off-screen canvas (Taro's h5 canvas resets its pixels when it re-renders, and the browser only
// needs the picture), whose data URL the page shows as an image to long-press or download.

export interface PosterSurface {
  ctx: PosterContext;
  /** weapp: the canvas node for Taro.canvasToTempFilePath. */
  canvas: unknown;
  loadImage: (src: string) => Promise<PosterImage>;
  /** h5: the drawing as a PNG data URL. */
  toDataUrl: () => string;
}

interface CanvasNode {
  width: number;
  height: number;
  getContext: (kind: '2d') => (PosterContext & { scale: (x: number, y: number) => void }) | null;
  createImage?: () => PosterImage;
  toDataURL?: (type?: string) => string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function findCanvasNode(selector: string): Promise<{ node: CanvasNode; width: number } | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(selector)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: CanvasNode; width?: number } | null>) => {
        const found = res?.[0];
        resolve(found?.node ? { node: found.node, width: found.width || POSTER_WIDTH } : null);
      });
  });
}

/** Loads `src` into a browser image or a weapp canvas image (both have onload, onerror and src). */
function imageLoaded(image: PosterImage, src: string): Promise<PosterImage> {
  const target = image as unknown as { onload: (() => void) | null; onerror: (() => void) | null; src: string };
  return new Promise((resolve, reject) => {
    target.onload = () => resolve(image);
    target.onerror = () => reject(new Error(`image failed to load: ${src}`));
    target.src = src;
  });
}

async function weappSurface(selector: string): Promise<PosterSurface> {
  // The node exists once WeChat has rendered the page's last update: ask again a few times.
  let found = await findCanvasNode(selector);
  for (let attempt = 0; !found && attempt < 5; attempt += 1) {
    await sleep(100);
    found = await findCanvasNode(selector);
  }
  if (!found) throw new Error('poster canvas not found');
  const { node } = found;
  const ctx = node.getContext('2d');
  if (!ctx || !node.createImage) throw new Error('2d canvas unavailable');
  const ratio = Taro.getWindowInfo().pixelRatio || 2;
  const scale = (found.width / POSTER_WIDTH) * ratio;
  node.width = Math.round(POSTER_WIDTH * scale);
  node.height = Math.round(POSTER_HEIGHT * scale);
  ctx.scale(scale, scale);
  return {
    ctx,
    canvas: node,
    loadImage: async (src) => {
      // A cloud fileID is downloaded to a local file first (getImageInfo accepts fileIDs).
      const path = src.startsWith('cloud://') ? (await Taro.getImageInfo({ src })).path : src;
      return imageLoaded(node.createImage!(), path);
    },
    toDataUrl: () => '',
  };
}

function h5Surface(): PosterSurface {
  const canvas = document.createElement('canvas');
  const ratio = Math.max(2, Math.ceil(window.devicePixelRatio || 1));
  canvas.width = POSTER_WIDTH * ratio;
  canvas.height = POSTER_HEIGHT * ratio;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2d canvas unavailable');
  ctx.scale(ratio, ratio);
  return {
    ctx,
    canvas,
    loadImage: (src) => {
      const image = new Image();
      // A code served from another origin must allow it, or the canvas could not be exported.
      if (new URL(src, window.location.href).origin !== window.location.origin) image.crossOrigin = 'anonymous';
      return imageLoaded(image, src);
    },
    toDataUrl: () => canvas.toDataURL('image/png'),
  };
}

/** The surface to draw the poster on; `selector` names the weapp page's canvas. */
export function openPosterSurface(selector: string): Promise<PosterSurface> {
  if (process.env.TARO_ENV === 'weapp') return weappSurface(selector);
  return Promise.resolve().then(h5Surface);
}
