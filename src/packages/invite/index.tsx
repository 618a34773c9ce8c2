import { ComingSoon } from '@/components/coming-soon/coming-soon';

export default function InvitePage() {
  return (
    <ComingSoon
      feature="邀请有礼"
      description="分享邀请卡片给好友，好友真正加入会员后你会看到他们带来的影响，并解锁对应的会员权益。"
    />
  );
}
