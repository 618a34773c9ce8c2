import type { Role } from '@/services/contracts';
import { type Answers, serve as serveAs, callFunctionMock, createAdminStore } from '@/test-support/admin-test-kit';
import { selectIsAdmin } from '../store';

// Who may change the staff tools, as the pages ask the store (the server checks again).
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));

const serve = (answers: Answers, role: Role = 'admin') => serveAs(role, answers);

beforeEach(() => callFunctionMock.mockReset());

describe('roles', () => {
  it.each([
    ['moderator', false],
    ['admin', true],
  ] as const)('a %s may edit the tools: %p', async (role, expected) => {
    serve({}, role);
    const store = createAdminStore();
    await store.getState().bootstrap();
    expect(selectIsAdmin(store.getState())).toBe(expected);
  });
});
