import { StrictMode, useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import AdminApp from './App';
import { PrefsContext, readPrefs, samePrefs, writePrefs, type Prefs, type PrefsContextValue } from './prefs';
import { bodyClasses, buildTheme } from './theme';
import './styles.css';

dayjs.locale('zh-cn');

/** Applies the reading modes from the gk_prefs cookie; toggles write the cookie and re-theme in place. */
function Root() {
  const [prefs, setPrefsState] = useState<Prefs>(readPrefs);

  const setPrefs = useCallback((p: Prefs) => {
    writePrefs(p);
    setPrefsState(p);
  }, []);

  // The portal (another tab) may have changed the cookie meanwhile.
  useEffect(() => {
    const sync = () => setPrefsState((cur) => {
      const next = readPrefs();
      return samePrefs(cur, next) ? cur : next;
    });
    window.addEventListener('focus', sync);
    return () => window.removeEventListener('focus', sync);
  }, []);

  useLayoutEffect(() => {
    for (const [cls, on] of Object.entries(bodyClasses(prefs))) document.body.classList.toggle(cls, on);
  }, [prefs]);

  const theme = useMemo(() => buildTheme(prefs), [prefs]);
  const ctx = useMemo<PrefsContextValue>(() => ({ prefs, setPrefs }), [prefs, setPrefs]);

  return (
    <PrefsContext.Provider value={ctx}>
      {/* No space inserted between two Chinese characters: accessible names read 「登录」, not 「登 录」. */}
      <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
        <AntApp>
          <AdminApp />
        </AntApp>
      </ConfigProvider>
    </PrefsContext.Provider>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('#root not found');

createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
