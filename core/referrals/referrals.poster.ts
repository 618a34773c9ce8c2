/**
 * `referral.poster`: what an invite poster needs — a poster-channel share of the card and the
 * mini-program code that opens it (scene = the share code). The client draws the poster on a
 * canvas (brand, product or invitation, the member's name, this code) and saves it to the album.
 */
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import type { MiniProgramCodes } from './poster.port';
import type { ReferralsResult } from './referrals.errors';
import type { PosterInput, ShareInput } from './referrals.inputs';
import { createShare, type ShareErrorCode } from './referrals.usecases';
import type { ShareTargets } from './share-targets.port';

export interface PosterResult {
  code: string;
  /** The page the code opens, and its scene (the share code), as getUnlimited was given them. */
  page: string;
  scene: string;
  /** The mini-program code image: a cloud fileID and a temporary https URL to draw from. */
  qrFileId: string;
  qrUrl: string;
}

export async function posterFor(
  ctx: ActionContext,
  codes: MiniProgramCodes,
  input: PosterInput,
  targets: ShareTargets,
): Promise<ReferralsResult<PosterResult, ShareErrorCode | 'POSTER_UNAVAILABLE'>> {
  const share = await createShare(ctx, { ...input, channel: 'poster' } as ShareInput, targets);
  if (!share.ok) return share;
  const image = await codes.codeFor(share.data.scene, share.data.page);
  if (!image.ok) return fail('POSTER_UNAVAILABLE', `小程序码生成失败：${image.message}`);
  return ok({ code: share.data.code, page: share.data.page, scene: share.data.scene, qrFileId: image.fileId, qrUrl: image.url });
}
