import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Checkbox, Input } from '@nutui/nutui-react-taro';
import { errorText } from '@/utils/error-text';
import { useAppStore } from '@/store';

const TERMS_SUMMARY =
  '加入会员即表示你同意品牌记录你的积分、订单与分享记录，用于计算会员等级与权益。' + '手机号为选填，仅用于会员身份识别与服务通知。你可随时联系客服注销会员。';

/** The "加入会员" flow: terms must be accepted; the phone number is optional. */
export function JoinMembershipCard() {
  const join = useAppStore((state) => state.join);
  const joining = useAppStore.use.pendingChange() === 'join';
  const [agreed, setAgreed] = useState(false);
  const [phone, setPhone] = useState('');

  const submit = async () => {
    const trimmedPhone = phone.trim();
    const result = await join({ agreeTerms: true, ...(trimmedPhone ? { phone: trimmedPhone } : {}) });
    if (result.ok) void Taro.showToast({ title: '入会成功', icon: 'success' });
    else void Taro.showToast({ title: errorText(result.error), icon: 'none', duration: 2500 });
  };

  const showTerms = () => {
    void Taro.showModal({ title: '会员服务条款', content: TERMS_SUMMARY, showCancel: false, confirmText: '知道了' });
  };

  return (
    <View className="card join-card" data-testid="join-card">
      <Text className="member-page__card-title">加入会员</Text>
      <Text className="join-card__pitch">入会即享会员价、消费积分、限量抽签资格，邀请好友还能解锁专属权益。</Text>
      <View className="join-card__phone">
        <Input type="number" maxLength={11} value={phone} onChange={setPhone} placeholder="手机号（选填）" clearable data-testid="phone-input" />
      </View>
      <View className="join-card__terms">
        <Checkbox checked={agreed} onChange={setAgreed} data-testid="terms-checkbox" label="我已阅读并同意" />
        <Text className="join-card__terms-link" onClick={showTerms} data-testid="terms-link">
          《会员服务条款》
        </Text>
      </View>
      <Button type="primary" block disabled={!agreed} loading={joining} onClick={submit} data-testid="join-button">
        加入会员
      </Button>
    </View>
  );
}
