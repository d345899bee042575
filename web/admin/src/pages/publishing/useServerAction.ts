// One server action at a time: busy while it runs, a success message, or the server's own
// Chinese reason as the error; the page reloads after success.
import { useCallback, useState } from 'react';
import { App } from 'antd';
import { errorMessage } from '../../api';

export function useServerAction(reload: () => Promise<void> | void) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** `settle` runs once the outcome is known (e.g. to close a dialog), before the reload. */
  const run = useCallback(
    async (label: string, action: () => Promise<unknown>, settle?: (ok: boolean) => void) => {
      setBusy(true);
      setError(null);
      try {
        await action();
        message.success(`${label}成功`);
        settle?.(true);
        await reload();
      } catch (err) {
        setError(`${label}失败：${errorMessage(err)}`);
        settle?.(false);
      } finally {
        setBusy(false);
      }
    },
    [message, reload],
  );
  return { busy, error, setError, run };
}
