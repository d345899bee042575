// 审核流程设置: the review chain that applies to a unit (or 全区) and content kind, where it is
// inherited from, and — for columns.manage — the unit's own setting. The order of the stages is
// fixed (初审 → 复审 → 保密审查 → 终审); 终审 always ends it and 保密审查 cannot be dropped for kinds
// that need it. The server checks all of this; its messages are shown as they come.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Popconfirm, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../labels';
import { unitSelectOptions } from '../../unitTree';
import { unitOptionRender } from '../../components/unitOptionRender';
import { pubApi, type ChainSetting, type ContentKinds, type EffectiveChain } from './api';
import { STAGE_LABELS } from './labels';
import { useRefData } from './refData';

const ORDER = ['first', 'second', 'confidentiality', 'final'];
/** The select value for 全区 / 所有类型 (antd Select values cannot be null). */
const ALL = '*';

export default function ReviewChains() {
  const { me } = useAuth();
  const { message } = App.useApp();
  const ref = useRefData();
  const canEdit = me.permissions.includes('columns.manage');
  const [kinds, setKinds] = useState<ContentKinds['kinds']>([]);
  const [settings, setSettings] = useState<ChainSetting[]>([]);
  const [unit, setUnit] = useState<string>(me.unitId !== null ? String(me.unitId) : ALL);
  const [kind, setKind] = useState<string>(ALL);
  const [chain, setChain] = useState<EffectiveChain | null>(null);
  const [stages, setStages] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const unitId = unit === ALL ? null : Number(unit);
  const kindName = kind === ALL ? null : kind;
  const kindLabel = useCallback((k: string | null) => (k === null ? '所有类型' : (kinds.find((x) => x.name === k)?.label ?? k)), [kinds]);
  const where = useCallback((s: { unitId: number | null; kind: string | null }) => `${ref.unitName(s.unitId)} · ${kindLabel(s.kind)}`, [ref, kindLabel]);

  const load = useCallback(async () => {
    try {
      const [c, all] = await Promise.all([pubApi.effectiveChain(unitId, kindName), pubApi.chainSettings()]);
      setChain(c);
      setSettings(all.items);
      setStages(c.configured);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [unitId, kindName]);

  useEffect(() => {
    pubApi
      .contentKinds()
      .then((r) => setKinds(r.kinds))
      .catch((err) => setError(errorMessage(err)));
  }, []);
  useEffect(() => {
    setError(null);
    void load();
  }, [load]);

  // 保密审查 is locked on where the chosen kind requires it; without a kind it is added to whatever needs it.
  const confLocked = kindName !== null && !!chain?.requiresConfidentiality;
  const unitOptions = useMemo(() => [{ value: ALL, label: '全区（默认）', depth: 0 }, ...unitSelectOptions(ref.units).map((o) => ({ ...o, value: String(o.value) }))], [ref.units]);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const chosen = ORDER.filter((s) => s === 'final' || (s === 'confidentiality' && confLocked) || stages.includes(s));
      await pubApi.setChain(unitId, kindName, chosen);
      message.success('审核流程已保存');
      await load();
    } catch (err) {
      setError(`保存失败：${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const clear = async () => {
    setBusy(true);
    setError(null);
    try {
      await pubApi.clearChain(unitId, kindName);
      message.success('已恢复继承上级设置');
      await load();
    } catch (err) {
      setError(`恢复继承失败：${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const source = (() => {
    if (!chain) return '';
    if (chain.own) return `本级设置（${where(chain.own)}，${formatDateTime(chain.own.updatedAt)} 更新）`;
    if (chain.setting) return `继承自「${where(chain.setting)}」的设置`;
    return `系统内置：${kindName === null ? '未设置全区默认流程' : `「${kindLabel(kindName)}」的默认审核流程`}`;
  })();

  return (
    <Card title={<h1 style={{ fontSize: '1.125em', margin: 0 }}>审核流程设置</h1>}>
      <Typography.Paragraph type="secondary">
        审核流程可按单位和内容类型设置，最具体的设置优先：单位 + 类型、单位、全区 + 类型、全区默认，都没有时用该类型的内置流程。
        审核顺序固定为 初审 → 复审 → 保密审查 → 终审，最后一环必须是终审；须保密审查的内容始终经过保密审查。
        各环节由不同人员审核。
      </Typography.Paragraph>
      <Space wrap size="large" style={{ marginBottom: 16 }}>
        <Space>
          <label htmlFor="chain-unit">单位</label>
          <Select
            id="chain-unit"
            style={{ width: 260 }}
            value={unit}
            onChange={setUnit}
            options={unitOptions}
            optionRender={unitOptionRender}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Space>
        <Space>
          <label htmlFor="chain-kind">内容类型</label>
          <Select
            id="chain-kind"
            style={{ width: 200 }}
            value={kind}
            onChange={setKind}
            options={[{ value: ALL, label: '所有类型' }, ...kinds.map((k) => ({ value: k.name, label: k.label }))]}
          />
        </Space>
      </Space>
      {(error ?? ref.error) && (
        <Alert type="error" showIcon role="alert" title={error ?? ref.error} closable={{ onClose: () => setError(null) }} style={{ marginBottom: 16 }} />
      )}
      <section aria-labelledby="effective-chain-title">
        <Typography.Title level={2} id="effective-chain-title" style={{ fontSize: '1em' }}>
          现行审核流程
        </Typography.Title>
        {chain && (
          <>
            <Steps
              size="small"
              current={-1}
              items={chain.effective.map((s) => ({
                key: s,
                title: STAGE_LABELS[s] ?? s,
                status: 'wait' as const,
                subTitle: s === 'confidentiality' && !chain.configured.includes(s) ? '须保密审查的内容' : undefined,
              }))}
            />
            <Typography.Paragraph style={{ marginTop: 12 }} data-testid="chain-source">
              来源：{source}
            </Typography.Paragraph>
          </>
        )}
      </section>
      {canEdit && chain && (
        <section aria-labelledby="own-chain-title">
          <Typography.Title level={2} id="own-chain-title" style={{ fontSize: '1em', marginTop: 16 }}>
            设置「{where({ unitId, kind: kindName })}」的审核环节
          </Typography.Title>
          <Checkbox.Group
            aria-label="审核环节"
            value={ORDER.filter((s) => s === 'final' || (s === 'confidentiality' && confLocked) || stages.includes(s))}
            onChange={(v) => setStages(v as string[])}
            options={ORDER.map((s) => ({
              value: s,
              label: s === 'final' || (s === 'confidentiality' && confLocked) ? `${STAGE_LABELS[s]}（必经）` : STAGE_LABELS[s],
              disabled: s === 'final' || (s === 'confidentiality' && confLocked),
            }))}
          />
          <Space style={{ display: 'flex', marginTop: 12 }}>
            <Button type="primary" loading={busy} onClick={() => void save()}>
              保存设置
            </Button>
            {chain.own && (
              <Popconfirm title="删除本级设置，恢复继承上级设置？" okText="恢复继承" cancelText="取消" onConfirm={() => void clear()}>
                <Button loading={busy}>恢复继承</Button>
              </Popconfirm>
            )}
          </Space>
        </section>
      )}
      <section aria-labelledby="chain-settings-title">
        <Typography.Title level={2} id="chain-settings-title" style={{ fontSize: '1em', marginTop: 24 }}>
          已有的设置
        </Typography.Title>
        <Table<ChainSetting>
          rowKey={(s) => `${s.unitId ?? ALL}:${s.kind ?? ALL}`}
          size="small"
          pagination={false}
          dataSource={settings}
          locale={{ emptyText: '尚无设置：各类型使用内置审核流程' }}
          columns={[
            { title: '单位', dataIndex: 'unitId', render: (u: number | null) => (u === null ? '全区' : ref.unitName(u)) },
            { title: '内容类型', dataIndex: 'kind', render: (k: string | null) => kindLabel(k) },
            {
              title: '审核环节',
              dataIndex: 'stages',
              render: (st: string[]) => (
                <Space size={4} wrap>
                  {st.map((s) => (
                    <Tag key={s}>{STAGE_LABELS[s] ?? s}</Tag>
                  ))}
                </Space>
              ),
            },
            { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: formatDateTime },
            {
              title: '操作',
              key: 'open',
              width: 90,
              render: (_, s) => (
                <Button
                  type="link"
                  size="small"
                  aria-label={`查看 ${where(s)} 的设置`}
                  onClick={() => {
                    setUnit(s.unitId === null ? ALL : String(s.unitId));
                    setKind(s.kind ?? ALL);
                  }}
                >
                  查看
                </Button>
              ),
            },
          ]}
        />
      </section>
    </Card>
  );
}
