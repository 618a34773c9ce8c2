export default definePageConfig({
  navigationBarTitleText: '邀请有礼',
  // Invite and perk cards carry the sharer's code (useShareCard); Taro needs these for the hooks.
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
