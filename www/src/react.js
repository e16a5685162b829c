// `rust-card-checkout/react`: the widget as a React component. Not part of the script-tag
// or ES-module download: only apps that import it get it (with their own React).
import { createElement, useEffect, useRef } from 'react';
import { mount } from './index.js';

const HOOKS = ['onReady', 'onChange', 'onSubmit', 'onResult', 'onError', 'beforeRedirect'];

/** What decides a mount: every option but the callbacks, as text. A new object with the
 *  same content is the same mount; a callback that changes is called without remounting. */
function mountKey(options) {
  return JSON.stringify(options, (k, v) => (typeof v === 'function' ? undefined : v instanceof URL ? v.href : v));
}

/** `<Checkout options={…} onResult={…} />`: mounts in an effect into an element of its own,
 *  destroys on unmount (StrictMode's mount → destroy → mount leaves one widget). Every
 *  callback is read at call time, from `options` or from the prop of the same name. */
export function Checkout(props) {
  const { options = {}, className, id } = props;
  const box = useRef(null);
  const latest = useRef(props);
  const key = mountKey(options);
  // the props of the last committed render (one React discards never counts); it runs
  // before the mount effect below
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const el = document.createElement('div');
    box.current.appendChild(el);
    let handle = null;
    let gone = false;
    // a mount already cleaned up (StrictMode's first) tells the app nothing
    const call = (h, e) => (gone ? undefined : (latest.current[h] || latest.current.options?.[h])?.(e));
    const hooks = Object.fromEntries(HOOKS.map((h) => [h, (e) => call(h, e)]));
    mount(el, { ...latest.current.options, ...hooks }).then(
      (h) => (gone ? h.destroy() : (handle = h)),
      // refused options (a load failure has already called onError)
      (e) => !gone && !e.code && hooks.onError({ code: 'mount', message: String(e && e.message ? e.message : e) }),
    );
    return () => {
      gone = true;
      handle?.destroy();
      el.remove();
    };
  }, [key]);

  return createElement('div', { ref: box, className, id });
}
