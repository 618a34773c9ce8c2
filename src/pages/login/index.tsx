import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { PageState } from '@/components/page-state/page-state';
import { routeParam } from '@/routes';
import { errorText } from '@/utils/error-text';
import { routeAfterLogin } from '@/utils/login-route';
import { useAppStore } from '@/store';
import { PersonaList } from './persona-list';
import './index.scss';

// h5 only (not a page of the weapp build): against the local emulator there is no WeChat to say
// who you are, so you pick a seeded demo persona or become a brand-new customer.
export default function LoginPage() {
  const status = useAppStore.use.personasStatus();
  const personas = useAppStore.use.personas();
  const error = useAppStore.use.personasError();
  const signingInAs = useAppStore.use.signingInAs();
  const loadPersonas = useAppStore((state) => state.loadPersonas);
  const signIn = useAppStore((state) => state.signIn);
  // A shared card opened without a session came here first: it is where the person was going.
  const [next] = useState(() => routeParam('next'));

  useEffect(() => {
    if (status === 'idle') void loadPersonas();
  }, [status, loadPersonas]);

  const enterAs = async (openid?: string) => {
    const result = await signIn(openid);
    if (result.ok) void Taro.reLaunch({ url: routeAfterLogin(next) });
    else void Taro.showToast({ title: errorText(result.error), icon: 'none' });
  };

  return (
    <View className="page login-page">
      <View className="login-page__intro">
        <Text className="login-page__title">选择体验身份</Text>
        <Text className="login-page__hint">这是本地体验环境：没有微信登录，请选择一个演示身份，或以全新顾客身份进入。正式小程序中不会出现此页面。</Text>
      </View>
      {status === 'error' ? (
        <PageState
          kind="error"
          testId="personas-error"
          title="演示身份加载失败"
          // NOT_FOUND here means the emulator runs without the demo seed; its message says so.
          description={error?.code === 'NOT_FOUND' ? error.message : errorText(error)}
          actionText="重试"
          onAction={loadPersonas}
        />
      ) : status !== 'ready' ? (
        <PageState kind="loading" testId="personas-loading" title="正在加载演示身份…" />
      ) : personas.length === 0 ? (
        <PageState kind="empty" testId="personas-empty" title="暂无演示身份" description="模拟器的种子数据里没有演示身份，你仍可以作为新用户进入。" />
      ) : (
        <PersonaList personas={personas} signingInAs={signingInAs} onPick={(persona) => enterAs(persona.openid)} />
      )}
      <Button
        className="login-page__new-visitor"
        type="primary"
        fill="outline"
        block
        loading={signingInAs === ''}
        disabled={signingInAs !== null}
        onClick={() => enterAs()}
        data-testid="new-visitor-button"
      >
        我是新用户
      </Button>
    </View>
  );
}
