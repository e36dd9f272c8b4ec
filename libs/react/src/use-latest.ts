import { useLayoutEffect, useRef, type RefObject } from 'react';

/** A ref that always holds the latest render's value, for callbacks that must not re-subscribe. */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
