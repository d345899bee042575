// Back-office routes of lists, enforcement publicity and services.
import { lazy } from 'react';
import { AccountBookOutlined, AuditOutlined, OrderedListOutlined, SolutionOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../routes';

const REVIEW = ['content.review.first', 'content.review.second', 'content.review.final', 'district.supervise'];

export const LISTS_ROUTES: RouteDef[] = [
  { path: '/lists', label: '清单管理', icon: <OrderedListOutlined />, permissions: ['lists.maintain', ...REVIEW], component: lazy(() => import('./Lists')) },
  { path: '/lists/:id', pattern: /^\/lists\/\d+$/, label: '清单版本', icon: null, permissions: ['lists.maintain', ...REVIEW], hidden: true, menuKey: '/lists', component: lazy(() => import('./ListVersion')) },
  { path: '/fee-collections', label: '收费金额', icon: <AccountBookOutlined />, permissions: ['fees.record', 'reports.foi'], component: lazy(() => import('./FeeCollections')) },
  { path: '/enforcement', label: '行政执法公示', icon: <AuditOutlined />, permissions: ['enforcement.record', ...REVIEW], component: lazy(() => import('../enforcement/Decisions')) },
  { path: '/services', label: '办事指南', icon: <SolutionOutlined />, permissions: ['services.maintain', ...REVIEW], component: lazy(() => import('../services/Guides')) },
];
