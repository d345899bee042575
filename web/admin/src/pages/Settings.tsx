// 站点设置: page-identity settings shown in the portal footer (settings.manage).
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Skeleton } from 'antd';
import { api, errorMessage, type SiteSettings } from '../api';

const EMPTY: SiteSettings = {
  siteName: '',
  hostUnit: '',
  siteCode: '',
  icp: '',
  psb: '',
  contactPhone: '',
  contactEmail: '',
  address: '',
};

export default function Settings() {
  const { message } = App.useApp();
  const [form] = Form.useForm<SiteSettings>();
  const [loading, setLoading] = useState(true);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api
      .getSiteSettings()
      .then((s) => form.setFieldsValue({ ...EMPTY, ...s }))
      .catch((err) => setError(errorMessage(err)))
      .finally(() => setLoading(false));
  }, [form]);

  const submit = async (values: SiteSettings) => {
    setSaving(true);
    try {
      const trimmed = Object.fromEntries(
        Object.entries({ ...EMPTY, ...values }).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]),
      ) as unknown as SiteSettings;
      form.setFieldsValue(await api.putSiteSettings(trimmed));
      message.success('站点设置已保存');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={<h1 style={{ fontSize: '1.125em', margin: 0 }}>站点设置</h1>}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 24 }}
        title="以下信息显示在公开门户页面底部（网站标识），请按政府网站有关规范如实填写。"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Skeleton loading={loading} active>
        <Form form={form} name="siteSettings" layout="vertical" onFinish={submit} style={{ maxWidth: 880 }}>
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item label="网站名称" name="siteName" rules={[{ required: true, whitespace: true, message: '请输入网站名称' }]}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="主办单位" name="hostUnit">
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                label="网站标识码"
                name="siteCode"
                extra="政府网站标识码：6 位行政区划代码加 4 位，如 3201000001"
                rules={[{ pattern: /^\d{6}[0-9A-Z]{4}$/, message: '网站标识码应为 10 位：6 位行政区划代码加 4 位' }]}
              >
                <Input maxLength={10} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="ICP 备案号" name="icp" extra="如 苏ICP备12345678号">
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="公安机关备案号" name="psb" extra="如 苏公网安备 32010002000001号">
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="联系电话" name="contactPhone">
                <Input maxLength={40} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="联系邮箱" name="contactEmail" rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
                <Input maxLength={80} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="地址" name="address">
                <Input maxLength={120} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={saving} disabled={!!error && loading}>
            保存设置
          </Button>
        </Form>
      </Skeleton>
    </Card>
  );
}
