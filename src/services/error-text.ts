import type { CloudError } from './cloud-result';

// What a customer reads for each error code. Server messages are shown only for validation
// failures, where they say what to fix; other codes get a fixed, friendly sentence.
const TEXT_BY_CODE: Record<string, string> = {
  VALIDATION_FAILED: '提交的信息有误，请检查后重试',
  UNKNOWN_ACTION: '当前版本暂不支持该操作，请更新后重试',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或已被删除',
  NETWORK_ERROR: '网络异常，请稍后重试',
  INTERNAL: '服务开小差了，请稍后重试',
  UNAUTHENTICATED: '登录已失效，请重新选择身份',
};

const FALLBACK_TEXT = '操作失败，请稍后重试';

export function errorText(error: CloudError | null | undefined): string {
  if (!error) return FALLBACK_TEXT;
  if (error.code === 'VALIDATION_FAILED' && error.message.trim()) return error.message;
  return TEXT_BY_CODE[error.code] ?? FALLBACK_TEXT;
}
