// Form.List editor for role assignments: (role, unit | 全区) rows honouring each role's scope.
import { Button, Form, Select, Space, type FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Id, RoleAssignment, RoleDef, RoleInput } from '../api';
import { unitOptionRender } from './unitOptionRender';
import type { UnitOption } from '../unitTree';

/** Select value standing for unitId = null (district-wide). */
export const DISTRICT = '__district__';

export interface RoleRow {
  role?: string;
  unit?: Id;
}

export function rowsFromAssignments(roles: RoleAssignment[]): RoleRow[] {
  return roles.map((r) => ({ role: r.role, unit: r.unitId === null ? DISTRICT : r.unitId }));
}

export function rowsToInputs(rows: RoleRow[] | undefined): RoleInput[] {
  return (rows ?? [])
    .filter((r): r is Required<RoleRow> => !!r?.role && r.unit !== undefined)
    .map((r) => ({ role: r.role, unitId: r.unit === DISTRICT ? null : r.unit }));
}


function RoleRowItem({
  name,
  form,
  listName,
  roles,
  unitOptions,
  onRemove,
}: {
  name: number;
  form: FormInstance;
  listName: string;
  roles: RoleDef[];
  unitOptions: UnitOption[];
  onRemove: () => void;
}) {
  const role: string | undefined = Form.useWatch([listName, name, 'role'], form);
  const scope = roles.find((r) => r.role === role)?.scope;
  // Before a role is chosen the (disabled) select still shows the preset unit's name.
  const options: UnitOption[] = [
    ...(scope === 'district' || scope === 'either' ? [{ value: DISTRICT, label: '全区', depth: 0 }] : []),
    ...(scope !== 'district' ? unitOptions : []),
  ];

  const onRoleChange = (value: string) => {
    const nextScope = roles.find((r) => r.role === value)?.scope;
    const unit: Id | undefined = form.getFieldValue([listName, name, 'unit']);
    if (nextScope === 'district') form.setFieldValue([listName, name, 'unit'], DISTRICT);
    else if (nextScope === 'unit' && unit === DISTRICT) form.setFieldValue([listName, name, 'unit'], undefined);
  };

  return (
    <Space align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
      <Form.Item
        name={[name, 'role']}
        label={`角色 ${name + 1}`}
        rules={[{ required: true, message: '请选择角色' }]}
        style={{ width: 200, marginBottom: 8 }}
      >
        <Select
          placeholder="选择角色"
          options={roles.map((r) => ({ value: r.role, label: r.label }))}
          onChange={onRoleChange}
        />
      </Form.Item>
      <Form.Item
        name={[name, 'unit']}
        label="适用范围"
        rules={[{ required: true, message: scope === 'unit' ? '该角色须指定单位' : '请选择单位或全区' }]}
        style={{ width: 260, marginBottom: 8 }}
      >
        <Select
          placeholder={scope === 'unit' ? '选择单位' : '选择单位或全区'}
          options={options}
          disabled={!role || scope === 'district'}
          showSearch={{ optionFilterProp: 'label' }}
          optionRender={unitOptionRender}
        />
      </Form.Item>
      <Button
        type="text"
        danger
        icon={<DeleteOutlined />}
        aria-label={`删除角色 ${name + 1}`}
        onClick={onRemove}
        style={{ marginTop: 30 }}
      />
    </Space>
  );
}

export default function RoleRowsField({
  form,
  roles,
  unitOptions,
  listName = 'roles',
  defaultUnit,
}: {
  form: FormInstance;
  roles: RoleDef[];
  unitOptions: UnitOption[];
  listName?: string;
  defaultUnit?: Id;
}) {
  return (
    <Form.List
      name={listName}
      rules={[
        {
          validator: async (_, rows: RoleRow[] | undefined) => {
            const keys = rowsToInputs(rows).map((r) => `${r.role}@${String(r.unitId)}`);
            if (new Set(keys).size !== keys.length) throw new Error('存在重复的角色分配');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field) => (
            <RoleRowItem
              key={field.key}
              name={field.name}
              form={form}
              listName={listName}
              roles={roles}
              unitOptions={unitOptions}
              onRemove={() => remove(field.name)}
            />
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ unit: defaultUnit })} style={{ marginTop: 4 }}>
            添加角色
          </Button>
        </>
      )}
    </Form.List>
  );
}
