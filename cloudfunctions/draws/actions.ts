import { action } from '@core/platform/router';
import {
  drawDetail,
  drawIdInput,
  drawProof,
  drawProofEntries,
  drawsList,
  drawsListInput,
  enterDraw,
  enterDrawInput,
  myEntries,
  myEntriesInput,
  proofEntriesInput,
} from '@core/draws/draws.usecases';

/** Draws as members see them. Entering is one insert; the proof and its entry list are public once drawn. */
export const drawsActions = {
  list: action(drawsListInput, (ctx) => drawsList(ctx)),
  detail: action(drawIdInput, (ctx, input) => drawDetail(ctx, input)),
  enter: action(enterDrawInput, (ctx, input) => enterDraw(ctx, input)),
  mine: action(myEntriesInput, (ctx) => myEntries(ctx)),
  proof: action(drawIdInput, (ctx, input) => drawProof(ctx, input)),
  proofEntries: action(proofEntriesInput, (ctx, input) => drawProofEntries(ctx, input)),
};
