import { View, Text } from '@tarojs/components';
import { ROUTES, openPage } from '@/routes';

interface Entry {
  key: string;
  title: string;
  hint: string;
  url: (typeof ROUTES)[keyof typeof ROUTES];
}

const CUSTOMER_ENTRIES: Entry[] = [
  { key: 'member', title: '会员中心', hint: '等级、积分与入会', url: ROUTES.member },
  { key: 'draws', title: '限量抽签', hint: '每人一次，结果人人可复算', url: ROUTES.draws },
  { key: 'feedback', title: '吐槽中心', hint: '品牌公开回复，采纳有积分', url: ROUTES.feedback },
  { key: 'invite', title: '邀请有礼', hint: '好友真正加入才算', url: ROUTES.invite },
];

const ADMIN_ENTRY: Entry = { key: 'admin', title: '管理后台', hint: '仅限品牌员工', url: ROUTES.admin };

/** The ways into the programme; the admin entry only for staff (the server checks again). */
export function EntryGrid({ showAdmin }: { showAdmin: boolean }) {
  const entries = showAdmin ? [...CUSTOMER_ENTRIES, ADMIN_ENTRY] : CUSTOMER_ENTRIES;
  return (
    <View className="entry-grid">
      {entries.map((entry) => (
        <View
          key={entry.key}
          className={`entry-grid__item entry-grid__item--${entry.key}`}
          onClick={() => openPage(entry.url)}
          data-testid={`${entry.key}-entry`}
        >
          <Text className="entry-grid__title">{entry.title}</Text>
          <Text className="entry-grid__hint">{entry.hint}</Text>
        </View>
      ))}
    </View>
  );
}
