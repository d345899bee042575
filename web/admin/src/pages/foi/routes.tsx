// Back-office routes of 依申请公开 and the annual report.
import { lazy } from 'react';
import { FileSearchOutlined, FundOutlined, WarningOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../routes';

export const FOI_ROUTES: RouteDef[] = [
  { path: '/foi', label: '依申请公开', icon: <FileSearchOutlined />, permissions: ['foi.handle', 'foi.approveExtension', 'district.supervise'], component: lazy(() => import('./Applications')) },
  { path: '/foi/overdue', label: '逾期督办', icon: <WarningOutlined />, permissions: ['foi.handle', 'district.supervise'], component: lazy(() => import('./Overdue')) },
  { path: '/reports/foi', label: '公开年报', icon: <FundOutlined />, permissions: ['reports.foi'], component: lazy(() => import('./AnnualReport')) },
];
