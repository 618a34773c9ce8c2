import { ComingSoon } from '@/components/coming-soon/coming-soon';

// THE HOOK for the ladder explanation page (issue 4, "ladder explanation page"): the route
// (ROUTES.ladder), its place in the points subpackage and the entry on the member centre's tier
// card (member-ladder-entry) exist; this body is replaced once the ladder backend says each
// tier's thresholds, benefits and the member's progress ("再下 1 单升级为复购会员").
export default function LadderPage() {
  return (
    <ComingSoon
      feature="等级说明"
      description="这里将说明五个会员等级（基础用户 → 未购会员 → 已购会员 → 复购会员 → 品牌KOC）各自的升级条件与权益，以及你离下一级还差什么。"
    />
  );
}
