import { screen, within } from '@testing-library/react';
import { serveWith, pageTests } from '@/test-support/admin-test-kit';
import AdminPage from '../index';

// The tools listed on the admin home, by role, with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const serveAs = serveWith({});

const openAs = pageTests(<AdminPage />, serveAs);

/**
 * Each tool's entry: its name, and what a moderator gets — the same tool (nothing there to edit:
 * never marked 只读), a read-only one, or no entry at all.
 */
const TOOLS: Array<[key: string, name: string, forModerator: 'same' | 'read-only' | 'none']> = [
  ['adjust', '积分调整', 'none'],
  ['ladder', '等级规则', 'read-only'],
  ['rewards', '积分商城管理', 'read-only'],
  ['products', '商品与会员价', 'read-only'],
  ['orders', '订单管理', 'same'],
  ['refunds', '退款审核', 'read-only'],
  ['koc', 'KOC 榜单', 'same'],
  ['flags', '推荐审核', 'read-only'],
  ['referral-settings', '推荐规则', 'read-only'],
  ['perks', '好友助力活动', 'read-only'],
];

describe('the tools on the admin home', () => {
  it('an admin gets every tool, none read-only', async () => {
    openAs('admin');
    const tools = await screen.findByTestId('admin-tools');
    for (const [key, name] of TOOLS) {
      const tool = within(tools).getByTestId(`admin-tool-${key}`);
      expect([key, tool.textContent?.includes(name), tool.textContent?.includes('只读')]).toEqual([key, true, false]);
    }
  });

  it.each(TOOLS)('a moderator: %s (%s) is %s', async (key, name, forModerator) => {
    openAs('moderator');
    const tools = await screen.findByTestId('admin-tools');
    const tool = within(tools).queryByTestId(`admin-tool-${key}`);
    if (forModerator === 'none') {
      expect(tool).toBeNull();
      return;
    }
    expect(tool!.textContent).toContain(forModerator === 'read-only' ? `${name}（只读）` : name);
    if (forModerator === 'same') expect(tool!.textContent).not.toContain('只读');
  });
});
