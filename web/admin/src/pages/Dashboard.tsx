// 工作台: welcome card with the user's roles, unit and quick links.
import { useEffect, useState } from 'react';
import { Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { api, type RoleDef } from '../api';
import { hasAny, useAuth } from '../auth';
import { PERMISSION_LABELS, roleText } from '../labels';
import { Link } from '../router';
import { ROUTES } from '../routes';

function greeting(): string {
  const h = new Date().getHours();
  if (h < 11) return '上午好';
  if (h < 13) return '中午好';
  if (h < 18) return '下午好';
  return '晚上好';
}

export default function Dashboard() {
  const { me } = useAuth();
  const [roleLabels, setRoleLabels] = useState<Record<string, string>>();
  const [health, setHealth] = useState<string>('检查中…');

  useEffect(() => {
    api
      .listRoles()
      .then((r) => setRoleLabels(Object.fromEntries(r.items.map((d: RoleDef) => [d.role, d.label]))))
      .catch(() => undefined);
    api
      .health()
      .then((h) => setHealth(h.status === 'ok' ? `正常（${h.database === 'postgresql' ? 'PostgreSQL' : 'SQLite'}）` : h.status))
      .catch(() => setHealth('无法获取'));
  }, []);

  const links = ROUTES.filter((r) => r.path !== '/' && !r.hidden && hasAny(me, r.permissions));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: '1.7em' }}>
          {greeting()}，{me.displayName}
        </Typography.Title>
        <Typography.Paragraph type="secondary">欢迎使用「公开」政务公开管理后台。</Typography.Paragraph>
        <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
          <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
          <Descriptions.Item label="所属单位">{me.unitName ?? '未分配单位'}</Descriptions.Item>
          <Descriptions.Item label="角色" span={2}>
            {me.roles.length === 0 ? (
              <Typography.Text type="secondary">尚未分配角色</Typography.Text>
            ) : (
              <Space size={[4, 4]} wrap>
                {me.roles.map((r) => (
                  <Tag key={`${r.role}-${r.unitId ?? 'district'}`} color="blue">
                    {roleText(r, roleLabels)}
                  </Tag>
                ))}
              </Space>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="管理权限" span={2}>
            {me.permissions.length === 0 ? (
              <Typography.Text type="secondary">无</Typography.Text>
            ) : (
              <Space size={[4, 4]} wrap>
                {me.permissions.map((p) => (
                  <Tag key={p}>{PERMISSION_LABELS[p] ?? p}</Tag>
                ))}
              </Space>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="服务状态" span={2}>
            {health}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="常用功能">
        {links.length === 0 ? (
          <Empty description="暂无可用功能" />
        ) : (
          <Row gutter={[16, 16]}>
            {links.map((r) => (
              <Col key={r.path} xs={12} md={8} xl={6}>
                <Link to={r.path}>
                  <Card hoverable size="small">
                    <Space>
                      {r.icon}
                      {r.label}
                    </Space>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </Space>
  );
}
