// Drawer with the create/edit form for a unit.
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch, TreeSelect } from 'antd';
import { api, errorMessage, type Id, type Unit, type UnitInput, type UnitKind } from '../api';
import { isValidCreditCode } from '../creditCode';
import { UNIT_KIND_LABELS } from '../labels';
import { unitTreeOptions } from '../unitTree';

export type UnitDrawerState = { mode: 'create'; parentId: Id | null } | { mode: 'edit'; unit: Unit } | null;

interface Values {
  name: string;
  shortName: string;
  kind: UnitKind;
  creditCode: string;
  docCodePrefix?: string;
  contactPhone?: string;
  contactAddress?: string;
  contactEmail?: string;
  parentId?: Id | null;
  active: boolean;
  sortOrder?: number | null;
}

const KIND_OPTIONS = (Object.keys(UNIT_KIND_LABELS) as UnitKind[]).map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }));

const text = (v: string | undefined): string => v?.trim() ?? '';

function toInput(v: Values): UnitInput {
  return {
    name: v.name.trim(),
    shortName: v.shortName.trim(),
    kind: v.kind,
    creditCode: v.creditCode.trim().toUpperCase(),
    docCodePrefix: text(v.docCodePrefix),
    contactPhone: text(v.contactPhone),
    contactAddress: text(v.contactAddress),
    contactEmail: text(v.contactEmail),
    parentId: v.parentId ?? null,
    active: v.active,
    sortOrder: v.sortOrder ?? 0,
  };
}

/** Ids of a unit and all its descendants (cannot be chosen as its parent). */
function selfAndDescendants(units: Unit[], id: Id): Set<string> {
  const out = new Set<string>([String(id)]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId !== null && out.has(String(u.parentId)) && !out.has(String(u.id))) {
        out.add(String(u.id));
        grew = true;
      }
    }
  }
  return out;
}

export default function UnitFormDrawer({
  state,
  units,
  onClose,
  onSaved,
}: {
  state: UnitDrawerState;
  units: Unit[];
  onClose: () => void;
  onSaved: (unit: Unit) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    if (state.mode === 'edit') {
      form.setFieldsValue(state.unit);
    } else {
      form.setFieldsValue({ parentId: state.parentId, active: true, sortOrder: 0, kind: 'department' });
    }
  }, [state, form]);

  const parentOptions = useMemo(() => {
    const excluded = state?.mode === 'edit' ? selfAndDescendants(units, state.unit.id) : new Set<string>();
    return unitTreeOptions(units, excluded);
  }, [units, state]);

  const submit = async (values: Values) => {
    if (!state) return;
    setSaving(true);
    try {
      const input = toInput(values);
      const saved = state.mode === 'edit' ? await api.updateUnit(state.unit.id, input) : await api.createUnit(input);
      message.success(state.mode === 'edit' ? '单位信息已保存' : '单位已创建');
      onSaved(saved);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      title={state?.mode === 'edit' ? `编辑单位：${state.unit.name}` : '新增单位'}
      open={state !== null}
      onClose={onClose}
      size={640}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()}>
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} name="unit" layout="vertical" onFinish={submit}>
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item label="单位名称" name="name" rules={[
                { required: true, whitespace: true, message: '请输入单位名称' },
                { min: 2, message: '单位名称至少 2 个字' },
              ]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="简称" name="shortName" rules={[{ required: true, whitespace: true, message: '请填写简称' }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="单位类型" name="kind" rules={[{ required: true, message: '请选择单位类型' }]}>
              <Select options={KIND_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="上级单位" name="parentId">
              <TreeSelect
                treeData={parentOptions}
                allowClear
                placeholder="无（顶级单位）"
                treeDefaultExpandAll
                showSearch={{ treeNodeFilterProp: 'title' }}
              />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item
              label="统一社会信用代码"
              name="creditCode"
              normalize={(v: string) => v?.toUpperCase()}
              rules={[
                { required: true, whitespace: true, message: '请输入统一社会信用代码' },
                {
                  validator: (_, v: string | undefined) =>
                    !v?.trim() || isValidCreditCode(v)
                      ? Promise.resolve()
                      : Promise.reject(new Error('统一社会信用代码格式或校验位不正确')),
                },
              ]}
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item label="机关代字" name="docCodePrefix" tooltip="发文字号中的机关代字，如「某政发」">
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="联系电话" name="contactPhone">
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="电子邮箱" name="contactEmail" rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="办公地址" name="contactAddress">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="排序号" name="sortOrder" tooltip="数字越小越靠前">
              <InputNumber min={0} max={99999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="启用" name="active" valuePropName="checked">
              <Switch checkedChildren="启用" unCheckedChildren="停用" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
