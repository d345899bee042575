// 「大字版」/「标准字体」 and 「高对比度」/「标准配色」 toggles (login page and layout header).
import { Button, Space } from 'antd';
import { BgColorsOutlined, FontSizeOutlined } from '@ant-design/icons';
import { usePrefs } from '../prefs';

export default function PrefsToggles() {
  const { prefs, setPrefs } = usePrefs();
  return (
    <Space size={8} wrap role="group" aria-label="显示模式">
      <Button
        icon={<FontSizeOutlined aria-hidden="true" />}
        title={prefs.largeFont ? '恢复标准字号' : '切换为大字号显示'}
        onClick={() => setPrefs({ ...prefs, largeFont: !prefs.largeFont })}
      >
        {prefs.largeFont ? '标准字体' : '大字版'}
      </Button>
      <Button
        icon={<BgColorsOutlined aria-hidden="true" />}
        title={prefs.highContrast ? '恢复标准配色' : '切换为黑底高对比度配色'}
        onClick={() => setPrefs({ ...prefs, highContrast: !prefs.highContrast })}
      >
        {prefs.highContrast ? '标准配色' : '高对比度'}
      </Button>
    </Space>
  );
}
