// Modal to replace a user's role assignments (PUT /users/:id/roles).
import { useEffect, useState } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import { api, errorMessage, type RoleDef, type User } from '../api';
import RoleRowsField, { rowsFromAssignments, rowsToInputs, type RoleRow } from './RoleRowsField';
import type { UnitOption } from '../unitTree';

export default function UserRolesModal({
  user,
  roles,
  unitOptions,
  onClose,
  onSaved,
}: {
  user: User | null;
  roles: RoleDef[];
  unitOptions: UnitOption[];
  onClose: () => void;
  onSaved: (user: User) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ roles: RoleRow[] }>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (user) form.setFieldsValue({ roles: rowsFromAssignments(user.roles) });
  }, [user, form]);

  const submit = async (v: { roles?: RoleRow[] }) => {
    if (!user) return;
    setSaving(true);
    try {
      const saved = await api.setUserRoles(user.id, rowsToInputs(v.roles));
      message.success('角色已保存');
      onSaved(saved);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={user ? `设置角色：${user.displayName}（${user.username}）` : '设置角色'}
      open={user !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={saving}
      width={680}
      forceRender
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="「全区」仅适用于可在全区范围履职的角色；限单位的角色必须指定单位。保存后将整体替换该用户的角色。"
      />
      <Form form={form} name="userRoles" layout="vertical" onFinish={submit}>
        <RoleRowsField form={form} roles={roles} unitOptions={unitOptions} defaultUnit={user?.unitId} />
      </Form>
    </Modal>
  );
}
