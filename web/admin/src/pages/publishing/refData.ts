// Reference data the publishing pages share: units and columns, loaded once per page visit.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, errorMessage, type Unit } from '../../api';
import { pubApi, type Column } from './api';

export interface RefData {
  units: Unit[];
  columns: Column[];
  unitName: (id: number | null | undefined) => string;
  columnName: (id: number) => string;
  error: string | null;
  columnsLoaded: boolean;
  reloadColumns: () => Promise<void>;
}

export function useRefData(opts: { includeInactiveColumns?: boolean } = {}): RefData {
  const includeInactive = opts.includeInactiveColumns ?? false;
  const [units, setUnits] = useState<Unit[]>([]);
  const [columns, setColumns] = useState<Column[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [columnsLoaded, setColumnsLoaded] = useState(false);

  const reloadColumns = useCallback(async () => {
    try {
      setColumns((await pubApi.listColumns(includeInactive)).items);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setColumnsLoaded(true);
    }
  }, [includeInactive]);

  useEffect(() => {
    api
      .listUnits()
      .then((r) => setUnits(r.items))
      .catch((err) => setError(errorMessage(err)));
    void reloadColumns();
  }, [reloadColumns]);

  return useMemo(() => {
    const unitNames = new Map(units.map((u) => [String(u.id), u.name]));
    const columnNames = new Map(columns.map((c) => [c.id, c.name]));
    return {
      units,
      columns,
      error,
      columnsLoaded,
      reloadColumns,
      unitName: (id) => (id === null || id === undefined ? '全区' : (unitNames.get(String(id)) ?? `单位 ${id}`)),
      columnName: (id) => columnNames.get(id) ?? `栏目 ${id}`,
    };
  }, [units, columns, error, columnsLoaded, reloadColumns]);
}
