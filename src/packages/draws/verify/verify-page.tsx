import { useEffect, useMemo, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { PageState, StatePage } from '@/components/page-state/page-state';
import { ROUTES, openPage, routeParam } from '@/routes';
import type { DrawProof } from '@/services/contracts';
import { formatLocalDateTime } from '@/utils/date';
import { drawsErrorText } from '../draws-text';
import { selectDrawProof, selectDrawProofEntries, useDrawsStore } from '../store';
import { downloadJson } from './download-proof';
import { proofFileOf, verifyProof, type VerifyStep } from './verify';
import '../draws.scss';

/** Entry ids shown at first, and added by each 显示更多 (the whole list is in the file). */
const PAGE = 50;

/**
 * 开奖验证 (`?id=`, and `&entry=` from the member's own receipt): the published proof of a drawn
 * draw, its anonymised entry list (a file on h5), and 在本页复算, which recomputes the digest, the
 * final seed, the winners and the waitlist on this phone and shows ✓ or ✗ per step. Public: on h5
 * it opens without an identity.
 */
export default function VerifyPage() {
  const [drawId] = useState(() => routeParam('id'));
  const [myEntryId] = useState(() => routeParam('entry'));
  const proofEntry = useDrawsStore(useMemo(() => selectDrawProof(drawId), [drawId]));
  const loadProof = useDrawsStore((state) => state.loadDrawProof);

  useEffect(() => {
    if (drawId) void loadProof(drawId);
  }, [drawId, loadProof]);

  const proof = proofEntry.value;
  if (!drawId || (proofEntry.status === 'error' && proofEntry.error?.code === 'NOT_FOUND')) {
    return (
      <StatePage
        kind="empty"
        testId="verify-not-found"
        title="抽签不存在或已取消"
        description="已取消的抽签没有开奖数据。"
        actionText="全部抽签"
        onAction={() => openPage(ROUTES.draws)}
      />
    );
  }
  if (proofEntry.status === 'error' && proofEntry.error?.code === 'DRAW_NOT_DRAWN') {
    return <StatePage kind="notice" testId="verify-not-drawn" title="尚未开奖" description="开奖后这里会公布种子、报名名单摘要和中签名单，任何人都能复算。" />;
  }
  if (proofEntry.status === 'error' && !proof) {
    return (
      <StatePage
        kind="error"
        testId="verify-error"
        title="开奖数据加载失败"
        description={drawsErrorText(proofEntry.error)}
        actionText="重试"
        onAction={() => void loadProof(drawId)}
      />
    );
  }
  if (!proof) {
    return <StatePage kind="loading" testId="verify-loading" />;
  }
  return <ProofView proof={proof} myEntryId={myEntryId} />;
}

function Field({ name, value, hint, testId }: { name: string; value: string; hint?: string; testId: string }) {
  return (
    <View className="proof-field">
      <Text className="proof-field__name">{name}</Text>
      <Text className="proof-field__value" selectable data-testid={testId}>
        {value}
      </Text>
      {hint ? <Text className="proof-field__hint">{hint}</Text> : null}
    </View>
  );
}

function ProofView({ proof, myEntryId }: { proof: DrawProof; myEntryId: string }) {
  const entries = useDrawsStore(useMemo(() => selectDrawProofEntries(proof.drawId), [proof.drawId]));
  const loadEntries = useDrawsStore((state) => state.loadDrawProofEntries);
  const [steps, setSteps] = useState<VerifyStep[] | null>(null);
  const [computing, setComputing] = useState(false);
  const [shown, setShown] = useState(PAGE);
  const ids = entries.value;

  useEffect(() => {
    if (entries.status === 'idle') void loadEntries(proof.drawId);
  }, [entries.status, loadEntries, proof.drawId]);

  const recompute = () => {
    if (!ids || computing) return;
    setComputing(true);
    // A moment to show 计算中 before the hashing (every entry is hashed once more) holds the thread.
    setTimeout(() => {
      setSteps(verifyProof(proof, ids));
      setComputing(false);
    }, 30);
  };

  const allOk = steps?.every((step) => step.ok) ?? false;
  const winnerPlace = myEntryId ? proof.winners.indexOf(myEntryId) + 1 : 0;
  const waitPlace = myEntryId ? proof.waitlist.indexOf(myEntryId) + 1 : 0;

  return (
    <View className="page verify-page" data-testid="verify-page" data-draw-id={proof.drawId}>
      <View className="card">
        <Text className="draw-section__title">{proof.title}</Text>
        <Text className="draw-fair__text">
          名额 {proof.units} 个、候补 {proof.waitlistLength}{' '}
          位。下面是开奖时公开的全部数据：用它们可以独立算出同样的中签名单。在本页点「在本页复算」，或下载名单文件，用仓库里的 npm run verify-draw 核对。
        </Text>
      </View>

      <View className="card" data-testid="verify-proof">
        <Field name="种子哈希（承诺）" value={proof.commitment} hint={`${formatLocalDateTime(proof.committedAt)} 创建抽签时公布`} testId="verify-commitment" />
        <Field name="随机种子（开奖时公开）" value={proof.seed} hint={`${formatLocalDateTime(proof.drawnAt)} 开奖`} testId="verify-seed" />
        <Field name="报名人数" value={`${proof.entryCount}`} testId="verify-entry-count" />
        <Field name="名单摘要" value={proof.digest} hint="全部抽签编号升序排列，每 1000 个一组各算 SHA-256，再对各组哈希算 SHA-256" testId="verify-digest" />
        <Field name="最终种子" value={proof.finalSeed} hint="SHA-256(随机种子 ‖ 名单摘要)" testId="verify-final-seed" />
        <Text className="proof-field__hint">每个抽签编号的排序值 = SHA-256(最终种子 ‖ 抽签编号)，从小到大：前 {proof.units} 位中签，其后依次为候补。</Text>
      </View>

      {myEntryId ? (
        <View className="card verify-mine" data-testid="verify-my-entry">
          <Text className="proof-field__name">我的抽签编号</Text>
          <Text className="proof-field__value" selectable>
            {myEntryId}
          </Text>
          <Text className="verify-mine__where">
            {winnerPlace > 0 ? `在中签名单第 ${winnerPlace} 位` : waitPlace > 0 ? `在候补名单第 ${waitPlace} 位` : '不在中签与候补名单中'}
            {ids ? (ids.includes(myEntryId) ? '；已在报名名单中找到 ✓' : '；报名名单中没有找到 ✗') : ''}
          </Text>
        </View>
      ) : null}

      <View className="card" data-testid="verify-results">
        <Text className="draw-section__title">中签名单（{proof.winners.length}）</Text>
        <IdList ids={proof.winners} mine={myEntryId} testId="verify-winner" />
        <Text className="draw-section__title verify-page__subtitle">候补名单（{proof.waitlist.length}）</Text>
        {proof.waitlist.length > 0 ? (
          <IdList ids={proof.waitlist} mine={myEntryId} testId="verify-waitlisted" />
        ) : (
          <Text className="proof-field__hint">无候补</Text>
        )}
      </View>

      <View className="card verify-run" data-testid="verify-run-block">
        <Text className="draw-section__title">在本页复算</Text>
        <Text className="proof-field__hint">用本机重新计算：种子与种子哈希是否一致、名单摘要、最终种子、中签与候补名单（含顺序）。</Text>
        <Button
          type="primary"
          block
          disabled={!ids || computing}
          loading={computing || entries.status === 'loading'}
          onClick={recompute}
          data-testid="verify-run"
        >
          在本页复算
        </Button>
        {entries.status === 'error' ? (
          <PageState
            kind="error"
            compact
            testId="verify-entries-error"
            title="报名名单加载失败"
            description={drawsErrorText(entries.error)}
            actionText="重试"
            onAction={() => void loadEntries(proof.drawId)}
          />
        ) : null}
        {steps ? (
          <View className="verify-steps" data-testid="verify-steps" data-ok={allOk ? 'true' : 'false'}>
            {steps.map((step) => (
              <View
                key={step.key}
                className={`verify-step verify-step--${step.ok ? 'ok' : 'bad'}`}
                data-testid="verify-step"
                data-key={step.key}
                data-ok={step.ok ? 'true' : 'false'}
              >
                <Text className="verify-step__mark">{step.ok ? '✓' : '✗'}</Text>
                <View className="verify-step__body">
                  <Text className="verify-step__label">{step.label}</Text>
                  <Text className="verify-step__computed">本机算得：{step.computed}</Text>
                </View>
              </View>
            ))}
            <Text className={`verify-steps__summary verify-steps__summary--${allOk ? 'ok' : 'bad'}`} data-testid="verify-summary">
              {allOk ? '全部一致：中签结果由公开数据唯一确定' : '有不一致的项目，请下载名单文件并联系品牌核实'}
            </Text>
          </View>
        ) : null}
      </View>

      <View className="card" data-testid="verify-entries">
        <Text className="draw-section__title">报名名单（匿名抽签编号，升序）</Text>
        {ids ? (
          <>
            <IdList ids={ids.slice(0, shown)} mine={myEntryId} testId="verify-entry" numbered={false} />
            {ids.length > shown ? (
              <Text className="draw-refusal__way" onClick={() => setShown(shown + PAGE * 4)} data-testid="verify-entries-more">
                显示更多（共 {ids.length} 条）
              </Text>
            ) : null}
            {process.env.TARO_ENV === 'h5' ? (
              <Button
                fill="outline"
                type="primary"
                block
                onClick={() => downloadJson(`flywheel-draw-${proof.drawId}.json`, proofFileOf(proof, ids))}
                data-testid="verify-download"
              >
                下载名单文件（JSON）
              </Button>
            ) : (
              <Text className="proof-field__hint">在浏览器中打开本页可下载完整名单文件。</Text>
            )}
          </>
        ) : entries.status === 'error' ? (
          <Text className="proof-field__hint">名单加载失败，请在上方重试。</Text>
        ) : (
          <PageState kind="loading" compact testId="verify-entries-loading" />
        )}
      </View>
    </View>
  );
}

function IdList({ ids, mine, testId, numbered = true }: { ids: string[]; mine: string; testId: string; numbered?: boolean }) {
  return (
    <View className="id-list">
      {ids.map((id, i) => (
        <View key={id} className={`id-list__row${id === mine ? ' id-list__row--mine' : ''}`} data-testid={testId} data-entry-id={id}>
          {numbered ? <Text className="id-list__place">{i + 1}</Text> : null}
          <Text className="id-list__id" selectable>
            {id}
          </Text>
          {id === mine ? <Text className="id-list__me">我</Text> : null}
        </View>
      ))}
    </View>
  );
}
