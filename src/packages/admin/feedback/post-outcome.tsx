import { createContext, useContext } from 'react';
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useAdminToolsStore } from '@/packages/admin/store';
import type { FeedbackPostAction } from './feedback-post.slice';
import { feedbackErrorText } from './feedback-text';

// Every action on 反馈处理 says how it went, next to the control that sent it: what it did, or why
// the server refused it (the post is read again either way).

export interface Done {
  action: FeedbackPostAction;
  text: string;
}

export const OutcomeContext = createContext<{ done: Done | null; report: (done: Done) => void }>({ done: null, report: () => undefined });

/** Records what an action did (shown beside its control) and toasts it in a few words (WeChat cuts a success toast at 7 characters). */
export function useReport() {
  const { report } = useContext(OutcomeContext);
  return (action: FeedbackPostAction, text: string, toast: string) => {
    report({ action, text });
    void Taro.showToast({ title: toast, icon: 'success' });
  };
}

/** The last outcome of one of `actions`: its result, or the server's refusal. */
export function Outcome({ actions, testId }: { actions: readonly FeedbackPostAction[]; testId: string }) {
  const { done } = useContext(OutcomeContext);
  const refused = useAdminToolsStore.use.feedbackPostActionError();
  if (refused && actions.includes(refused.action)) {
    return (
      <Text className="admin-section__error" data-testid={`${testId}-error`}>
        {feedbackErrorText(refused.error)}
      </Text>
    );
  }
  if (done && actions.includes(done.action)) {
    return (
      <Text className="feedback-outcome" data-testid={`${testId}-result`}>
        {done.text}
      </Text>
    );
  }
  return null;
}
