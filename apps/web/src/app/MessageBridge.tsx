import { useEffect } from 'react';
import { App } from 'antd';
import { registerMessageApi } from '../lib/errors';

/** Lets code outside components (the query cache) show antd messages with the app's theme. */
export function MessageBridge() {
  const { message } = App.useApp();
  useEffect(() => {
    registerMessageApi(message);
    return () => registerMessageApi(null);
  }, [message]);
  return null;
}
