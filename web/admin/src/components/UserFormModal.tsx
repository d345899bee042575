// Modal to create a user or edit one (display name, unit, active, password reset).
import { useEffect, useState } from 'react';
import { App, Divider, Form, Input, Modal, Select, Switch } from 'antd';
import { api, errorMessage, type Id, type RoleDef, type UpdateUserInput, type User } from '../api';
import { MIN_PASSWORD_LENGTH } from './ChangePasswordForm';
import RoleRowsField, { rowsToInputs, type RoleRow } from './RoleRowsField';
import { unitOptionRender } from './unitOptionRender';
import type { UnitOption } from '../unitTree';

export type UserModalState = { mode: 'create' } | { mode: 'edit'; user: User } | null;

interface Values {
  username?: string;
  displayName: string;
  unitId: Id;
  active?: boolean;
  password?: string;
  roles?: RoleRow[];
}

export default function UserFormModal({
  state,
  roles,
  unitOptions,
  onClose,
  onSaved,
}: {
  state: UserModalState;
  roles: RoleDef[];
  unitOptions: UnitOption[];
  onClose: () => void;
  onSaved: (user: User) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const editing = state?.mode === 'edit' ? state.user : null;
  const selectedUnit: Id | undefined = Form.useWatch('unitId', form);

  useEffect(() => {
    if (!state) return;
    form.resetFields();
    if (state.mode === 'edit') {
      const u = state.user;
      form.setFieldsValue({ displayName: u.displayName, unitId: u.unitId, active: u.active });
    } else {
      form.setFieldsValue({ roles: [] });
    }
  }, [state, form]);

  const submit = async (v: Values) => {
    setSaving(true);
    try {
      let saved: User;
      if (editing) {
        const patch: UpdateUserInput = { displayName: v.displayName.trim(), unitId: v.unitId, active: v.active };
        if (v.password) patch.password = v.password;
        saved = await api.updateUser(editing.id, patch);
        message.success(v.password ? '用户信息已保存，密码已重置' : '用户信息已保存');
      } else {
        const roleInputs = rowsToInputs(v.roles);
        saved = await api.createUser({
          username: (v.username ?? '').trim(),
          displayName: v.displayName.trim(),
          unitId: v.unitId,
          password: v.password ?? '',
          ...(roleInputs.length ? { roles: roleInputs } : {}),
        });
        message.success(`用户「${saved.displayName}」已创建`);
      }
      onSaved(saved);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={editing ? `编辑用户：${editing.username}` : '新建用户'}
      open={state !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={saving}
      width={editing ? 560 : 680}
      forceRender
    >
      <Form form={form} name="user" layout="vertical" onFinish={submit} autoComplete="off">
        {!editing && (
          <Form.Item
            label="用户名"
            name="username"
            extra="用于登录，创建后不可修改"
            rules={[
              { required: true, whitespace: true, message: '请输入用户名' },
              {
                pattern: /^\s*[A-Za-z][A-Za-z0-9_.-]{2,31}\s*$/,
                message: '用户名须为 3–32 位字母、数字、下划线、点或连字符，以字母开头',
              },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item label="所属单位" name="unitId" rules={[{ required: true, message: '请选择所属单位' }]}>
          <Select
            options={unitOptions}
            showSearch={{ optionFilterProp: 'label' }}
            optionRender={unitOptionRender}
            placeholder="选择单位"
          />
        </Form.Item>
        {editing && (
          <Form.Item label="账号状态" name="active" valuePropName="checked">
            <Switch checkedChildren="启用" unCheckedChildren="停用" />
          </Form.Item>
        )}
        <Form.Item
          label={editing ? '重置密码' : '初始密码'}
          name="password"
          extra={editing ? '留空则不修改密码' : `至少 ${MIN_PASSWORD_LENGTH} 个字符，请通过安全渠道告知用户`}
          rules={[
            { required: !editing, message: '请输入初始密码' },
            { min: MIN_PASSWORD_LENGTH, message: `密码至少 ${MIN_PASSWORD_LENGTH} 个字符` },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {!editing && (
          <>
            <Divider titlePlacement="start" plain>
              角色（可选，创建后也可调整）
            </Divider>
            <RoleRowsField form={form} roles={roles} unitOptions={unitOptions} defaultUnit={selectedUnit} />
          </>
        )}
      </Form>
    </Modal>
  );
}
