import type { StoreApi, UseBoundStore } from 'zustand';
import type { AppState } from '@/store/app-state';
import { useAppStore } from '@/store';
import { extendStore } from '@/store/kit/extend-store';
import { createFeedbackSlice, type FeedbackSlice } from './feedback.slice';

// 吐槽中心's state, added to the one app store by the feedback subpackage (store/kit/extend-store.ts):
// none of it is in the main package.

export type FeedbackState = AppState & FeedbackSlice;

/** The store with the feedback slice added (once per store); a switch of identity forgets the board, threads and the draft. */
export const withFeedback = (store: UseBoundStore<StoreApi<AppState>>) =>
  extendStore<FeedbackSlice>(store, createFeedbackSlice, (state) => state.resetFeedback());

/** The app store, as the feedback pages use it. */
export const useFeedbackStore = withFeedback(useAppStore);

export * from './feedback.slice';
