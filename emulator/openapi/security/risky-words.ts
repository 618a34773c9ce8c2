import { LABEL, type Suggest } from './labels';

/**
 * The emulator's default content rules: a small, deliberately conservative list so demo data
 * and ordinary complaints ("质量太差了") pass while obvious gambling, fraud, porn, abuse and
 * contact spam are caught. WeChat's real model is far broader; this list exists to exercise
 * the product's "risky -> refused" and "review -> held" paths locally. Words are matched after
 * normalisation (NFKC, lower case, spaces and common separators removed), so "赌 博" and
 * "ＶＸ" are caught too.
 */
export interface WordRule {
  word: string;
  label: number;
  suggest: Suggest;
}

export interface PatternRule {
  name: string;
  pattern: RegExp;
  label: number;
  suggest: Suggest;
}

const risky = (label: number, words: string[]): WordRule[] => words.map((word) => ({ word, label, suggest: 'risky' }));
const review = (label: number, words: string[]): WordRule[] => words.map((word) => ({ word, label, suggest: 'review' }));

export const DEFAULT_WORD_RULES: readonly WordRule[] = [
  // 违法犯罪: gambling, drugs, weapons, money laundering, fake invoices
  ...risky(LABEL.illegal, [
    '赌博',
    '博彩',
    '网赌',
    '赌球',
    '六合彩',
    '百家乐',
    '时时彩',
    '毒品',
    '冰毒',
    '海洛因',
    '大麻',
    '枪支',
    '出售枪',
    '洗钱',
    '代开发票',
    '假发票',
  ]),
  // 欺诈: order-brushing, cash-out, loan and lottery scams
  ...risky(LABEL.fraud, ['刷单', '兼职刷单', '信用卡套现', '花呗套现', '裸贷', '杀猪盘', '高额返利', '稳赚不赔', '内幕消息', '中奖请联系', '恭喜您中奖']),
  // 色情
  ...risky(LABEL.porn, ['约炮', '裸聊', '色情', '援交', '一夜情']),
  // 辱骂: strong insults are risky, milder ones go to a human
  ...risky(LABEL.abuse, ['傻逼', '煞笔', '操你妈', '草泥马', '狗娘养', '去死吧']),
  ...review(LABEL.abuse, ['脑残', '白痴', '智障', '滚蛋']),
  // 广告: explicit soliciting
  ...review(LABEL.ad, ['加微信', '加我微信', '加vx', '加qq', '私聊我', '低价出', '招代理', '日赚']),
];

/** Contact details in user posts are classic spam on WeChat; held for review, not refused. */
export const DEFAULT_PATTERN_RULES: readonly PatternRule[] = [
  { name: 'mobile-number', pattern: /(?<!\d)1[3-9]\d{9}(?!\d)/, label: LABEL.ad, suggest: 'review' },
  { name: 'wechat-id', pattern: /(?:微信|vx|wx|v信|weixin)\s*[:：号]?\s*[a-z][-_a-z0-9]{5,19}/i, label: LABEL.ad, suggest: 'review' },
  { name: 'qq-number', pattern: /(?:qq|扣扣)\s*[:：号]?\s*[1-9]\d{4,11}/i, label: LABEL.ad, suggest: 'review' },
  { name: 'link', pattern: /(?:https?:\/\/|www\.)[^\s]+|[a-z0-9-]+\.(?:com|cn|net|top|xyz|vip)(?:\/|\b)/i, label: LABEL.ad, suggest: 'review' },
];
