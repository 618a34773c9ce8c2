import { callFunction } from '@/services/cloud';
import { drawDetail, drawListItem, myEntry, SERVER_NOW } from '@/test-support/draws-fixtures';
import { follower, repeatBuyer } from '@/test-support/member-fixtures';
import { createAppStore } from '../../store/index';
import { selectDrawDetail, withDraws } from './store';

jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callMock = callFunction as jest.MockedFunction<typeof callFunction>;
type Reply = Awaited<ReturnType<typeof callFunction>>;

/** Answers by function.action; an action not listed is a test failure. */
function serve(answers: Record<string, Reply | ((payload: unknown) => Reply)>) {
  callMock.mockImplementation(async (name, action, payload) => {
    const answer = answers[`${name}.${action}`];
    if (!answer) throw new Error(`unexpected ${name}.${action}`);
    return typeof answer === 'function' ? answer(payload) : answer;
  });
}

const sent = (action: string) => callMock.mock.calls.filter(([, a]) => a === action).map(([, , payload]) => payload);

const env = process.env.TARO_ENV;
beforeEach(() => {
  callMock.mockReset();
  // The stand-in sheet is h5's (WeChat's own prompt is exercised by npm run test:weapp).
  process.env.TARO_ENV = 'h5';
});
afterAll(() => {
  process.env.TARO_ENV = env;
});

describe('draws slice', () => {
  it('runs countdowns on the server’s clock: the offset of its serverNow to this phone’s time', async () => {
    const store = withDraws(createAppStore());
    const phoneNow = Date.parse(SERVER_NOW) - 90_000;
    jest.spyOn(Date, 'now').mockReturnValue(phoneNow);
    serve({ 'draws.list': { ok: true, data: { draws: [drawListItem()] } } });
    await store.getState().loadDrawList();
    expect(store.getState().drawClockOffsetMs).toBe(90_000);
    jest.restoreAllMocks();
  });

  it('asks for the result messages on the entering tap (the stand-in on h5) and enters with the answers', async () => {
    const store = withDraws(createAppStore());
    serve({
      'member.notifyTemplates': { ok: true, data: { templates: { draw_result: 'TPL_RESULT', draw_promoted: 'TPL_PROMOTED' } } },
      'draws.enter': { ok: true, data: { entry: myEntry() } },
      'draws.detail': { ok: true, data: drawDetail({ myEntry: myEntry(), canEnter: false }) },
    });
    await store.getState().loadDrawTemplates();

    const entering = store.getState().enterDraw('draw_0123456789ab');
    // The sheet is up at once: nothing was awaited before asking.
    expect(store.getState().drawSubscribeSheet).toEqual({ tmplIds: ['TPL_RESULT', 'TPL_PROMOTED'] });
    expect(store.getState().drawEntering).toBe('draw_0123456789ab');
    expect(sent('enter')).toEqual([]);

    store.getState().answerDrawSubscribe(true);
    const result = await entering;
    expect(result.ok).toBe(true);
    expect(store.getState().drawSubscribeSheet).toBeNull();
    expect(sent('enter')).toEqual([{ drawId: 'draw_0123456789ab', notify: true, notifyPromoted: true }]);
    // The page reads the draw again: the receipt and the new count.
    expect(sent('detail')).toEqual([{ drawId: 'draw_0123456789ab' }]);
  });

  it('enters without messages when the member refuses, or when there are no template ids', async () => {
    const store = withDraws(createAppStore());
    serve({
      'member.notifyTemplates': { ok: false, error: { code: 'UNKNOWN_ACTION', message: 'unknown action notifyTemplates' } },
      'draws.enter': { ok: true, data: { entry: myEntry({ notify: false }) } },
      'draws.detail': { ok: true, data: drawDetail() },
    });
    await store.getState().loadDrawTemplates();
    expect(store.getState().drawTemplates).toEqual({});
    await store.getState().enterDraw('draw_0123456789ab');
    expect(store.getState().drawSubscribeSheet).toBeNull();
    expect(sent('enter')).toEqual([{ drawId: 'draw_0123456789ab', notify: false, notifyPromoted: false }]);

    store.setState({ drawTemplates: { draw_result: 'TPL_RESULT' } });
    const again = store.getState().enterDraw('draw_0123456789ab');
    store.getState().answerDrawSubscribe(false);
    await again;
    expect(sent('enter')[1]).toEqual({ drawId: 'draw_0123456789ab', notify: false, notifyPromoted: false });
  });

  it('takes “already entered” as entered, and keeps another refusal for the page', async () => {
    const store = withDraws(createAppStore());
    store.setState({ drawTemplates: {}, drawList: [drawListItem()] });
    let answer: Reply = { ok: false, error: { code: 'DRAW_ALREADY_ENTERED', message: '你已报名本次抽签，请等待开奖' } };
    serve({ 'draws.enter': () => answer, 'draws.detail': { ok: true, data: drawDetail() } });

    await store.getState().enterDraw('draw_0123456789ab');
    expect(store.getState().drawEnterError).toBeNull();
    expect(store.getState().drawList[0].entered).toBe(true);

    answer = { ok: false, error: { code: 'DRAW_NOT_OPEN', message: '抽签报名已截止' } };
    await store.getState().enterDraw('draw_0123456789ab');
    expect(store.getState().drawEnterError).toEqual({ drawId: 'draw_0123456789ab', error: answer.error });
    expect(store.getState().drawEntering).toBeNull();
  });

  it('keeps a draw’s page per id, and drops an answer overtaken by a newer load', async () => {
    const store = withDraws(createAppStore());
    const replies: Array<(reply: Reply) => void> = [];
    callMock.mockImplementation(() => new Promise<Reply>((resolve) => replies.push(resolve)));
    const older = store.getState().loadDrawDetail('draw_0123456789ab');
    const newer = store.getState().loadDrawDetail('draw_0123456789ab');
    expect(selectDrawDetail('draw_0123456789ab')(store.getState()).status).toBe('loading');
    replies[1]({ ok: true, data: drawDetail({ canEnter: false }) });
    await newer;
    replies[0]({ ok: true, data: drawDetail({ canEnter: true }) });
    await older;
    expect(selectDrawDetail('draw_0123456789ab')(store.getState()).value?.canEnter).toBe(false);
    expect(selectDrawDetail('draw_other0000')(store.getState()).status).toBe('idle');
  });

  it('forgets entries and pages when the person changes', async () => {
    const store = withDraws(createAppStore());
    store.setState({ profile: repeatBuyer, sessionStatus: 'ready' });
    serve({ 'draws.mine': { ok: true, data: { entries: [myEntry()] } } });
    await store.getState().loadMyDrawEntries();
    expect(store.getState().myDrawEntries).toHaveLength(1);

    store.setState({ profile: { ...follower, memberId: 'someone-else' } });
    expect(store.getState().myDrawEntries).toEqual([]);
    expect(store.getState().myDrawEntriesStatus).toBe('idle');
  });
});
