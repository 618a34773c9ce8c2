import type { MiniProgram } from './mini-program';

/** A `<canvas type="2d">` node as a selector query returns it: it records what is drawn. */
export interface CanvasNode {
  width: number;
  height: number;
  __drawCalls: Array<{ op: string; args: unknown[] }>;
  getContext(kind: string): unknown;
  createImage(): unknown;
}

const METHODS = [
  'fillRect',
  'strokeRect',
  'clearRect',
  'fillText',
  'strokeText',
  'drawImage',
  'beginPath',
  'closePath',
  'moveTo',
  'lineTo',
  'arc',
  'arcTo',
  'bezierCurveTo',
  'quadraticCurveTo',
  'rect',
  'fill',
  'stroke',
  'clip',
  'save',
  'restore',
  'scale',
  'rotate',
  'translate',
  'transform',
  'setTransform',
  'resetTransform',
  'setLineDash',
];

export function createCanvasNode(mp: MiniProgram): CanvasNode {
  const drawCalls: CanvasNode['__drawCalls'] = [];
  const state: Record<string, unknown> = {
    fillStyle: '#000000',
    strokeStyle: '#000000',
    font: '10px sans-serif',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    globalAlpha: 1,
    lineWidth: 1,
  };
  const ctx: Record<string, unknown> = {};
  for (const op of METHODS) ctx[op] = (...args: unknown[]) => void drawCalls.push({ op, args });
  ctx.measureText = (text: string) => {
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(String(state.font))?.[1] ?? 10);
    // CJK glyphs are square; Latin ones about half as wide.
    let width = 0;
    for (const ch of Array.from(String(text))) width += ch.charCodeAt(0) > 0x2e80 ? size : size * 0.55;
    return { width };
  };
  ctx.createLinearGradient = () => ({ addColorStop: () => undefined });
  const context = new Proxy(ctx, {
    get: (target, prop) => (typeof prop === 'string' && prop in state ? state[prop] : target[prop as string]),
    set: (_target, prop, value) => {
      state[prop as string] = value;
      drawCalls.push({ op: `set ${String(prop)}`, args: [value] });
      return true;
    },
  });
  return {
    width: 300,
    height: 150,
    __drawCalls: drawCalls,
    getContext: (kind: string) => (kind === '2d' ? context : null),
    createImage: () => {
      const image: any = { width: 0, height: 0, onload: null, onerror: null };
      let src = '';
      Object.defineProperty(image, 'src', {
        get: () => src,
        set: (value: string) => {
          src = String(value);
          // A local (tmp) or https file loads; anything else is what WeChat cannot open.
          const ok = /^(https?:\/\/|wxfile:\/\/|data:image\/)/.test(src);
          mp.timers.setTimeout(() => {
            if (ok) {
              image.width = 600;
              image.height = 600;
              image.onload?.();
            } else image.onerror?.({ errMsg: `image load failed: ${src}` });
          }, 0);
        },
      });
      return image;
    },
  };
}
