// Back-office route of the information security patrol (信息安全巡查).
import { lazy } from 'react';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../routes';

export const PATROL_ROUTES: RouteDef[] = [
  {
    path: '/patrol',
    label: '信息安全巡查',
    icon: <SafetyCertificateOutlined />,
    permissions: ['patrol.view'],
    component: lazy(() => import('./PatrolDashboard')),
  },
];
