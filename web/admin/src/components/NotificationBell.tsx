// Header bell: the signed-in user's in-app notifications (站内提醒, src/platform/notifications) with the unread count.
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { apiRequest } from '../api';
import { navigate } from '../router';

interface Notification {
  id: number;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  read: boolean;
}

// Reminders are written by a morning job: a few minutes' delay is fine, and polling stays cheap.
const POLL_MS = 120_000;

export default function NotificationBell() {
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);

  const load = useCallback(async () => {
    try {
      const r = await apiRequest<{ items: Notification[]; unread: number }>('GET', '/notifications', { query: { limit: 30 } });
      setItems(r.items);
      setUnread(r.unread);
    } catch {
      // The bell is secondary: a failed poll leaves the last list in place.
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  const openItem = async (n: Notification) => {
    if (!n.read) await apiRequest('POST', `/notifications/${n.id}/read`).catch(() => undefined);
    setOpen(false);
    if (n.link) navigate(n.link);
    void load();
  };
  const readAll = async () => {
    await apiRequest('POST', '/notifications/read-all').catch(() => undefined);
    void load();
  };

  const content = (
    <div style={{ width: 380, maxHeight: 440, overflowY: 'auto' }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无提醒" />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item key={n.id}>
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left', fontWeight: n.read ? 'normal' : 'bold' }} onClick={() => void openItem(n)}>
                  {n.read ? '' : '【未读】'}
                  {n.title}
                </Button>
                {n.body && <Typography.Text type="secondary">{n.body}</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {new Date(n.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void load();
      }}
      title={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <span>站内提醒</span>
          {unread > 0 && (
            <Button size="small" onClick={() => void readAll()}>
              全部标为已读
            </Button>
          )}
        </Space>
      }
      content={content}
    >
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button icon={<BellOutlined />} aria-label={unread ? `提醒（${unread} 条未读）` : '提醒'} aria-haspopup="dialog" aria-expanded={open} />
      </Badge>
    </Popover>
  );
}
