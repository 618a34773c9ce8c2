import QRCode from 'qrcode';
import { WxApiError, type OpenApiAnswer } from './wire';

/** Characters WeChat allows in a mini-program code's scene (at most 32 of them). */
const SCENE_CHARS = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]+$/;
const PAGE_PATH = /^[A-Za-z0-9_\-./]+$/;
export const DEFAULT_PAGE = 'pages/index/index';

export interface WxacodeRequest {
  scene: unknown;
  page?: unknown;
  width?: unknown;
  isHyaline?: unknown;
  lineColor?: unknown;
}

export interface ValidWxacode {
  scene: string;
  page: string;
  width: number;
  transparent: boolean;
  dark: string;
}

/** Validates like WeChat's getUnlimited, throwing the codes WeChat answers with. */
export function validateWxacode(req: WxacodeRequest): ValidWxacode {
  const { scene, page, width, isHyaline, lineColor } = req;
  if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32) {
    throw new WxApiError(40169, 'invalid length for scene, or the data is not json string (scene must be 1 to 32 characters)');
  }
  if (!SCENE_CHARS.test(scene)) {
    throw new WxApiError(40129, "invalid scene: only letters, digits and !#$&'()*+,/:;=?@-._~ are allowed");
  }
  let pagePath = DEFAULT_PAGE;
  if (page !== undefined && page !== '') {
    // WeChat wants a page path without a leading slash and without a query (data goes in scene).
    if (typeof page !== 'string' || page.startsWith('/') || !PAGE_PATH.test(page)) {
      throw new WxApiError(41030, 'invalid page: use a path like pages/index/index, without a leading / or a query');
    }
    pagePath = page;
  }
  let size = 430;
  if (width !== undefined) {
    const n = Number(width);
    if (!Number.isFinite(n)) throw new WxApiError(40097, 'invalid args: width must be a number');
    // WeChat clamps the width to 280..1280 px rather than refusing it.
    size = Math.min(1280, Math.max(280, Math.round(n)));
  }
  return { scene, page: pagePath, width: size, transparent: isHyaline === true, dark: colorOf(lineColor) };
}

function colorOf(lineColor: unknown): string {
  const c = lineColor as { r?: unknown; g?: unknown; b?: unknown } | undefined;
  if (!c || typeof c !== 'object') return '#000000ff';
  const part = (v: unknown) =>
    Math.min(255, Math.max(0, Number(v) || 0))
      .toString(16)
      .padStart(2, '0');
  return `#${part(c.r)}${part(c.g)}${part(c.b)}ff`;
}

/** The URL an emulated code opens: the H5 build's page, with the scene as WeChat passes it. */
export function wxacodeTarget(h5BaseUrl: string, code: Pick<ValidWxacode, 'scene' | 'page'>): string {
  return `${h5BaseUrl}#/${code.page}?scene=${encodeURIComponent(code.scene)}`;
}

export async function renderWxacode(h5BaseUrl: string, code: ValidWxacode): Promise<Buffer> {
  return QRCode.toBuffer(wxacodeTarget(h5BaseUrl, code), {
    type: 'png',
    width: code.width,
    margin: 2,
    errorCorrectionLevel: 'M',
    color: { dark: code.dark, light: code.transparent ? '#ffffff00' : '#ffffffff' },
    // pngjs's default adaptive filter costs over a second per code inside jest's VM (30 ms in
    // plain node); the Sub filter is ~70 ms everywhere and suits a two-colour image well.
    rendererOpts: { filterType: 1 },
  } as QRCode.QRCodeToBufferOptions);
}

/** `wxacode.getUnlimited`: a PNG, which the function receives as `{ contentType, buffer }`. */
export async function getUnlimited(args: Record<string, unknown>, h5BaseUrl: string): Promise<OpenApiAnswer> {
  const code = validateWxacode({
    scene: args.scene,
    page: args.page,
    width: args.width,
    isHyaline: args.is_hyaline,
    lineColor: args.line_color,
  });
  return { contentType: 'image/png', body: await renderWxacode(h5BaseUrl, code) };
}
