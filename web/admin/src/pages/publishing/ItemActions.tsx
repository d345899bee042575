// Actions on an item, by state and permission: 提交审核, 通过 / 退回, 发布 (now or scheduled), 撤回.
// The server has the last word; its Chinese messages are shown as they come.
import { useCallback, useState } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { CheckOutlined, EditOutlined, ExportOutlined, RollbackOutlined, SendOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { navigate } from '../../router';
import { pubApi, type Item } from './api';
import { STAGE_ROLE, canOnUnit, hasRoleOn, isBundledMember, portalUrl } from './labels';
import ActionDialog, { type DialogKind } from './ActionDialog';
import { useServerAction } from './useServerAction';

export default function ItemActions({ item, onChanged }: { item: Item; onChanged: () => Promise<void> | void }) {
  const { me } = useAuth();
  const [dialog, setDialog] = useState<DialogKind | null>(null);

  const lead = !isBundledMember(item);
  const canDraft = canOnUnit(me, 'content.draft', item.unitId);
  const reviewer = Object.values(STAGE_ROLE).some((role) => hasRoleOn(me, role, item.unitId));
  const canPublish = canOnUnit(me, 'content.publish', item.unitId);
  const canWithdraw = canOnUnit(me, 'content.withdraw', item.unitId);

  const { busy, error, setError, run: runAction } = useServerAction(onChanged);
  // The dialog closes whatever the outcome; a refusal shows above the actions.
  const run = (label: string, action: () => Promise<unknown>) => runAction(label, action, () => setDialog(null));

  const open = (d: DialogKind) => {
    setError(null);
    setDialog(d);
  };

  const onCheckFailed = useCallback((msg: string) => {
    setDialog(null);
    setError(msg);
  }, []);

  const buttons = [];
  if (item.status === 'draft' && canDraft) {
    buttons.push(
      <Button key="edit" icon={<EditOutlined />} onClick={() => navigate(`/content/${item.id}/edit`)}>
        编辑
      </Button>,
    );
    if (lead)
      buttons.push(
        <Button key="submit" type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void run('提交审核', () => pubApi.submit(item.id))}>
          提交审核
        </Button>,
      );
  }
  if (item.status === 'in_review' && lead && reviewer) {
    buttons.push(
      <Button key="approve" type="primary" icon={<CheckOutlined />} onClick={() => open('approve')}>
        通过
      </Button>,
      <Button key="return" danger icon={<RollbackOutlined />} onClick={() => open('return')}>
        退回
      </Button>,
    );
  }
  if (item.status === 'approved' && lead && canPublish) {
    buttons.push(
      <Button key="publish" type="primary" icon={<UploadOutlined />} onClick={() => open('publish')}>
        发布
      </Button>,
    );
  }
  if ((item.status === 'published' || item.status === 'scheduled') && canWithdraw) {
    buttons.push(
      <Button key="withdraw" danger icon={<StopOutlined />} onClick={() => open('withdraw')}>
        撤回
      </Button>,
    );
  }
  if (item.status === 'published') {
    buttons.push(
      <Button key="portal" icon={<ExportOutlined />} href={portalUrl(item)} target="_blank" rel="noreferrer">
        在门户查看
      </Button>,
    );
  }

  return (
    <div>
      {buttons.length > 0 && (
        <Space wrap aria-label="可执行的操作" role="group">
          {buttons}
          {item.status === 'in_review' && lead && reviewer && item.stageLabel && (
            <Typography.Text type="secondary">当前环节：{item.stageLabel}</Typography.Text>
          )}
        </Space>
      )}
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error}
          closable={{ onClose: () => setError(null) }}
          style={{ marginTop: 12 }}
        />
      )}
      {dialog && (
        <ActionDialog
          dialog={dialog}
          item={item}
          busy={busy}
          run={run}
          onCancel={() => setDialog(null)}
          onCheckFailed={onCheckFailed}
        />
      )}
    </div>
  );
}
