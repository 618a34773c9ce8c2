import Taro from '@tarojs/taro';
import { callFunction } from './cloud';
import { acceptedKinds, askForMessages, fetchTemplateIds, templateIdsOf } from './subscribe';

jest.mock('./cloud', () => ({ callFunction: jest.fn() }));
// WeChat's prompt, mocked in both forms (the build turns Taro.x into named imports of @tarojs/taro).
jest.mock('@tarojs/taro', () => {
  const api = { requestSubscribeMessage: jest.fn() };
  return { __esModule: true, default: api, ...api };
});
const callMock = callFunction as jest.MockedFunction<typeof callFunction>;
const promptMock = (Taro as unknown as { requestSubscribeMessage: jest.Mock }).requestSubscribeMessage;

const env = process.env.TARO_ENV;
afterEach(() => {
  process.env.TARO_ENV = env;
  jest.restoreAllMocks();
  callMock.mockReset();
});

describe('subscription messages', () => {
  it('reads the template ids of the kinds asked for, leaving out kinds without one', async () => {
    callMock.mockResolvedValue({
      ok: true,
      data: { templates: { draw_result: 'T1', draw_promoted: '', feedback_update: 'T3', feedback_reply: 'T4', feedback_resolved: 'T5' } },
    });
    await expect(fetchTemplateIds(['feedback_update', 'feedback_reply'])).resolves.toEqual({ feedback_update: 'T3', feedback_reply: 'T4' });
    await expect(fetchTemplateIds(['draw_promoted'])).resolves.toEqual({});
    expect(callMock).toHaveBeenCalledWith('member', 'notifyTemplates', {});
  });

  it('asks for nothing when the templates cannot be read', async () => {
    callMock.mockResolvedValue({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    await expect(fetchTemplateIds(['feedback_resolved'])).resolves.toEqual({});
  });

  it('turns answers per template id into the accepted kinds', () => {
    const templates = { feedback_update: 'T3', feedback_reply: 'T4' };
    const kinds = ['feedback_update', 'feedback_reply', 'feedback_resolved'] as const;
    expect(templateIdsOf(templates, kinds)).toEqual(['T3', 'T4']);
    expect(acceptedKinds(templates, kinds, { T3: 'accept', T4: 'reject' })).toEqual(['feedback_update']);
    expect(acceptedKinds(templates, kinds, { T3: 'ban', T4: 'accept', T5: 'accept' })).toEqual(['feedback_reply']);
    expect(acceptedKinds({}, kinds, { T3: 'accept' })).toEqual([]);
  });

  it('asks the stand-in on h5 and WeChat’s prompt on weapp, a failed prompt being “no”', async () => {
    const standIn = jest.fn().mockResolvedValue({ T1: 'accept' });
    process.env.TARO_ENV = 'h5';
    await expect(askForMessages(['T1'], standIn)).resolves.toEqual({ T1: 'accept' });
    await expect(askForMessages([], standIn)).resolves.toEqual({});
    expect(standIn).toHaveBeenCalledTimes(1);

    process.env.TARO_ENV = 'weapp';
    promptMock.mockImplementation((option: { success: (res: unknown) => void }) => {
      option.success({ errMsg: 'requestSubscribeMessage:ok', T1: 'accept', T2: 'reject', T9: 'accept' });
      return Promise.resolve();
    });
    await expect(askForMessages(['T1', 'T2'], standIn)).resolves.toEqual({ T1: 'accept', T2: 'reject' });
    expect(promptMock.mock.calls[0][0]).toMatchObject({ tmplIds: ['T1', 'T2'] });

    promptMock.mockImplementation((option: { fail: () => void }) => {
      option.fail();
      return Promise.reject(new Error('requestSubscribeMessage:fail'));
    });
    await expect(askForMessages(['T1'], standIn)).resolves.toEqual({});
    expect(standIn).toHaveBeenCalledTimes(1);
  });
});
