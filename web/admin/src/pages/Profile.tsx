// 个人设置: change password and personal API tokens.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, errorMessage, type ApiToken, type CreatedToken, type Id } from '../api';
import { useAuth } from '../auth';
import { formatDateTime } from '../labels';
import ChangePasswordForm from '../components/ChangePasswordForm';

const EXPIRY_OPTIONS = [
  { value: 30, label: '30 天' },
  { value: 90, label: '90 天' },
  { value: 180, label: '180 天' },
  { value: 365, label: '1 年' },
  { value: 0, label: '永不过期' },
];

export default function Profile() {
  const { message } = App.useApp();
  const { me } = useAuth();
  const [tokens, setTokens] = useState<ApiToken[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [createOpen, setCreateOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [form] = Form.useForm<{ name: string; expiresInDays: number }>();

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setTokens((await api.listTokens()).items);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const create = async (v: { name: string; expiresInDays: number }) => {
    setCreating(true);
    try {
      const token = await api.createToken(v.name.trim(), v.expiresInDays || undefined);
      setCreateOpen(false);
      setCreated(token);
      void load();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setCreating(false);
    }
  };

  const revoke = async (id: Id) => {
    try {
      await api.revokeToken(id);
      message.success('令牌已吊销');
      void load();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const columns: ColumnsType<ApiToken> = [
    { title: '名称', dataIndex: 'name' },
    { title: '创建时间', dataIndex: 'createdAt', width: 170, render: formatDateTime },
    { title: '最近使用', dataIndex: 'lastUsedAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : '从未使用') },
    {
      title: '有效期至',
      dataIndex: 'expiresAt',
      width: 200,
      render: (v: string | null) =>
        !v ? (
          '永不过期'
        ) : dayjs(v).isBefore(dayjs()) ? (
          <Space size={4}>
            {formatDateTime(v)}
            <Tag>已过期</Tag>
          </Space>
        ) : (
          formatDateTime(v)
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, t) => (
        <Popconfirm
          title={`吊销令牌「${t.name}」？`}
          description="吊销后使用该令牌的程序将立即无法访问。"
          okText="吊销"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={() => revoke(t.id)}
        >
          <Button type="link" danger size="small">
            吊销
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={<h1 style={{ fontSize: '1.125em', margin: 0 }}>个人设置</h1>}>
        <Typography.Paragraph>
          当前账号：<Typography.Text strong>{me.displayName}</Typography.Text>（{me.username}），所属单位：{me.unitName ?? '未分配单位'}
        </Typography.Paragraph>
        <h2 style={{ fontSize: '1.15em' }}>修改密码</h2>
        <ChangePasswordForm />
      </Card>
      <Card
        title={<h2 style={{ fontSize: '1.15em', margin: 0 }}>个人 API 令牌</h2>}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.setFieldsValue({ name: '', expiresInDays: 90 });
              setCreateOpen(true);
            }}
          >
            新建令牌
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          令牌用于脚本或其他系统以您的身份调用接口（请求头 <Typography.Text code>Authorization: Bearer gk_…</Typography.Text>
          ），权限与您的账号相同。不再使用的令牌请及时吊销。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Table<ApiToken>
          rowKey={(t) => String(t.id)}
          columns={columns}
          dataSource={tokens}
          loading={loading}
          size="small"
          pagination={false}
          locale={{ emptyText: '暂无令牌' }}
        />
      </Card>
      <Modal
        title="新建 API 令牌"
        open={createOpen}
        onCancel={() => setCreateOpen(false)}
        onOk={() => form.submit()}
        okText="创建"
        confirmLoading={creating}
        forceRender
      >
        <Form form={form} name="createToken" layout="vertical" onFinish={create}>
          <Form.Item label="令牌名称" name="name" extra="便于识别用途，如「数据报送脚本」" rules={[{ required: true, whitespace: true, message: '请输入令牌名称' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item label="有效期" name="expiresInDays">
            <Select options={EXPIRY_OPTIONS} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title="令牌已创建"
        open={created !== null}
        closable={false}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            我已妥善保存
          </Button>
        }
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="令牌只显示这一次"
          description="关闭此窗口后将无法再次查看。请立即复制并保存到安全的位置，切勿泄露或提交到代码仓库。"
        />
        <Typography.Paragraph strong>{created?.name}</Typography.Paragraph>
        <Typography.Paragraph copyable={{ text: created?.token, tooltips: ['复制', '已复制'] }}>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>
            {created?.token}
          </Typography.Text>
        </Typography.Paragraph>
      </Modal>
    </Space>
  );
}
