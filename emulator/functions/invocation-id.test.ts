import { invocationOf } from './invocation-id';

test('the invocation is the part of seqId before the SDK event id', () => {
  expect(invocationOf('/admin?env=e&seqId=0123456789abcdef0123456789abcdef-18c2f_1a')).toBe('0123456789abcdef0123456789abcdef');
  expect(invocationOf('/admin?env=e&seqId=abc-1-2&scfRequestId=x')).toBe('abc');
});

test('requests from outside any invocation have none', () => {
  expect(invocationOf('/admin?env=e&seqId=18c2f_1a')).toBeUndefined();
  expect(invocationOf('/admin?env=e')).toBeUndefined();
  expect(invocationOf('/admin')).toBeUndefined();
  expect(invocationOf(undefined)).toBeUndefined();
});
