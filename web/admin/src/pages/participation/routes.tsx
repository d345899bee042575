// Back-office routes of public participation.
import { lazy } from 'react';
import { CommentOutlined, OrderedListOutlined, TeamOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../routes';

export const PARTICIPATION_ROUTES: RouteDef[] = [
  { path: '/participation/drafts', label: '意见征集', icon: <CommentOutlined />, permissions: ['participation.manage'], component: lazy(() => import('./Drafts')) },
  { path: '/participation/catalog', label: '决策事项目录', icon: <OrderedListOutlined />, permissions: ['participation.manage'], component: lazy(() => import('./Catalog')) },
  { path: '/participation/events', label: '列席会议与开放日', icon: <TeamOutlined />, permissions: ['participation.manage'], component: lazy(() => import('./Events')) },
];
