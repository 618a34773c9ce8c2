import { gatewayBaseUrl } from './runtime-env';

// Images stored in cloud storage arrive as `cloud://` fileIDs. The mini-program's <Image> renders
// them natively; a browser cannot, so on h5 the local emulator serves them at
// GET /storage/file?fileID=<id> (same origin as its gateway; emulator/README-modules.md).

/** The `src` to give an <Image>: '' when there is no image; https URLs unchanged. */
export function imageSrc(image: string | null | undefined): string {
  if (!image) return '';
  // Inline platform test, so the weapp build drops the h5 branch (see utils/runtime-env.ts).
  if (process.env.TARO_ENV === 'h5' && image.startsWith('cloud://')) {
    return `${gatewayBaseUrl()}/storage/file?fileID=${encodeURIComponent(image)}`;
  }
  return image;
}
