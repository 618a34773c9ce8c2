import { useEffect, useMemo, useState } from 'react';
import { View, Text, Canvas, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { StatePage } from '@/components/page-state/page-state';
import { useSession } from '@/hooks/use-session';
import { ROUTES, openPage, routeParam } from '@/routes';
import { selectProductDetail } from '@/store';
import { posterKey, selectPoster, useInviteStore, type PosterInput, type PosterResult } from '@/packages/invite/store';
import { brandText } from '@/styles/brand-tokens';
import { imageSrc } from '@/utils/cloud-image';
import { inviteErrorText } from './invite-text';
import { drawPoster, type PosterContent } from './poster-draw';
import { openPosterSurface } from './poster-surface';
import { posterFile, savePosterToAlbum } from './save-poster';
import './poster.scss';

const CANVAS_ID = 'poster-canvas';

type DrawState = { state: 'waiting' | 'drawing' } | { state: 'ready'; canvas: unknown; image: string } | { state: 'error' };

/** An image as this platform's canvas loads it: weapp takes cloud fileIDs, h5 goes through the emulator. */
const canvasImageSource = (image: string) => (process.env.TARO_ENV === 'h5' ? imageSrc(image) : image);

const codeSource = (poster: PosterResult) => canvasImageSource(poster.qrFileId || poster.qrUrl);

/**
 * 邀请海报: the server makes a poster card (referral.poster: a share on the poster channel and its
 * mini-program code, whose scene is the card's code); the page draws brand, invitation or
 * product, my name and the code, then saves it to the album (weapp) or shows it to keep (h5).
 */
export default function PosterPage() {
  const [productId] = useState(() => routeParam('id'));
  const input = useMemo<PosterInput>(() => (productId ? { targetType: 'product', targetId: productId } : { targetType: 'invite' }), [productId]);
  const entry = useInviteStore(selectPoster(posterKey(input)));
  const loadPoster = useInviteStore((state) => state.loadPoster);
  const product = useInviteStore(selectProductDetail(productId));
  const loadProduct = useInviteStore((state) => state.loadProduct);
  const { status: sessionStatus, profile } = useSession();
  const [draw, setDraw] = useState<DrawState>({ state: 'waiting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void loadPoster(input);
  }, [input, loadPoster]);

  useEffect(() => {
    if (productId && product.status === 'idle') void loadProduct(productId);
  }, [productId, product.status, loadProduct]);

  const poster = entry.poster;
  // Drawn once the card, the name (when the session can say it) and the product are known.
  const nameKnown = sessionStatus === 'ready' || sessionStatus === 'error';
  const productKnown = !productId || product.status === 'ready' || product.status === 'error';
  const nickname = profile?.nickname ?? '';

  useEffect(() => {
    if (!poster || !nameKnown || !productKnown) return;
    let cancelled = false;
    setDraw({ state: 'drawing' });
    (async () => {
      const surface = await openPosterSurface(`#${CANVAS_ID}`);
      const shown = product.product;
      const [code, picture] = await Promise.all([
        surface.loadImage(codeSource(poster)),
        shown?.image ? surface.loadImage(canvasImageSource(shown.image)).catch(() => null) : Promise.resolve(null),
      ]);
      const content: PosterContent = {
        brandName: brandText.name,
        slogan: brandText.slogan,
        nickname,
        product: shown ? { name: shown.name, subtitle: shown.subtitle } : null,
        codeHint: process.env.TARO_ENV === 'h5' ? '扫码打开小程序' : '长按识别小程序码',
      };
      drawPoster(surface.ctx, content, { code, product: picture });
      const image = process.env.TARO_ENV === 'h5' ? surface.toDataUrl() : '';
      if (!cancelled) setDraw({ state: 'ready', canvas: surface.canvas, image });
    })().catch((error: unknown) => {
      console.warn('[poster] drawing failed', error);
      if (!cancelled) setDraw({ state: 'error' });
    });
    return () => {
      cancelled = true;
    };
  }, [poster, nameKnown, productKnown, nickname, product.product, attempt]);

  if (entry.status === 'error') {
    const join = entry.error?.code === 'NOT_A_MEMBER';
    return (
      <StatePage
        kind="error"
        testId="poster-error"
        title="海报生成失败"
        description={inviteErrorText(entry.error)}
        actionText={join ? '去加入会员' : '重试'}
        onAction={() => (join ? openPage(ROUTES.member) : void loadPoster(input))}
      />
    );
  }
  if (!poster) {
    return <StatePage kind="loading" testId="poster-loading" title="正在生成海报…" />;
  }
  const h5 = process.env.TARO_ENV === 'h5';
  return (
    <View className="page poster-page" data-testid="poster-page" data-code={poster.code}>
      <View className="poster-frame" data-testid="poster-canvas" data-state={draw.state}>
        {/* weapp draws on the page's canvas; h5 draws off-screen and shows the picture. */}
        {h5 ? null : <Canvas type="2d" id={CANVAS_ID} className="poster-frame__canvas" />}
        {h5 && draw.state === 'ready' ? (
          <Image className="poster-frame__image" src={draw.image} mode="widthFix" showMenuByLongpress data-testid="poster-image" />
        ) : null}
        {draw.state === 'drawing' || draw.state === 'waiting' ? <Text className="poster-frame__note">正在绘制海报…</Text> : null}
      </View>
      {draw.state === 'error' ? (
        <Text className="poster-page__error" onClick={() => setAttempt((n) => n + 1)} data-testid="poster-draw-error">
          海报绘制失败，点此重试
        </Text>
      ) : null}
      {h5 ? <H5Keep image={draw.state === 'ready' ? draw.image : ''} /> : <SaveButton canvas={draw.state === 'ready' ? draw.canvas : null} />}
      <Text className="poster-page__hint">好友扫码打开后加入会员，会计入你的邀请进度。</Text>
    </View>
  );
}

/** weapp: 保存到相册 (the permission flow and its toasts live in save-poster.ts). */
function SaveButton({ canvas }: { canvas: unknown }) {
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (!canvas) return;
    setSaving(true);
    try {
      await savePosterToAlbum(await posterFile(canvas));
    } catch (error) {
      console.warn('[poster] export failed', error);
      void Promise.resolve(Taro.showToast({ title: '保存失败，请稍后重试', icon: 'none' })).catch(() => undefined);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Button className="poster-page__save" type="primary" block disabled={!canvas} loading={saving} onClick={() => void save()} data-testid="poster-save">
      保存到相册
    </Button>
  );
}

/** h5: no album to write to: long-press the picture (mobile browsers) or download it. */
function H5Keep({ image }: { image: string }) {
  if (!image) return null;
  return (
    <View className="poster-page__keep">
      <Text className="poster-page__keep-hint">长按图片保存，或</Text>
      <a className="poster-page__download" href={image} download="invite-poster.png" data-testid="poster-download">
        下载海报
      </a>
    </View>
  );
}
