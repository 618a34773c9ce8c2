import { act, fireEvent, render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { callFunction } from '@/services/cloud';
import type { Role, SessionProfile } from '@/services/contracts';
import { createAppStore } from '@/store';
import { type AdminToolsState, useAdminToolsStore, withAdminTools } from '@/packages/admin/store';
import type { Reply } from './replies';

// jest only: the admin pages' and the admin slices' tests run the real store against a scripted
// transport. Each test file must still declare
// `jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }))` itself: jest hoists a mock
// above the imports of the file that declares it, and only there. This kit then reaches that same
// mocked module through the test file's module registry.

export type { Reply };
/** A fixed answer, or one made from the call's payload. */
export type Answer = Reply | ((payload: Record<string, unknown>) => Reply | Promise<Reply>);
/** Answers by action name (`admin.ordersList` -> 'ordersList'). */
export type Answers = Partial<Record<string, Answer>>;

export const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;

/** A fresh store with the staff tools installed, as the admin subpackage has it: each slice test starts from its own. */
export const createAdminStore = () => withAdminTools(createAppStore());

/** A fresh admin store in which `load` has run against `reply`: where most slice tests start. */
export async function storeLoaded(reply: Reply, load: (state: AdminToolsState) => Promise<unknown>) {
  const store = createAdminStore();
  callFunctionMock.mockResolvedValueOnce(reply);
  await load(store.getState());
  return store;
}

/** The demo brand's people: the admin, the moderator and a customer. */
const NICKNAMES: Record<Role, string> = { admin: '老陈', moderator: '小雨', customer: '小满' };

/** The profile the member function opens a session with, for a staff member (or a customer) of `role`. */
export const staffProfile = (role: Role): SessionProfile => ({
  memberId: `demo-${role}`,
  nickname: NICKNAMES[role],
  avatarUrl: '',
  tier: 'member',
  tierName: '未购会员',
  points: 0,
  role,
  isMember: true,
  joinedAt: '2025-01-02T03:04:05.000Z',
});

/** What the admin home asks for, answered empty: for tests that only look at its tool list. */
export const EMPTY_ADMIN_HOME: Answers = {
  overview: () => ({ ok: true, data: { tiers: [], members: 0, staff: 0 } }),
  listStaff: () => ({ ok: true, data: { staff: [] } }),
  auditLog: () => ({ ok: true, data: { entries: [] } }),
  feedbackStats: () => ({ ok: true, data: { waitingReview: 0, openByCategory: [], openByAge: [] } }),
};

/**
 * Every `member` call opens the session as `role`; any other call is answered by its action from
 * `answers`. An action nobody scripted throws, so a page that starts asking for something new fails
 * its tests rather than quietly getting nothing.
 */
export function serve(role: Role, answers: Answers) {
  if (!jest.isMockFunction(callFunction)) {
    throw new Error("admin-test-kit: declare jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() })) in the test file");
  }
  callFunctionMock.mockImplementation(async (name, action, payload) => {
    if (name === 'member') return { ok: true, data: { profile: staffProfile(role) } };
    const answer = answers[action];
    if (answer) return typeof answer === 'function' ? answer(payload as Record<string, unknown>) : answer;
    throw new Error(`unexpected ${name}.${action}`);
  });
}

/**
 * `serve` for one tool's tests: the admin home answered empty, then the tool's own `defaults`,
 * then what a test adds.
 */
export const serveWith =
  (defaults: Answers) =>
  (role: Role, answers: Answers = {}) =>
    serve(role, { ...EMPTY_ADMIN_HOME, ...defaults, ...answers });

/**
 * For one page's tests: `serveAs` (as `serve` or `serveWith` make it), then the page rendered —
 * the first two steps of most tests, in one call that returns what render returns.
 */
export const opens = (page: ReactElement, serveAs: (role: Role, answers?: Answers) => void) => (role: Role, answers?: Answers) => {
  serveAs(role, answers);
  return render(page);
};

/**
 * Sets up the tests of one tool's page: before each, `resetAdminSession(...toolResets)`; returns
 * `opens(page, serveAs)`.
 */
export function pageTests(page: ReactElement, serveAs: (role: Role, answers?: Answers) => void, ...toolResets: ToolReset[]) {
  beforeEach(() => resetAdminSession(...toolResets));
  return opens(page, serveAs);
}

/** The payloads sent to `admin.<action>`, in order. */
export const sent = (action: string) =>
  callFunctionMock.mock.calls.filter(([name, a]) => name === 'admin' && a === action).map(([, , payload]) => payload as Record<string, unknown>);

/** A tool slice's reset, e.g. 'resetAdminLadder'. */
type ToolReset = keyof AdminToolsState & `reset${string}`;

/**
 * Before each test: no scripted calls, no session, an unloaded admin home, and the tool slices
 * named (e.g. 'resetAdminLadder') reset too.
 */
export function resetAdminSession(...toolResets: ToolReset[]) {
  callFunctionMock.mockReset();
  const state = useAdminToolsStore.getState();
  state.resetSession();
  state.resetAdmin();
  for (const reset of toolResets) (state[reset] as () => void)();
}

/** Clicks inside act(), so the store's calls and React's updates settle before the next line. */
export async function clickOn(target: HTMLElement) {
  await act(async () => {
    fireEvent.click(target);
  });
}

/** Types into a NutUI input: the test id sits on the <input> itself in jsdom (on a wrapper in the H5 build). */
export function typeInto(field: HTMLElement, value: string) {
  const input = field.tagName === 'INPUT' ? field : field.querySelector('input')!;
  fireEvent.input(input, { target: { value } });
  fireEvent.change(input, { target: { value } });
}

/** Types into the field with this test id. */
export const typeIn = (testId: string, value: string) => typeInto(screen.getByTestId(testId), value);

/** Clicks the element with this test id (inside act). */
export const tap = (testId: string) => clickOn(screen.getByTestId(testId));
