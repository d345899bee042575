// 用户与角色: users filterable by unit and text; create/edit/roles for users.manage.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api, errorMessage, type Id, type RoleDef, type Unit, type User } from '../api';
import { useAuth } from '../auth';
import { formatDateTime, roleText } from '../labels';
import { unitSelectOptions } from '../unitTree';
import UserFormModal, { type UserModalState } from '../components/UserFormModal';
import UserRolesModal from '../components/UserRolesModal';
import { unitOptionRender } from '../components/unitOptionRender';

export default function Users() {
  const { me, refresh } = useAuth();
  const canManage = me.permissions.includes('users.manage');
  const [users, setUsers] = useState<User[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [roles, setRoles] = useState<RoleDef[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<Id | undefined>();
  const [q, setQ] = useState('');
  const [modal, setModal] = useState<UserModalState>(null);
  const [rolesUser, setRolesUser] = useState<User | null>(null);

  useEffect(() => {
    api
      .listUnits(me.permissions.includes('units.manage'))
      .then((r) => setUnits(r.items))
      .catch((err) => setError(errorMessage(err)));
    api
      .listRoles()
      .then((r) => setRoles(r.items))
      .catch((err) => setError(errorMessage(err)));
  }, [me.permissions]);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setUsers((await api.listUsers({ unitId, q: q.trim() || undefined })).items);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [unitId, q]);

  useEffect(() => {
    void load();
  }, [load]);

  const unitOptions = useMemo(() => unitSelectOptions(units), [units]);
  const roleLabels = useMemo(() => Object.fromEntries(roles.map((r) => [r.role, r.label])), [roles]);

  const afterSave = (saved: User) => {
    setModal(null);
    setRolesUser(null);
    void load();
    if (String(saved.id) === String(me.id)) void refresh();
  };

  const columns: ColumnsType<User> = [
    {
      title: '用户名',
      dataIndex: 'username',
      width: 140,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: '姓名', dataIndex: 'displayName', width: 120 },
    { title: '所属单位', dataIndex: 'unitName', width: 180 },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (rs: User['roles']) =>
        rs.length === 0 ? (
          <Typography.Text type="secondary">无</Typography.Text>
        ) : (
          <Space size={[4, 4]} wrap>
            {rs.map((r) => (
              <Tag key={`${r.role}-${r.unitId ?? 'district'}`} color={r.unitId === null ? 'purple' : 'blue'}>
                {roleText(r, roleLabels)}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: '状态',
      dataIndex: 'active',
      width: 80,
      render: (a: boolean) => (a ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
    },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      width: 170,
      render: (v: string | null, u) => (
        <Tooltip title={`创建于 ${formatDateTime(u.createdAt)}`}>{v ? formatDateTime(v) : '从未登录'}</Tooltip>
      ),
    },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 130,
            fixed: 'right' as const,
            render: (_: unknown, u: User) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setModal({ mode: 'edit', user: u })}>
                  编辑
                </Button>
                <Button type="link" size="small" onClick={() => setRolesUser(u)}>
                  角色
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={<h1 style={{ fontSize: '1.125em', margin: 0 }}>用户与角色</h1>}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ mode: 'create' })}>
            新建用户
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="按单位筛选"
          placeholder="全部单位"
          allowClear
          options={unitOptions}
          value={unitId}
          onChange={(v?: Id) => setUnitId(v)}
          showSearch={{ optionFilterProp: 'label' }}
          optionRender={unitOptionRender}
          style={{ width: 260 }}
        />
        <Input.Search
          aria-label="搜索用户"
          placeholder="用户名或姓名"
          allowClear
          onSearch={(v) => setQ(v)}
          style={{ width: 240 }}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          刷新
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<User>
        rowKey={(u) => String(u.id)}
        columns={columns}
        dataSource={users}
        loading={loading}
        size="middle"
        scroll={{ x: 1000 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 个用户` }}
      />
      {canManage && (
        <>
          <UserFormModal
            state={modal}
            roles={roles}
            unitOptions={unitOptions}
            onClose={() => setModal(null)}
            onSaved={afterSave}
          />
          <UserRolesModal
            user={rolesUser}
            roles={roles}
            unitOptions={unitOptions}
            onClose={() => setRolesUser(null)}
            onSaved={afterSave}
          />
        </>
      )}
    </Card>
  );
}
