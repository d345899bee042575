// /content/:id/edit — opens the editor of the item's kind (drafts only).
import { useEffect, useState } from 'react';
import { Button, Result, Spin } from 'antd';
import { errorMessage } from '../../api';
import { navigate, useRoute } from '../../router';
import { loadFull, type Interpretation, type Item, type Policy } from './api';
import { idFromRoute, STATUS_LABELS } from './labels';
import { PolicyEditor } from './PolicyEditor';
import { ItemEditor } from './ItemEditor';

export default function EditItem() {
  const id = idFromRoute(useRoute());
  const [item, setItem] = useState<Item | Policy | Interpretation | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setItem(null);
    loadFull(id)
      .then(setItem)
      .catch((err) => setError(errorMessage(err)));
  }, [id]);

  if (error) return <Result status="error" title={error} extra={<Button onClick={() => navigate('/content')}>返回内容管理</Button>} />;
  if (!item) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (item.status !== 'draft') {
    return (
      <Result
        status="warning"
        title={`内容当前状态为「${STATUS_LABELS[item.status] ?? item.status}」，只有草稿可以修改`}
        extra={<Button onClick={() => navigate(`/content/${item.id}`)}>查看详情</Button>}
      />
    );
  }
  if ('policy' in item) return <PolicyEditor key={item.id} policy={item} />;
  return <ItemEditor key={item.id} kind={item.kind === 'interpretation' ? 'interpretation' : 'notice'} item={item} />;
}
