// Back-office routes of 培训交流 (task 22).
import { lazy } from 'react';
import { BookOutlined, ReadOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../routes';

export const TRAINING_ROUTES: RouteDef[] = [
  { path: '/training', label: '培训交流', icon: <ReadOutlined />, permissions: [], component: lazy(() => import('./Sessions')) },
  { path: '/training/cases', label: '典型案例', icon: <BookOutlined />, permissions: ['content.draft', 'training.manage', 'district.supervise'], component: lazy(() => import('./Cases')) },
];
