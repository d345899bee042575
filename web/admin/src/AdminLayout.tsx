// Signed-in shell: side menu filtered by permissions, header with user info and actions.
import { useState, type ReactNode } from 'react';
import { Button, Layout, Menu, Modal, Space, Typography, theme } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { hasAny, useAuth } from './auth';
import { href, navigate } from './router';
import { ROUTES, findRoute } from './routes';
import ChangePasswordForm from './components/ChangePasswordForm';
import PrefsToggles from './components/PrefsToggles';
import NotificationBell from './components/NotificationBell';

const { Header, Sider, Content } = Layout;

export default function AdminLayout({ route, children }: { route: string; children: ReactNode }) {
  const { me, logout } = useAuth();
  const [collapsed, setCollapsed] = useState(false);
  const [pwOpen, setPwOpen] = useState(false);
  const { token } = theme.useToken();

  const items = ROUTES.filter((r) => !r.hidden && hasAny(me, r.permissions)).map((r) => ({
    key: r.path,
    icon: r.icon,
    // Real links so middle-click / open-in-new-tab work; plain clicks go through onClick.
    label: (
      <a href={href(r.path)} onClick={(e) => e.preventDefault()}>
        {r.label}
      </a>
    ),
  }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={216}
        className="gk-sider"
        style={{ position: 'sticky', top: 0, height: '100vh' }}
      >
        <div className="gk-brand" title="公开 · 政务公开管理后台">
          <span className="gk-brand-mark" aria-hidden="true">
            公
          </span>
          {!collapsed && <span>政务公开管理后台</span>}
        </div>
        <nav aria-label="主菜单">
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[findRoute(route)?.menuKey ?? route]}
            items={items}
            onClick={({ key }) => navigate(key)}
          />
        </nav>
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            height: 'auto',
            minHeight: 64,
            lineHeight: 'normal',
            padding: '8px 24px',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Space size="middle" wrap>
            <PrefsToggles />
            <NotificationBell />
            <Space size={4}>
              <UserOutlined aria-hidden="true" />
              <Typography.Text strong>{me.displayName}</Typography.Text>
              {me.unitName && <Typography.Text type="secondary">（{me.unitName}）</Typography.Text>}
            </Space>
            <Button icon={<KeyOutlined />} onClick={() => setPwOpen(true)}>
              修改密码
            </Button>
            <Button icon={<LogoutOutlined />} onClick={() => void logout()}>
              退出登录
            </Button>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>{children}</Content>
      </Layout>
      <Modal title="修改密码" open={pwOpen} onCancel={() => setPwOpen(false)} footer={null} destroyOnHidden>
        <ChangePasswordForm formName="headerChangePassword" onDone={() => setPwOpen(false)} />
      </Modal>
    </Layout>
  );
}
