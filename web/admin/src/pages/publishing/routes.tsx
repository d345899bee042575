// Back-office routes of the publishing pipeline and policy library.
import { lazy } from 'react';
import { AppstoreOutlined, BarChartOutlined, CheckSquareOutlined, FileTextOutlined, NodeIndexOutlined } from '@ant-design/icons';
import type { RouteDef } from '../../routes';
import { CONTENT_PERMISSIONS, REVIEW_PERMISSIONS } from './labels';

const ContentList = lazy(() => import('./ContentList'));

export const PUBLISHING_ROUTES: RouteDef[] = [
  { path: '/content', label: '内容管理', icon: <FileTextOutlined />, permissions: CONTENT_PERMISSIONS, component: ContentList },
  { path: '/content/review', label: '待我审核', icon: <CheckSquareOutlined />, permissions: REVIEW_PERMISSIONS, component: ContentList },
  {
    path: '/content/new/policy',
    label: '新建政策文件',
    icon: null,
    permissions: ['content.draft'],
    hidden: true,
    menuKey: '/content',
    component: lazy(() => import('./PolicyEditor')),
  },
  {
    path: '/content/new/notice',
    label: '新建通知公告',
    icon: null,
    permissions: ['content.draft'],
    hidden: true,
    menuKey: '/content',
    component: lazy(() => import('./ItemEditor').then((m) => ({ default: m.NewNotice }))),
  },
  {
    path: '/content/new/interpretation/:policyId',
    pattern: /^\/content\/new\/interpretation\/\d+$/,
    label: '新增政策解读',
    icon: null,
    permissions: ['content.draft'],
    hidden: true,
    menuKey: '/content',
    component: lazy(() => import('./ItemEditor').then((m) => ({ default: m.NewInterpretation }))),
  },
  {
    path: '/content/:id',
    pattern: /^\/content\/\d+$/,
    label: '内容详情',
    icon: null,
    permissions: CONTENT_PERMISSIONS,
    hidden: true,
    menuKey: '/content',
    component: lazy(() => import('./ItemDetail')),
  },
  {
    path: '/content/:id/edit',
    pattern: /^\/content\/\d+\/edit$/,
    label: '编辑草稿',
    icon: null,
    permissions: ['content.draft'],
    hidden: true,
    menuKey: '/content',
    component: lazy(() => import('./EditItem')),
  },
  {
    path: '/review-chains',
    label: '审核流程设置',
    icon: <NodeIndexOutlined />,
    // Supervisors see what applies; only columns.manage changes it (buttons follow the permission).
    permissions: ['columns.manage', 'district.supervise'],
    component: lazy(() => import('./ReviewChains')),
  },
  { path: '/columns', label: '栏目管理', icon: <AppstoreOutlined />, permissions: ['columns.manage'], component: lazy(() => import('./Columns')) },
  {
    path: '/interpretation-lag',
    label: '解读情况',
    icon: <BarChartOutlined />,
    permissions: ['district.supervise'],
    component: lazy(() => import('./InterpretationLag')),
  },
];
