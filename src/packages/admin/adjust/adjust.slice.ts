import type { StateCreator } from 'zustand';
import { callFunction } from '@/services/cloud';
import { isOutcomeUnknown, type CloudError, type CloudResult } from '@/services/cloud-result';
import type { AdjustPointsPayload, AdjustPointsResult } from '@/services/contracts';
import { newRequestId } from '@/utils/request-id';
import { fieldErrorsOf, type FieldErrors } from '@/utils/field-errors';
import type { AdminToolsState as AppState } from '../store';

// 积分调整 in the staff area: one adjustment of one member's points. The request id is made once
// per submission; when a submission fails without an answer the draft is kept and a retry sends
// the same id, so the server adjusts at most once however often staff press 重试.

/** What staff fill in; the request id is the store's business. */
export type AdjustPointsInput = Omit<AdjustPointsPayload, 'requestId'>;

/**
 * 'sending' while the request is out; 'unknown' after a failure without an answer (network,
 * server error): it may have happened, so the draft and its requestId stay for a safe retry.
 */
export type AdjustStatus = 'idle' | 'sending' | 'unknown';

export interface AdminPointsSlice {
  /** The submission being sent or awaiting a retry, with its request id. */
  adjustDraft: AdjustPointsPayload | null;
  adjustStatus: AdjustStatus;
  /** Why the last submission was refused, or why its outcome is unknown. */
  adjustError: CloudError | null;
  /** Per-field messages of a refusal (openid, amount, reason). */
  adjustFieldErrors: FieldErrors;
  /** The last adjustment that went through, with the submission it answered. */
  adjustResult: { input: AdjustPointsInput; outcome: AdjustPointsResult } | null;

  /**
   * Sends an adjustment. A new submission gets a new request id, except when it repeats a draft
   * whose outcome is unknown (that is a retry). A second call while one is out returns the same
   * request.
   */
  submitAdjustment: (input: AdjustPointsInput) => Promise<CloudResult<AdjustPointsResult>>;
  /** Sends the unknown-outcome draft again with its request id; null when there is none. */
  retryAdjustment: () => Promise<CloudResult<AdjustPointsResult> | null>;
  /** Gives up on an unknown-outcome draft (the next submission is a new one). */
  discardAdjustment: () => void;
  resetAdminPoints: () => void;
}

const initialAdminPointsState = {
  adjustDraft: null,
  adjustStatus: 'idle',
  adjustError: null,
  adjustFieldErrors: {},
  adjustResult: null,
} satisfies Partial<AdminPointsSlice>;

const sameInput = (a: AdjustPointsInput, b: AdjustPointsInput) => a.openid === b.openid && a.amount === b.amount && a.reason === b.reason;

export const createAdminPointsSlice: StateCreator<AppState, [], [], AdminPointsSlice> = (set, get) => {
  let inFlight: Promise<CloudResult<AdjustPointsResult>> | null = null;

  const send = (payload: AdjustPointsPayload): Promise<CloudResult<AdjustPointsResult>> => {
    set({ adjustDraft: payload, adjustStatus: 'sending', adjustError: null, adjustFieldErrors: {} });
    const request = callFunction('admin', 'adjustPoints', payload).then((result) => {
      inFlight = null;
      // A reset meanwhile (identity switched, area left) drops the answer.
      if (get().adjustDraft !== payload) return result;
      const { requestId: _requestId, ...input } = payload;
      if (result.ok) {
        set({ adjustDraft: null, adjustStatus: 'idle', adjustResult: { input, outcome: result.data } });
      } else if (isOutcomeUnknown(result.error)) {
        set({ adjustStatus: 'unknown', adjustError: result.error });
      } else {
        set({ adjustDraft: null, adjustStatus: 'idle', adjustError: result.error, adjustFieldErrors: fieldErrorsOf(result.error) });
      }
      return result;
    });
    inFlight = request;
    return request;
  };

  return {
    ...initialAdminPointsState,

    submitAdjustment: (input) => {
      if (inFlight) return inFlight;
      const { adjustDraft, adjustStatus } = get();
      const requestId = adjustDraft && adjustStatus === 'unknown' && sameInput(adjustDraft, input) ? adjustDraft.requestId : newRequestId('adj');
      return send({ ...input, requestId });
    },

    retryAdjustment: async () => {
      if (inFlight) return inFlight;
      const { adjustDraft, adjustStatus } = get();
      if (!adjustDraft || adjustStatus !== 'unknown') return null;
      return send(adjustDraft);
    },

    discardAdjustment: () => {
      if (inFlight) return;
      set({ adjustDraft: null, adjustStatus: 'idle', adjustError: null });
    },

    resetAdminPoints: () => {
      inFlight = null;
      set({ ...initialAdminPointsState });
    },
  };
};
