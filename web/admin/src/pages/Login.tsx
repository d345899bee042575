// Login page (/admin/login). Kept accessible: <main>, <h1>, labelled inputs, lang on <html>.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, theme } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { api, errorMessage, type Me } from '../api';
import { usePrefs } from '../prefs';
import PrefsToggles from '../components/PrefsToggles';

interface Values {
  username: string;
  password: string;
}

export default function Login({ onLoggedIn }: { onLoggedIn: (me: Me) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const { token } = theme.useToken();
  const { prefs } = usePrefs();
  const background = prefs.highContrast ? token.colorBgLayout : 'linear-gradient(160deg, #eef3fb 0%, #f7f7f7 60%)';

  const submit = async ({ username, password }: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const { user } = await api.login(username.trim(), password);
      onLoggedIn(user);
    } catch (err) {
      setError(errorMessage(err));
      setSubmitting(false);
    }
  };

  return (
    <main className="gk-center" style={{ background, padding: 16 }}>
      <Card style={{ width: prefs.largeFont ? 520 : 400, maxWidth: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 16 }}>
          <PrefsToggles />
        </div>
        <header style={{ textAlign: 'center', marginBottom: 24 }}>
          <h1 style={{ fontSize: '1.57em', margin: '0 0 4px', color: token.colorTextHeading }}>公开 · 政务公开管理后台</h1>
          <p style={{ margin: 0, color: token.colorTextSecondary }}>请使用本单位分配的账号登录</p>
        </header>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form<Values> name="login" layout="vertical" requiredMark={false} onFinish={submit} disabled={submitting}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined aria-hidden="true" />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined aria-hidden="true" />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
