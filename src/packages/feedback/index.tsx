import { ComingSoon } from '@/components/coming-soon/coming-soon';

export default function FeedbackPage() {
  return <ComingSoon feature="吐槽中心" description="在这里提出意见和建议、为别人的吐槽点“我也是”，品牌会公开回复并跟进处理进度，被采纳的建议还有积分奖励。" />;
}
