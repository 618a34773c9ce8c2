import { ComingSoon } from '@/components/coming-soon/coming-soon';

export default function DrawsPage() {
  return <ComingSoon feature="限量抽签" description="限量新品将以公开可验证的方式抽签：每位会员一次机会，开奖前公布种子哈希，开奖后任何人都能复算结果。" />;
}
