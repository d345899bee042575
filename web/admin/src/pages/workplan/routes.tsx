// Back-office routes of the work plan (工作要点).
import { lazy } from 'react';
import { ImportOutlined, ProjectOutlined, SolutionOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../routes';

export const WORKPLAN_ROUTES: RouteDef[] = [
  {
    path: '/workplan',
    label: '工作要点',
    icon: <ProjectOutlined />,
    permissions: ['workplan.manage', 'workplan.report', 'district.supervise'],
    component: lazy(() => import('./WorkplanPlan')),
  },
  {
    path: '/workplan/review',
    label: '进展审核',
    icon: <SolutionOutlined />,
    permissions: ['workplan.manage'],
    component: lazy(() => import('./WorkplanReview')),
  },
  {
    path: '/workplan/import',
    label: '导入工作要点',
    icon: <ImportOutlined />,
    permissions: ['workplan.manage'],
    component: lazy(() => import('./WorkplanImport')),
  },
];
