import { feedbackErrorText, reviewText, sendErrorsOf, statusTone } from './feedback-text';

describe('feedbackErrorText', () => {
  it.each([
    ['FEEDBACK_CONTENT_RISKY', '内容可能含有违规信息（广告），请修改后再提交'],
    ['FEEDBACK_DAILY_LIMIT', '今天最多发 5 条反馈，明天再来吧'],
    ['FEEDBACK_IMAGE_INVALID', '第 2 张图片超过 2 MB，请压缩后再上传'],
    ['FEEDBACK_ORDER_NOT_YOURS', '只能关联你自己的订单'],
    ['FEEDBACK_WRONG_STATE', '不能给自己的反馈点「我也是」'],
    ['FEEDBACK_CHECK_UNAVAILABLE', '内容安全检测暂不可用，请稍后再试'],
    ['NOT_A_MEMBER', '加入会员后即可发帖'],
  ])("shows the server's Chinese explanation of %s", (code, message) => {
    expect(feedbackErrorText({ code, message })).toBe(message);
  });

  it('has a fixed sentence for each when the message is not written for a member', () => {
    expect(feedbackErrorText({ code: 'FEEDBACK_CONTENT_RISKY', message: 'risky' })).toBe('内容未通过安全检测，请修改后再提交');
    expect(feedbackErrorText({ code: 'FEEDBACK_DAILY_LIMIT', message: '' })).toBe('今天的次数已用完，明天再来吧');
    expect(feedbackErrorText({ code: 'NOT_A_MEMBER', message: 'no' })).toBe('加入会员后即可参与吐槽中心');
  });

  it('follows errorText for every other code', () => {
    expect(feedbackErrorText({ code: 'NETWORK_ERROR', message: 'x' })).toBe('网络异常，请稍后重试');
    expect(feedbackErrorText({ code: 'NOT_FOUND', message: '反馈不存在或暂不可见' })).toBe('内容不存在或已被删除');
    expect(feedbackErrorText({ code: 'INTERNAL', message: '数据库连接失败' })).toBe('服务开小差了，请稍后重试');
    expect(feedbackErrorText(null)).toBe('操作失败，请稍后重试');
  });
});

describe('where a refusal of 提交 shows', () => {
  it('puts each by its field, and the rest above the button', () => {
    expect(sendErrorsOf({ code: 'FEEDBACK_CONTENT_RISKY', message: '内容含有违规信息' })).toEqual({ text: '内容含有违规信息' });
    expect(sendErrorsOf({ code: 'FEEDBACK_IMAGE_INVALID', message: '第 1 张图片不是你上传的，请重新上传' })).toEqual({
      images: '第 1 张图片不是你上传的，请重新上传',
    });
    expect(sendErrorsOf({ code: 'FEEDBACK_ORDER_NOT_YOURS', message: '只能关联你自己的订单' })).toEqual({ order: '只能关联你自己的订单' });
    expect(sendErrorsOf({ code: 'FEEDBACK_DAILY_LIMIT', message: '今天最多发 5 条反馈' })).toEqual({ form: '今天最多发 5 条反馈' });
    expect(sendErrorsOf({ code: 'NETWORK_ERROR', message: 'x' })).toEqual({ form: '网络异常，请稍后重试' });
    expect(sendErrorsOf(null)).toEqual({});
  });

  it('places validation details by path, never showing the path itself', () => {
    const error = {
      code: 'VALIDATION_FAILED',
      message: '输入有误：text 内容最多 500 个字；images.3 最多上传 3 张图片；requestId 请求编号格式有误',
      details: [
        { path: 'text', message: '内容最多 500 个字' },
        { path: 'images.3', message: '最多上传 3 张图片' },
        { path: 'orderId', message: '订单号格式有误' },
        { path: 'requestId', message: '请求编号格式有误' },
      ],
    };
    expect(sendErrorsOf(error)).toEqual({ text: '内容最多 500 个字', images: '最多上传 3 张图片', order: '订单号格式有误', form: '请求编号格式有误' });
  });
});

describe('post words', () => {
  it('says the review with its reason to the author', () => {
    expect(reviewText({ review: 'pending', reviewName: '审核中', reviewReason: null })).toBe('审核中');
    expect(reviewText({ review: 'published', reviewName: '已公开', reviewReason: null })).toBe('已公开');
    expect(reviewText({ review: 'rejected', reviewName: '未通过', reviewReason: '内容与品牌无关' })).toBe('未通过：内容与品牌无关');
    expect(reviewText({ review: 'hidden', reviewName: '已隐藏', reviewReason: '图片未通过安全检测' })).toBe('已隐藏：图片未通过安全检测');
    expect(reviewText({ review: 'hidden', reviewName: '已隐藏', reviewReason: null })).toBe('已隐藏');
  });

  it('colours statuses by how far they got', () => {
    expect(['open', 'acknowledged', 'planned', 'in_progress', 'resolved', 'declined', 'duplicate'].map((s) => statusTone(s as never))).toEqual([
      'waiting',
      'active',
      'active',
      'active',
      'ok',
      'muted',
      'muted',
    ]);
  });
});
