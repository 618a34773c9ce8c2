import type { CloudError } from '@/services/cloud-result';
import type { AuditEntry, AuditOutcome } from '@/services/contracts';
import { formatLocalDateTime } from '@/utils/date';
import { orderErrorText } from '@/utils/order-error-text';

// How the staff area puts the admin function's codes into plain Chinese. Display only: what an
// action means and who may do it is decided by the server.

export const ROLE_LABELS: Record<string, string> = {
  admin: '管理员',
  moderator: '审核员',
  customer: '顾客',
};

export const roleLabel = (role: unknown): string => (typeof role === 'string' && ROLE_LABELS[role]) || '未知角色';

export const ACTION_LABELS: Record<string, string> = {
  'admin.overview': '查看运营概览',
  'staff.list': '查看人员权限',
  'staff.grant': '授予权限',
  'staff.revoke': '撤销权限',
  'staff.bootstrap': '初始管理员',
  'audit.view': '查看操作日志',
  'points.adjust': '积分调整',
  'ladder.config.view': '查看等级规则',
  'ladder.config.update': '修改等级规则',
  'rewards.list': '查看积分商城',
  'rewards.save': '保存奖品',
  'rewards.status': '奖品上下架',
  'products.list': '查看商品与会员价',
  'products.save': '保存商品',
  'products.status': '商品上下架',
  'orders.list': '查看订单',
  'refunds.list': '查看退款申请',
  'refunds.approve': '同意退款',
  'refunds.reject': '驳回退款',
  'referrals.leaderboard': '查看KOC榜单',
  'referrals.flags': '查看推荐审核',
  'referrals.flag.approve': '推荐审核通过',
  'referrals.flag.reject': '推荐审核驳回',
  'referrals.config.view': '查看推荐规则',
  'referrals.config.update': '修改推荐规则',
  'perks.list': '查看好友助力活动',
  'perks.save': '保存好友助力活动',
  'perks.status': '好友助力活动开关',
  'draws.list': '查看限量抽签',
  'draws.view': '查看抽签详情',
  'draws.create': '创建抽签',
  'draws.cancel': '取消抽签',
  'draws.drawNow': '立即开奖',
  'feedback.queue': '查看吐槽审核队列',
  'feedback.view': '查看反馈',
  'feedback.approve': '通过反馈',
  'feedback.reject': '驳回反馈',
  'feedback.hide': '隐藏反馈',
  'feedback.restore': '恢复反馈',
  'feedback.reply': '回复反馈',
  'feedback.status': '更新反馈进度',
  'feedback.merge': '合并反馈',
  'feedback.reward': '奖励反馈作者',
  'feedback.board': '查看反馈看板',
  'feedback.stats': '查看反馈统计',
  'feedback.config.view': '查看吐槽中心设置',
  'feedback.config.update': '修改吐槽中心设置',
};

export const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  ok: '成功',
  denied: '被拒绝',
  failed: '失败',
};

/** Why a logged action failed; the log keeps the error code only. */
const FAILURE_REASONS: Record<string, string> = {
  NOT_FOUND: '对象不存在',
  CONFLICT: '与当前状态冲突',
  VALIDATION_FAILED: '输入有误',
  FORBIDDEN: '没有权限',
  INTERNAL: '服务异常',
  POINTS_INSUFFICIENT: '积分不足',
  LADDER_CONFIG_INVALID: '规则不合法',
  PRICE_PARITY_VIOLATION: '价格不符合规则',
  REFUND_NOT_ALLOWED: '不可退款',
  REFUND_ALREADY_DECIDED: '已被处理',
  FLAG_ALREADY_DECIDED: '已被处理',
  DRAW_STOCK_SHORT: '库存不足',
  DRAW_WRONG_STATE: '抽签状态不允许',
  FEEDBACK_WRONG_STATE: '反馈状态不允许',
};

/** Who granted a role, when it was not a person. */
const GRANTED_BY_SYSTEM: Record<string, string> = {
  bootstrap: '系统配置',
  seed: '初始数据',
};

/** openid -> nickname, from staff lists (the only names the admin function returns). */
export type NameBook = ReadonlyMap<string, string>;

export const nameBookOf = (names: Readonly<Record<string, string>>): NameBook => new Map(Object.entries(names));

/** A long openid cut to something readable; short ones (demo ids) stay whole. */
export function shortOpenid(openid: string): string {
  return openid.length > 14 ? `${openid.slice(0, 6)}…${openid.slice(-4)}` : openid;
}

/** A person named by the staff list, else by their id. */
export function personName(openid: unknown, names: NameBook): string {
  if (typeof openid !== 'string' || !openid) return '未知用户';
  return names.get(openid) ?? shortOpenid(openid);
}

/** '老陈（管理员）', or '顾客 oAbc12…wxyz' for someone the staff list does not know. */
export function actorText(entry: Pick<AuditEntry, 'actor' | 'role'>, names: NameBook): string {
  const nickname = names.get(entry.actor);
  return nickname ? `${nickname}（${roleLabel(entry.role)}）` : `${roleLabel(entry.role)} ${shortOpenid(entry.actor)}`;
}

