// Attachments of one item: list, upload (drafts only) and delete; the server judges files by content.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Popconfirm, Select, Space, Table, Typography, Upload } from 'antd';
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api';
import { formatDateTime } from '../../labels';
import { pubApi, type Attachment } from './api';
import { ATTACHMENT_ROLE_LABELS } from './labels';

function size(n: number): string {
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export default function Attachments({ itemId, editable }: { itemId: number; editable: boolean }) {
  const { message } = App.useApp();
  const [items, setItems] = useState<Attachment[]>([]);
  const [loading, setLoading] = useState(true);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [role, setRole] = useState('attachment');

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems((await pubApi.listAttachments(itemId)).items);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [itemId]);

  useEffect(() => {
    void load();
  }, [load]);

  const upload = async (file: File) => {
    setUploading(true);
    setError(null);
    try {
      const a = await pubApi.addAttachment(itemId, file, role);
      message.success(`已上传 ${a.filename}`);
      await load();
    } catch (err) {
      setError(`「${file.name}」上传失败：${errorMessage(err)}`);
    } finally {
      setUploading(false);
    }
  };

  const remove = async (a: Attachment) => {
    setError(null);
    try {
      await pubApi.removeAttachment(a.id);
      message.success(`已删除 ${a.filename}`);
      await load();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section aria-labelledby={`attachments-${itemId}`}>
      <Typography.Title level={2} id={`attachments-${itemId}`} style={{ fontSize: '1em' }}>
        附件
      </Typography.Title>
      {editable && (
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label="附件用途"
            value={role}
            onChange={setRole}
            style={{ width: 120 }}
            options={Object.entries(ATTACHMENT_ROLE_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <Upload
            showUploadList={false}
            multiple={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading}>
              上传附件
            </Button>
          </Upload>
          <Typography.Text type="secondary">接受 PDF、Word(.docx)、Excel(.xlsx)、图片、视频及字幕（.vtt/.srt）</Typography.Text>
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} closable={{ onClose: () => setError(null) }} style={{ marginBottom: 12 }} />}
      <Table<Attachment>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: '暂无附件' }}
        columns={[
          {
            title: '文件名',
            dataIndex: 'filename',
            render: (name: string, a) => (
              <a href={`/files/${a.id}/${encodeURIComponent(name)}`} target="_blank" rel="noreferrer">
                {name}
              </a>
            ),
          },
          { title: '用途', dataIndex: 'role', width: 80, render: (r: string) => ATTACHMENT_ROLE_LABELS[r] ?? r },
          { title: '大小', dataIndex: 'size', width: 100, render: size },
          { title: '上传时间', dataIndex: 'createdAt', width: 170, render: formatDateTime },
          ...(editable
            ? [
                {
                  title: '操作',
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, a: Attachment) => (
                    <Popconfirm title={`删除附件「${a.filename}」？`} okText="删除" cancelText="取消" onConfirm={() => void remove(a)}>
                      <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`删除 ${a.filename}`}>
                        删除
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </section>
  );
}
