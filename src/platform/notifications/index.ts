/** In-app notifications (站内提醒): public interface of the kernel service (see README.md). */
export { notify, listNotifications, markRead, markAllRead, type Notification, type NotifyInput, type Recipient } from './notifications.js';
export { notificationRoutes } from './routes.js';