/** '授予权限：小雨 设为审核员', '查看运营概览', '其他操作（draw.run）'. */
export function actionText(entry: Pick<AuditEntry, 'action' | 'target'>, names: NameBook): string {
  const label = ACTION_LABELS[entry.action];
  if (!label) return `其他操作（${entry.action}）`;
  const target = entry.target ?? {};
  switch (entry.action) {
    case 'staff.grant':
      return `${label}：${personName(target.openid, names)} 设为${roleLabel(target.role)}`;
    case 'staff.revoke':
      return `${label}：${personName(target.openid, names)}`;
    case 'points.adjust': {
      // A denial keeps no amount or reason (only ids and a digest of what was sent).
      if (typeof target.amount !== 'number') return `${label}：${personName(target.openid, names)}`;
      const amount = target.amount;
      return `${label}：${personName(target.openid, names)} ${amount > 0 ? '+' : ''}${amount}（${String(target.reason ?? '')}）`;
    }
    case 'rewards.save':
      return `${label}：${String(target.title ?? target.rewardId ?? '')}`;
    case 'products.save':
      return `${label}：${String(target.name ?? target.productId ?? '')}`;
    case 'products.status':
      return `${label}：${String(target.productId ?? '')} ${target.status === 'on_sale' ? '上架' : '下架'}`;
    case 'refunds.approve':
    case 'refunds.reject':
      return `${label}：${String(target.refundId ?? '')}`;
    case 'referrals.leaderboard':
      return typeof target.days === 'number' ? `${label}（近 ${target.days} 天）` : label;
    case 'referrals.flag.approve':
    case 'referrals.flag.reject':
      return `${label}：${String(target.id ?? '')}`;
    case 'draws.create':
      return `${label}：${String(target.drawId ?? '')}（名额 ${String(target.units ?? '')}）`;
    case 'draws.cancel':
    case 'draws.drawNow':
    case 'draws.view':
      return `${label}：${String(target.drawId ?? '')}`;
    case 'perks.save':
      return `${label}：${String(target.title ?? target.perkId ?? '')}`;
    case 'perks.status':
      return `${label}：${String(target.perkId ?? '')} ${target.status === 'active' ? '开启' : '关闭'}`;
    case 'rewards.status':
      return `${label}：${String(target.rewardId ?? '')} ${target.status === 'active' ? '上架' : '下架'}`;
    // Feedback entries name no post (its id means nothing to staff): the reason or the points say what was done.
    case 'feedback.reject':
    case 'feedback.hide':
      return typeof target.reason === 'string' && target.reason ? `${label}（${target.reason}）` : label;
    case 'feedback.reward':
      return typeof target.points === 'number' ? `${label} ${target.points} 积分` : label;
    default:
      return label;
  }
}

/** '×12 次' for a denial repeated within its window; '' for a single attempt. */
export function repeatText(entry: Pick<AuditEntry, 'count'>): string {
  return typeof entry.count === 'number' && entry.count > 1 ? `×${entry.count} 次` : '';
}

/** '成功', '被拒绝', '失败（对象不存在）'. */
export function outcomeText(entry: Pick<AuditEntry, 'outcome' | 'detail'>): string {
  const label = OUTCOME_LABELS[entry.outcome] ?? entry.outcome;
  const reason = entry.outcome === 'failed' && entry.detail ? FAILURE_REASONS[entry.detail] : undefined;
  return reason ? `${label}（${reason}）` : label;
}

export function grantedByText(grantedBy: string, names: NameBook): string {
  return GRANTED_BY_SYSTEM[grantedBy] ?? personName(grantedBy, names);
}

/** Server ISO time -> local 'YYYY-MM-DD HH:mm'; '' when unreadable. */
export const formatDateTime = formatLocalDateTime;

const HAS_CHINESE = /[\u4e00-\u9fff]/;
/**
 * Refusals whose server message tells staff what happened (e.g. 该用户还没有打开过小程序; a review
 * item closed by a refund says 该记录已关闭：<why>).
 */
const EXPLAINED_REFUSALS = new Set([
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'VALIDATION_FAILED',
  'PRICE_PARITY_VIOLATION',
  'FLAG_ALREADY_DECIDED',
  'DRAW_STOCK_SHORT',
  'DRAW_WRONG_STATE',
]);

/**
 * What staff read when an admin action is refused: the server's own Chinese sentence for a
 * refusal it explains, the customer-facing fixed text for everything else (network, bugs).
 */
export function staffErrorText(error: CloudError | null | undefined): string {
  if (error && EXPLAINED_REFUSALS.has(error.code) && HAS_CHINESE.test(error.message)) return error.message;
  // A review item decided by another admin (or closed by a refund) while this one looked at it.
  if (error?.code === 'FLAG_ALREADY_DECIDED') return '该记录已被处理，列表已刷新';
  // Orders' refusals (a refund already decided, payment unavailable, ...) read as the shop says them.
  return orderErrorText(error);
}
