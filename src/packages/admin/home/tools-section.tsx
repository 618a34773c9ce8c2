import { View, Text } from '@tarojs/components';
import { ROUTES, openPage } from '@/routes';
import { selectIsAdmin, useAdminToolsStore } from '@/packages/admin/store';

interface Tool {
  key: string;
  title: string;
  /** What an admin does there / what a moderator sees there. */
  edit: string;
  read: string | null;
  route: (typeof ROUTES)[
    | 'adminAdjust'
    | 'adminLadder'
    | 'adminRewards'
    | 'adminProducts'
    | 'adminOrders'
    | 'adminRefunds'
    | 'adminKoc'
    | 'adminFlags'
    | 'adminReferralSettings'
    | 'adminPerks'];
}

const TOOLS: readonly Tool[] = [
  { key: 'adjust', title: '积分调整', edit: '按 openid 为会员增减积分，需写明原因', read: null, route: ROUTES.adminAdjust },
  { key: 'ladder', title: '等级规则', edit: '统计周期、保级期、升级门槛与各等级权益', read: '查看统计周期、升级门槛与各等级权益', route: ROUTES.adminLadder },
  { key: 'rewards', title: '积分商城管理', edit: '奖品、库存与上下架', read: '查看奖品、库存与兑换数', route: ROUTES.adminRewards },
  { key: 'products', title: '商品与会员价', edit: '商品、各等级会员价、渠道价、库存与上下架', read: '查看商品、会员价与价格问题', route: ROUTES.adminProducts },
  // Orders are read-only for every staff role: nothing there to edit, so never marked 只读.
  { key: 'orders', title: '订单管理', edit: '按状态查看订单，按订单号或会员 openid 搜索', read: null, route: ROUTES.adminOrders },
  { key: 'refunds', title: '退款审核', edit: '同意或驳回会员的退款申请', read: '查看退款申请与处理结果', route: ROUTES.adminRefunds },
  // The leaderboard is read-only for every staff role, like orders.
  { key: 'koc', title: 'KOC 榜单', edit: '按周期查看通过分享带来购买最多的会员：好友数、传播价值与自身价值', read: null, route: ROUTES.adminKoc },
  {
    key: 'flags',
    title: '推荐审核',
    edit: '被风控暂停的邀请与好友订单：通过则计入并发放奖励，驳回则作废',
    read: '查看被风控暂停的邀请与好友订单',
    route: ROUTES.adminFlags,
  },
  {
    key: 'referral-settings',
    title: '推荐规则',
    edit: '归因窗口、冻结期、分享奖励、每日上限与风控判定',
    read: '查看归因窗口、冻结期、分享奖励与风控判定',
    route: ROUTES.adminReferralSettings,
  },
  {
    key: 'perks',
    title: '好友助力活动',
    edit: '好友真实加入（或并下单）才解锁的福利：奖励、人数、门槛与开关',
    read: '查看好友助力活动与解锁人数',
    route: ROUTES.adminPerks,
  },
];

/** 运营工具: entries to the staff tools. Moderators get the read-only ones; 积分调整 is for admins. */
export function ToolsSection() {
  const canAdjust = useAdminToolsStore(selectIsAdmin);
  const canEditLadder = useAdminToolsStore(selectIsAdmin);
  const canEditRewards = useAdminToolsStore(selectIsAdmin);
  const canEditProducts = useAdminToolsStore(selectIsAdmin);
  const canDecideRefunds = useAdminToolsStore(selectIsAdmin);
  const canDecideFlags = useAdminToolsStore(selectIsAdmin);
  const canEditPerks = useAdminToolsStore(selectIsAdmin);
  const canEditReferralSettings = useAdminToolsStore(selectIsAdmin);
  const canEdit: Record<string, boolean> = {
    adjust: canAdjust,
    ladder: canEditLadder,
    rewards: canEditRewards,
    products: canEditProducts,
    orders: true,
    refunds: canDecideRefunds,
    koc: true,
    flags: canDecideFlags,
    'referral-settings': canEditReferralSettings,
    perks: canEditPerks,
  };

  return (
    <View className="card admin-section" data-testid="admin-tools">
      <View className="admin-section__head">
        <Text className="admin-section__title">运营工具</Text>
        <Text className="admin-section__hint">{canAdjust ? '修改会即时生效，并记入操作日志' : '审核员可查看，修改需管理员操作'}</Text>
      </View>
      {TOOLS.filter((tool) => canEdit[tool.key] || tool.read).map((tool) => (
        <View key={tool.key} className="admin-tool" onClick={() => openPage(tool.route)} data-testid={`admin-tool-${tool.key}`}>
          <View className="admin-tool__text">
            <Text className="admin-tool__title">
              {tool.title}
              {canEdit[tool.key] ? '' : '（只读）'}
            </Text>
            <Text className="admin-tool__hint">{canEdit[tool.key] ? tool.edit : tool.read}</Text>
          </View>
          <Text className="admin-tool__arrow">›</Text>
        </View>
      ))}
    </View>
  );
}
