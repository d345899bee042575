// Route table: menu entries, required permissions and lazily loaded pages.
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  HomeOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { PUBLISHING_ROUTES } from './pages/publishing/routes';
import { WORKPLAN_ROUTES } from './pages/workplan/routes';
import { PRIVACY_ROUTES } from './pages/privacy/routes';
import { FOI_ROUTES } from './pages/foi/routes';
import { PATROL_ROUTES } from './pages/patrol/routes';
import { TRAINING_ROUTES } from './pages/training/routes';
import { LISTS_ROUTES } from './pages/lists/routes';
import { CONSULT_ROUTES } from './pages/consult/routes';
import { PARTICIPATION_ROUTES } from './pages/participation/routes';

export interface RouteDef {
  path: string;
  label: string;
  icon: ReactNode;
  /** The user needs any one of these permissions; empty = any logged-in user. */
  permissions: string[];
  component: LazyExoticComponent<ComponentType>;
  /** Matches parameterised paths (e.g. /content/12); the page reads its parameters from useRoute(). */
  pattern?: RegExp;
  /** Not shown in the side menu (detail and editor pages). */
  hidden?: boolean;
  /** Menu entry highlighted while a hidden page is open. */
  menuKey?: string;
}

export const ROUTES: RouteDef[] = [
  {
    path: '/',
    label: '工作台',
    icon: <HomeOutlined />,
    permissions: [],
    component: lazy(() => import('./pages/Dashboard')),
  },
  ...PUBLISHING_ROUTES,
  ...WORKPLAN_ROUTES,
  ...PRIVACY_ROUTES,
  ...FOI_ROUTES,
  ...PATROL_ROUTES,
  ...TRAINING_ROUTES,
  ...LISTS_ROUTES,
  ...CONSULT_ROUTES,
  ...PARTICIPATION_ROUTES,
  {
    path: '/units',
    label: '单位管理',
    icon: <ApartmentOutlined />,
    permissions: ['units.manage'],
    component: lazy(() => import('./pages/Units')),
  },
  {
    path: '/users',
    label: '用户与角色',
    icon: <TeamOutlined />,
    permissions: ['users.read', 'users.manage'],
    component: lazy(() => import('./pages/Users')),
  },
  {
    path: '/calendar',
    label: '工作日历',
    icon: <CalendarOutlined />,
    permissions: [],
    component: lazy(() => import('./pages/Calendar')),
  },
  {
    path: '/audit',
    label: '审计日志',
    icon: <AuditOutlined />,
    permissions: ['audit.read'],
    component: lazy(() => import('./pages/Audit')),
  },
  {
    path: '/settings',
    label: '站点设置',
    icon: <SettingOutlined />,
    permissions: ['settings.manage'],
    component: lazy(() => import('./pages/Settings')),
  },
  {
    path: '/profile',
    label: '个人设置',
    icon: <UserOutlined />,
    permissions: [],
    component: lazy(() => import('./pages/Profile')),
  },
];

export function findRoute(path: string): RouteDef | undefined {
  return ROUTES.find((r) => r.path === path) ?? ROUTES.find((r) => r.pattern?.test(path));
}
