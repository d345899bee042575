// Root component: session bootstrap, login redirect and page selection.
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App as AntApp, Button, Result, Spin } from 'antd';
import { api, errorMessage, onUnauthenticated, type ApiError, type Me } from './api';
import { AuthContext, hasAny, type AuthContextValue } from './auth';
import { navigate, useRoute } from './router';
import { findRoute } from './routes';
import AdminLayout from './AdminLayout';
import Login from './pages/Login';

const APP_TITLE = '公开 · 政务公开管理后台';

/** Route the user asked for before being sent to the login page. */
let pendingRoute: string | null = null;

function FullPageSpin() {
  return (
    <div className="gk-center">
      <Spin size="large" description="加载中…" />
    </div>
  );
}

export default function AdminApp() {
  const { message } = AntApp.useApp();
  const route = useRoute();
  const [me, setMe] = useState<Me | null>(null);
  const [booting, setBooting] = useState(true);
  const [bootError, setBootError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setBooting(true);
    setBootError(null);
    try {
      setMe((await api.me()).user);
    } catch (err) {
      setMe(null);
      if ((err as ApiError).status !== 401) setBootError(errorMessage(err));
    } finally {
      setBooting(false);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const meRef = useRef<Me | null>(null);
  meRef.current = me;
  useEffect(() => {
    onUnauthenticated(() => {
      if (meRef.current) message.warning('登录已过期，请重新登录');
      setMe(null);
    });
    return () => onUnauthenticated(null);
  }, [message]);

  // Redirects between the login page and the rest of the app.
  useEffect(() => {
    if (booting || bootError) return;
    if (!me && route !== '/login') {
      pendingRoute = route;
      navigate('/login', { replace: true });
    } else if (me && route === '/login') {
      const target = pendingRoute ?? '/';
      pendingRoute = null;
      navigate(target, { replace: true });
    }
  }, [booting, bootError, me, route]);

  const def = findRoute(route);
  useEffect(() => {
    const label = route === '/login' ? '登录' : (def?.label ?? '页面不存在');
    document.title = `${label} · ${APP_TITLE}`;
  }, [route, def]);

  const auth = useMemo<AuthContextValue | null>(
    () =>
      me && {
        me,
        refresh: async () => setMe((await api.me()).user),
        logout: async () => {
          try {
            await api.logout();
          } catch (err) {
            message.error(errorMessage(err));
          }
          pendingRoute = null;
          navigate('/login', { replace: true });
          setMe(null);
        },
      },
    [me, message],
  );

  if (booting) return <FullPageSpin />;
  if (bootError) {
    return (
      <main className="gk-center">
        <Result
          status="warning"
          title="无法连接管理后台服务"
          subTitle={bootError}
          extra={<Button type="primary" onClick={() => void load()}>重试</Button>}
        />
      </main>
    );
  }
  if (!auth) return route === '/login' ? <Login onLoggedIn={setMe} /> : <FullPageSpin />;
  if (route === '/login') return <FullPageSpin />;

  let page;
  if (!def) {
    page = <Result status="404" title="页面不存在" extra={<Button onClick={() => navigate('/')}>返回工作台</Button>} />;
  } else if (!hasAny(auth.me, def.permissions)) {
    page = <Result status="403" title="无权访问" subTitle="您的账号没有访问此页面的权限。" />;
  } else {
    const Page = def.component;
    page = <Page />;
  }

  return (
    <AuthContext.Provider value={auth}>
      <AdminLayout route={route}>
        <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{page}</Suspense>
      </AdminLayout>
    </AuthContext.Provider>
  );
}
