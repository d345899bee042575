// Back-office routes of 政策咨询.
import { lazy } from 'react';
import { BarChartOutlined, MessageOutlined, WarningOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../routes';

const READ = ['consult.handle', 'consult.assign', 'consult.review', 'district.supervise'];
export const CONSULT_ROUTES: RouteDef[] = [
  { path: '/consult', label: '政策咨询', icon: <MessageOutlined />, permissions: READ, component: lazy(() => import('./Questions')) },
  { path: '/consult/overdue', label: '咨询超期督办', icon: <WarningOutlined />, permissions: ['consult.handle', 'consult.assign', 'district.supervise'], component: lazy(() => import('./Overdue')) },
  { path: '/consult/stats', label: '咨询办理统计', icon: <BarChartOutlined />, permissions: ['consult.handle', 'consult.assign', 'district.supervise'], component: lazy(() => import('./Stats')) },
];
