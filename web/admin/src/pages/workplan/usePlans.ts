import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api';
import { workplanApi, type PlanSummary, type PlanView } from './api';

/** The list of plans, the chosen one (latest by default) and its view. */
export function usePlan() {
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [planId, setPlanId] = useState<number | null>(null);
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    workplanApi
      .plans()
      .then(({ items }) => {
        setPlans(items);
        setPlanId(items[0]?.id ?? null);
        if (!items.length) setLoading(false);
      })
      .catch((err) => {
        setError(errorMessage(err));
        setLoading(false);
      });
  }, []);

  const reload = useCallback(async () => {
    if (planId === null) return;
    setLoading(true);
    setError(null);
    try {
      setPlan(await workplanApi.plan(planId));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [planId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { plans, planId, setPlanId, plan, loading, error, reload };
}
