// Back-office routes of the privacy tools (个人信息检测与脱敏).
import { lazy } from 'react';
import { FileSearchOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../routes';

export const PRIVACY_ROUTES: RouteDef[] = [
  {
    path: '/privacy',
    label: '个人信息检测',
    icon: <FileSearchOutlined />,
    permissions: ['privacy.scan'],
    component: lazy(() => import('./PrivacyTools')),
  },
];
